import pytest

from curator.core.errors import UnknownLanguageError, UsageError
from curator.core.language.languages import (
    display_name,
    heading_name,
    normalize_language,
    parse_language_list,
)


@pytest.mark.parametrize(
    ("given", "canonical"),
    [("vi", "vi"), ("pt-BR", "pt-BR"), ("pt_BR", "pt-BR"), ("zh-Hans", "zh-Hans"), ("fr", "fr")],
)
def test_any_babel_locale_is_a_content_language(given: str, canonical: str) -> None:
    assert normalize_language(given) == canonical


def test_unknown_tag_names_close_matches() -> None:
    with pytest.raises(UnknownLanguageError) as caught:
        normalize_language("vn")
    assert caught.value.suggestions[0] == "vi"
    assert "vn" in caught.value.message and "vi" in caught.value.message


def test_language_name_finds_its_tag() -> None:
    with pytest.raises(UnknownLanguageError) as caught:
        normalize_language("Russian")
    assert caught.value.suggestions[0] == "ru"


def test_unknown_region_suggests_the_language() -> None:
    with pytest.raises(UnknownLanguageError) as caught:
        normalize_language("en-XX")
    assert "en" in caught.value.suggestions


def test_language_list_keeps_order_and_refuses_duplicates() -> None:
    assert parse_language_list("vi, ru,en") == ["vi", "ru", "en"]
    with pytest.raises(UsageError):
        parse_language_list("vi,ru,vi")
    with pytest.raises(UsageError):
        parse_language_list(" , ")


def test_display_name_in_another_language() -> None:
    assert display_name("vi", "ru") == "вьетнамский"
    assert display_name("ru", "vi") == "tiếng Nga"  # mid-sentence: "bằng tiếng Nga"
    assert heading_name("ru", "vi") == "Tiếng Nga"
    assert heading_name("vi", "ru") == "Вьетнамский"


def test_a_language_babel_does_not_name_in_the_interface_language_is_never_a_bare_code() -> None:
    assert display_name("hnj", "vi") == "Hmong Njua"  # named in English
    assert display_name("apc", "ru") not in ("apc", "")  # in its own language
