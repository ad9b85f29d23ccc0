import pytest

from curator import i18n
from curator.i18n import _, ngettext


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "de:ru", "LANG": "vi_VN.UTF-8"}, "ru"),
        ({"LC_ALL": "ru_RU.UTF-8", "LANG": "vi_VN.UTF-8"}, "ru"),
        ({"LC_ALL": "C", "LANG": "vi_VN"}, "en"),
    ],
)
def test_language_from_environment(environ, expected) -> None:
    assert i18n.language_from_environment(environ) == expected


def test_switching_languages() -> None:
    assert i18n.set_language("vi") == "vi"
    assert _("&File") == "&Tệp"
    assert i18n.set_language("ru_RU") == "ru"
    assert _("&File") == "&Файл"
    assert i18n.set_language("de") == "en"
    assert _("&File") == "&File"


def test_russian_has_three_plural_forms() -> None:
    i18n.set_language("ru")
    forms = [ngettext("%(count)d photo", "%(count)d photos", n) % {"count": n} for n in (1, 3, 5)]
    assert forms == ["1 фотография", "3 фотографии", "5 фотографий"]


def test_pseudo_locale_lengthens_and_keeps_placeholders() -> None:
    i18n.set_language(i18n.PSEUDO_LANGUAGE)
    text = _("Cannot read %(path)s: %(reason)s")
    assert "%(path)s" in text and "%(reason)s" in text
    assert len(text) >= len("Cannot read %(path)s: %(reason)s") * 1.4


def test_pseudo_locale_keeps_every_placeholder_conversion() -> None:
    i18n.set_language(i18n.PSEUDO_LANGUAGE)
    text = _("%(spine).1f mm at %(caliper)g mm, %(count)d, %(ppi)5.0f, %(code)x, %%")
    values = {"spine": 1.25, "caliper": 0.1, "count": 3, "ppi": 134.0, "code": 255}
    shown = text % values  # a mangled placeholder would be a KeyError or a ValueError
    assert "1.2 mm" in shown or "1.3 mm" in shown
    assert "0.1 mm" in shown and "ff" in shown
