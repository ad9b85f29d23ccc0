"""Choosing content languages: every babel locale, named and searchable."""

from curator.core.language_choices import fold, language_choices, search_languages


def test_vietnamese_russian_and_english_come_first_named_in_the_interface_language():
    choices = language_choices("ru")
    assert [c.tag for c in choices[:3]] == ["vi", "ru", "en"]
    assert choices[0].name == "вьетнамский"
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
