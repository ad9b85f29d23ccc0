"""Spell checking with the real Hunspell dictionaries (Debian's hunspell-vi, -ru, -en-us)."""

import pytest

from curator.core.language.spelling import SpellChecker, glossary_words, load_dictionaries
from curator.core.model import GlossaryEntry, GlossaryKind
from curator.proofing import EnchantSource, enchant_problem

ENTRIES = [
    GlossaryEntry(
        1,
        GlossaryKind.PERSON,
        {"vi": "Nguyễn Phú Trọng", "ru": "Нгуен Фу Чонг", "en": "Nguyen Phu Trong"},
        variants={"ru": ("Нгуен Фу Чонг",), "en": ("Nguyễn Phú Trọng",)},
    ),
    GlossaryEntry(
        2, GlossaryKind.ORGANISATION, {"vi": "Vietnam Airlines", "ru": "Вьетнам Эйрлайнз"}
    ),
]


@pytest.fixture(scope="module")
def checkers() -> dict[str, SpellChecker]:
    assert enchant_problem() == ""
    loaded = load_dictionaries(EnchantSource(), ["vi", "ru", "en", "fr-x-none"])
    assert set(loaded.dictionaries) == {"vi", "ru", "en"}, loaded.unavailable
    return {
        language: SpellChecker(language, dictionary, glossary_words(ENTRIES, language))
        for language, dictionary in loaded.dictionaries.items()
    }


def flagged(checker: SpellChecker, text: str) -> list[str]:
    return [m.word for m in checker.misspellings(text)]


def test_the_three_dictionaries_are_installed():
    source = EnchantSource()
    assert {"vi_VN", "ru_RU", "en_US"} <= set(source.available())


def test_vietnamese_news_text(checkers):
    vi = checkers["vi"]
    text = (
        "Chiều 12/3, tại Hà Nội, Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng thống Nga. "
        "Thủy điện Hòa Bình; Ảnh: Tuấn Anh/TTXVN"
    )
    assert flagged(vi, text) == []
    # The word list is of syllables: a syllable that exists is never flagged, even where
    # another was meant ("tai" for "tại", "Nôi" for "Nội"); one that does not exist is.
    assert flagged(vi, "Hội đàm tai Hà Nôi Ngễn") == ["Ngễn"]
    assert "Nguyễn" in vi.suggestions("Ngễn")
    assert flagged(vi, "Hội đàmm") == ["đàmm"]
    assert "đàm" in vi.suggestions("đàmm")


def test_russian_with_and_without_yo(checkers):
    ru = checkers["ru"]
    text = "Ёлка в Ханое; ещё и еще, всё-таки кто-то. Нгуен Фу Чонг прибыл в Москву (ТАСС, ВИА)."
    assert flagged(ru, text) == []
    assert flagged(ru, "Перегаворы в Ханое") == ["Перегаворы"]
    assert ru.suggestions("Перегаворы")[0] == "Переговоры"


def test_english(checkers):
    en = checkers["en"]
    assert (
        flagged(en, "The minister’s talks in Hanoi; Nguyen Phu Trong said it's well-known.") == []
    )
    assert flagged(en, "He recieved the delegaton") == ["recieved", "delegaton"]
    assert "received" in en.suggestions("recieved")


def test_glossary_names_are_never_flagged(checkers):
    ru = checkers["ru"]
    assert flagged(ru, "Вьетнам Эйрлайнз") == []
    plain = SpellChecker("ru", ru.dictionary)
    assert flagged(plain, "Нгуен Фу Чонг, Вьетнам Эйрлайнз") == ["Нгуен", "Чонг", "Эйрлайнз"]


def test_a_language_without_a_dictionary_is_not_checked():
    loaded = load_dictionaries(EnchantSource(), ["de", "vi"])
    assert loaded.unavailable == {"de": ""}
    assert set(loaded.dictionaries) == {"vi"}


def test_without_the_enchant_library_nothing_is_checked_and_the_reason_is_given(monkeypatch):
    from curator.core.errors import CuratorError
    from curator.proofing import enchant_dictionaries

    monkeypatch.setattr(enchant_dictionaries, "_enchant", lambda: None)
    assert "libenchant-2-2" in enchant_problem()
    source = EnchantSource()
    assert source.available() == []
    with pytest.raises(CuratorError, match="libenchant-2-2"):
        source.load("vi_VN")
    loaded = load_dictionaries(source, ["vi", "ru"])
    assert loaded.dictionaries == {} and loaded.unavailable == {"vi": "", "ru": ""}


def test_a_dictionary_that_is_not_there_is_refused_with_its_name():
    from curator.core.errors import CuratorError

    with pytest.raises(CuratorError, match="xx_YY"):
        EnchantSource().load("xx_YY")
