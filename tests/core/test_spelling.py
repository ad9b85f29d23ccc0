"""The spelling rules, against a small word list standing in for a Hunspell dictionary."""

import unicodedata

import pytest

from curator.core.errors import CuratorError
from curator.core.language.spelling import (
    SpellChecker,
    dictionary_for,
    glossary_words,
    load_dictionaries,
    vietnamese_tone_variants,
)
from curator.core.model import GlossaryEntry, GlossaryKind


class WordList:
    def __init__(self, tag: str, words: str) -> None:
        self.tag = tag
        self.words = set(words.split())
        self.lookups: list[str] = []

    def check(self, word: str) -> bool:
        self.lookups.append(word)
        return word in self.words or word.lower() in self.words

    def suggest(self, word: str) -> list[str]:
        return sorted(w for w in self.words if w[:2] == word[:2].lower())


class Source:
    def __init__(self, dictionaries: dict[str, WordList], broken: str = "") -> None:
        self.dictionaries = dictionaries
        self.broken = broken
        self.loads: list[str] = []

    def available(self) -> list[str]:
        return sorted(self.dictionaries)

    def load(self, tag: str) -> WordList:
        self.loads.append(tag)
        if tag == self.broken:
            raise CuratorError(f"{tag} is damaged")
        return self.dictionaries[tag]


def flagged(checker: SpellChecker, text: str) -> list[str]:
    return [m.word for m in checker.misspellings(text)]


VI = WordList("vi_VN", "hội đàm việt nga hoà thuỷ điện khoẻ mạnh tại ngày tin đưa hà nội mát va")
RU = WordList("ru_RU", "переговоры в ханое ёлка все кто то и тасс")
EN = WordList("en_US", "talks in hanoi the minister said don't")


def test_vietnamese_syllables_with_diacritics_and_both_tone_placements():
    checker = SpellChecker("vi", VI)
    assert flagged(checker, "Hội đàm Việt – Nga tại Hà Nội") == []
    # hunspell-vi lists "hoà", "thuỷ", "khoẻ"; VNA writes "hòa", "thủy", "khỏe" as often.
    assert flagged(checker, "hòa hoà thủy thuỷ điện khỏe mạnh") == []
    assert flagged(checker, "Hộii đàmm") == ["Hộii", "đàmm"]


def test_text_typed_decomposed_is_checked_in_nfc_at_its_own_offsets():
    checker = SpellChecker("vi", VI)
    text = unicodedata.normalize("NFD", "Hội đàmm")
    (wrong,) = checker.misspellings(text)
    assert wrong.word == "đàmm"
    assert unicodedata.normalize("NFC", text[wrong.start : wrong.end]) == "đàmm"


def test_tone_variants_only_where_the_conventions_differ():
    assert vietnamese_tone_variants("hòa") == ["hoà"]
    assert vietnamese_tone_variants("Thuỷ") == ["Thủy"]
    assert vietnamese_tone_variants("khoẻ") == ["khỏe"]
    assert vietnamese_tone_variants("hoàng") == []  # a final consonant: one convention
    assert vietnamese_tone_variants("người") == []
    assert vietnamese_tone_variants("hoa") == []  # no tone mark at all


def test_russian_yo_and_hyphenated_words():
    checker = SpellChecker("ru", RU)
    assert flagged(checker, "Ёлка в Ханое, кто-то все") == []
    # A word with ё passes when the dictionary knows it with е only, not the other way.
    assert flagged(checker, "Всё") == []
    assert flagged(checker, "перегаворы в Ханое") == ["перегаворы"]
    assert flagged(checker, "кто-тоо") == ["тоо"]


def test_numbers_addresses_acronyms_and_initials_are_not_checked():
    checker = SpellChecker("en", EN)
    text = (
        "The G20 talks in Hanoi on 12/3, 15h30: see https://vnanet.vn/a?b=1, "
        "mail press@vna.vn or vietnamplus.vn. TTXVN, TASS, ВИА, HĐND, VNA’s and V. Putin"
    )
    # Only words: the numbers, the addresses, the acronyms and the initial pass.
    assert flagged(checker, text) == ["on", "see", "mail", "or", "and", "Putin"]


def test_apostrophes_keep_english_words_whole():
    checker = SpellChecker("en", EN)
    assert flagged(checker, "The minister said: don’t") == []


def test_glossary_names_and_their_variants_are_never_flagged():
    entries = [
        GlossaryEntry(
            1,
            GlossaryKind.PERSON,
            {"vi": "Vũ Việt Trang", "ru": "Ву Вьет Чанг", "en": "Vu Viet Trang"},
            variants={"ru": ("Ву Вьет Транг",)},
        ),
        GlossaryEntry(2, GlossaryKind.PLACE, {"vi": "Mát-xcơ-va", "ru": "Москва"}),
    ]
    ru = SpellChecker("ru", RU, glossary_words(entries, "ru"))
    assert flagged(ru, "Ву Вьет Чанг и Ву Вьет Транг в Москве") == ["Москве"]
    assert flagged(ru, "Vu Viet Trang") == ["Vu", "Viet", "Trang"]  # other languages' forms
    vi = SpellChecker("vi", VI, glossary_words(entries, "vi"))
    assert flagged(vi, "Vũ Việt Trang tại Mát-xcơ-va") == []
    assert flagged(vi, "Moskva") == ["Moskva"]
    assert ru.set_glossary(glossary_words(entries[:1], "ru"))
    assert not ru.set_glossary(glossary_words(entries[:1], "ru"))


def test_ignored_words_and_the_lookup_cache():
    dictionary = WordList("en_US", "the talks")
    checker = SpellChecker("en", dictionary)
    assert flagged(checker, "the talkz, the talkz") == ["talkz", "talkz"]
    assert dictionary.lookups.count("talkz") == 1  # checked once while typing on
    checker.ignore("Talkz")
    assert flagged(checker, "TALKZ talkz Talkz") == []


def test_suggestions_are_nfc_without_the_word_itself():
    checker = SpellChecker("ru", RU)
    assert checker.suggestions("пере") == ["переговоры"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "vi_VN"),
        ("ru", "ru_RU"),
        ("en", "en_US"),
        ("en-GB", "en_GB"),
        ("en-AU", "en_US"),  # the likely territory of the language
        ("pt-BR", "pt_BR"),
        ("pt", "pt_BR"),
        ("fr", None),
    ],
)
def test_which_dictionary_a_content_language_uses(language, expected):
    available = ["en_GB", "en_US", "pt_BR", "pt_PT", "ru_RU", "vi_VN"]
    assert dictionary_for(language, available) == expected


def test_loading_shares_dictionaries_and_says_which_languages_have_none():
    source = Source({"en_US": EN, "ru_RU": RU, "vi_VN": VI}, broken="ru_RU")
    result = load_dictionaries(source, ["vi", "en", "en-GB", "ru", "fr"])
    assert result.dictionaries == {"vi": VI, "en": EN, "en-GB": EN}
    assert result.unavailable == {"ru": "ru_RU is damaged", "fr": ""}
    assert source.loads == ["vi_VN", "en_US", "ru_RU"]
    again = load_dictionaries(source, ["vi"], loaded={"vi_VN": VI})
    assert again.dictionaries == {"vi": VI} and source.loads.count("vi_VN") == 1


def test_english_without_a_territory_accepts_british_and_american_spelling():
    us = WordList("en_US", "organized colors the")
    gb = WordList("en_GB", "organised colours the")
    source = Source({"en_US": us, "en_GB": gb})
    result = load_dictionaries(source, ["en", "en-US"])
    either = SpellChecker("en", result.dictionaries["en"])
    assert flagged(either, "the organised colors organized colours") == []
    assert result.dictionaries["en"].tag == "en_US+en_GB"
    american = SpellChecker("en-US", result.dictionaries["en-US"])
    assert flagged(american, "the organised colours") == ["organised", "colours"]
    assert source.loads == ["en_US", "en_GB"]  # each loaded once, shared


def test_names_in_generated_credit_lines_are_known_but_not_in_edited_ones(service):
    from curator.core.language.spelling import known_words
    from curator.core.model import CaptionField, Photo
    from curator.core.services import CaptionEdit

    with service.store.transaction():
        photos = [
            service.photos.add(Photo(id="", path=service.path, sha256=str(i), width=1, height=1))
            for i in range(2)
        ]
    service.set_captions(
        [
            CaptionEdit(
                photos[0].id, "ru", CaptionField.CREDIT, "Фото: Туан Ань/ВИА", edited=False
            ),
            CaptionEdit(photos[1].id, "ru", CaptionField.CREDIT, "Фото: Тху Хоай/ВИА", edited=True),
            CaptionEdit(photos[0].id, "ru", CaptionField.HEADLINE, "Хангма", edited=False),
        ]
    )
    generated = service.captions.generated_texts()
    assert generated == {"ru": ["Фото: Туан Ань/ВИА"]}
    words = known_words([], generated["ru"], "ru")
    checker = SpellChecker("ru", RU, words)
    assert flagged(checker, "Туан Ань и Тху Хоай") == ["Тху", "Хоай"]
