from curator.core.language.collation import sort_key, sorted_names
from curator.core.language.typography import NBSP, hyphenation_points, typeset


def test_russian_quotes_year_and_one_letter_words() -> None:
    text = typeset('Он сказал: "Мы в Москве с 1958 г." и "вот "это" всё"', "ru")
    assert text == (f"Он сказал: «Мы в{NBSP}Москве с{NBSP}1958{NBSP}г.» и{NBSP}«вот „это“ всё»")
    assert typeset("24 февраля 2026 г. – переговоры", "ru") == (
        f"24 февраля 2026{NBSP}г.{NBSP}— переговоры"  # Russian: the em dash
    )


def test_english_quotes_and_vietnamese_left_as_written() -> None:
    assert typeset("He said \"it's the 'best' day\"", "en") == "He said “it’s the ‘best’ day”"
    vietnamese = 'Ông nói "xông đất" mang ý nghĩa tốt lành'
    assert typeset(vietnamese, "vi") == vietnamese
    decomposed = "Hà Nội".replace("à", "a\u0300")
    assert typeset(decomposed, "vi") == "Hà Nội"  # NFC


def test_hyphenation_for_russian_and_english_only() -> None:
    russian = hyphenation_points("ru")
    english = hyphenation_points("en")
    assert russian is not None and english is not None
    assert russian("информационных")
    assert 6 in russian("пресс-центре")  # after the hyphen the word has
    assert english("photographers")
    assert english("Kondrashov") == ()  # names are not divided
    assert hyphenation_points("vi") is None


def test_vietnamese_alphabet_with_tones_second() -> None:
    names = ["Đức", "Dung", "Ánh", "Anh", "Ấn", "Ăn", "Bình", "Ê", "Em", "Ả", "À", "A", "Ạ"]
    assert sorted_names(names, "vi") == [
        "A",
        "À",
        "Ả",
        "Ạ",
        "Anh",
        "Ánh",
        "Ăn",
        "Ấn",
        "Bình",
        "Dung",
        "Đức",
        "Em",
        "Ê",
    ]


def test_russian_yo_sorts_with_ye() -> None:
    names = ["Ёлкин", "Ельцин", "Ежов", "Жуков", "Smith", "Елизаров"]
    assert sorted_names(names, "ru") == ["Ежов", "Елизаров", "Ёлкин", "Ельцин", "Жуков", "Smith"]
    assert sort_key("ёж", "ru") > sort_key("еж", "ru")  # е before ё when all else is equal


def test_latin_order_ignores_marks_first() -> None:
    assert sorted_names(["Zoe", "Émile", "Emil", "adam"], "en") == ["adam", "Emil", "Émile", "Zoe"]
