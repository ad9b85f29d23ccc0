"""Choosing content languages: every babel locale, named and searchable."""

import pytest
from babel import Locale

from curator.core.language.language_choices import (
    COMMON_CHOICES,
    FIRST_CHOICES,
    fold,
    language_choices,
    search_languages,
)


def test_vietnamese_russian_and_english_come_first_named_in_the_interface_language():
    choices = language_choices("ru")
    assert [c.tag for c in choices[:3]] == ["vi", "ru", "en"]
    assert choices[0].name == "Вьетнамский"  # a list entry starts with a capital
    assert len(choices) > 700
    assert "pt-BR" in {c.tag for c in choices}


def test_search_by_name_in_the_interface_language_or_english_or_code():
    assert search_languages("вьет", "ru")[0].tag == "vi"
    assert search_languages("tieng viet", "vi")[0].tag == "vi"
    assert search_languages("Vietnamese", "ru")[0].tag == "vi"
    assert search_languages("pt_br", "en")[0].tag == "pt-BR"
    assert search_languages("german", "en")[0].tag == "de"
    brazil = [c.tag for c in search_languages("portuguese brazil", "en")]
    assert brazil[0] == "pt-BR"
    assert search_languages("ёлочный", "ru") == []
    assert [c.tag for c in search_languages("", "en")[:3]] == ["vi", "ru", "en"]


def test_fold_ignores_case_and_diacritics():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("Ёлка") == "елка"


@pytest.mark.parametrize("interface", ["vi", "ru", "en"])
def test_no_choice_is_named_by_a_bare_code(interface: str) -> None:
    """ "apc — apc" and "hnj-Hmnp — hnj-Hmnp" topped the list in vi and ru."""
    real_names = {name.casefold() for name in Locale.parse("en").languages.values()}
    for choice in language_choices(interface):
        name = choice.name.casefold()
        if name.split(" (")[0] in real_names:  # "Luo" is Luo's name as well as its code
            continue
        assert name != choice.tag.casefold(), choice.label
        assert not name.startswith(choice.tag.split("-")[0].casefold() + "-"), choice.label
        assert not name.startswith(choice.tag.split("-")[0].casefold() + " "), choice.label


@pytest.mark.parametrize("interface", ["vi", "ru"])
def test_the_languages_a_curator_looks_for_come_next_named_in_the_interface_language(
    interface: str,
) -> None:
    choices = language_choices(interface)
    tags = [choice.tag for choice in choices]
    expected = list(FIRST_CHOICES + COMMON_CHOICES)
    assert tags[: len(expected)] == expected
    english = {c.tag: c.english for c in language_choices("en")}
    for choice in choices[: len(expected)]:
        assert choice.name != english[choice.tag]  # named in vi or ru, not in English
        assert choice.name[:1].isupper()
    # Then the others by name in the interface language: no Latin-script fallback first.
    following = choices[len(expected)]
    assert following.tag in {c.tag for c in choices if c.name != c.english}
