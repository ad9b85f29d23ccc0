"""Transcription rules, checked on real names: VNA/TASS reports, leaders, VNA photographers."""

import unicodedata

import pytest

from curator.core.language.transcription import (
    russian_to_latin,
    script_of_language,
    script_of_text,
    transcribe,
    vietnamese_to_cyrillic,
    vietnamese_to_latin,
)

# (Vietnamese, Russian by the Kontsevich rule, English without marks). Where Russian usage has
# a conventional form that differs from the rule, it is in the comment: that form belongs in
# the glossary, and the rule's own output is what is tested here.
NAMES = [
    # From ../shared/context: the two agency heads and the byline.
    ("Vũ Việt Trang", "Ву Вьет Чанг", "Vu Viet Trang"),
    ("Nguyễn Đức Lợi", "Нгуен Дык Лой", "Nguyen Duc Loi"),
    ("Tuấn Anh", "Туан Ань", "Tuan Anh"),
    ("Lý Thường Kiệt", "Ли Тхыонг Кьет", "Ly Thuong Kiet"),
    ("Bính Ngọ", "Бинь Нго", "Binh Ngo"),
    # VNA photographers.
    ("Thống Nhất", "Тхонг Нят", "Thong Nhat"),
    ("Văn Điệp", "Ван Дьеп", "Van Diep"),
    ("Dương Giang", "Зыонг Зянг", "Duong Giang"),
    ("Nhan Sáng", "Нян Шанг", "Nhan Sang"),
    ("Lâm Khánh", "Лам Кхань", "Lam Khanh"),
    ("Minh Đức", "Минь Дык", "Minh Duc"),
    ("Thu Hà", "Тху Ха", "Thu Ha"),
    # Leaders, as Russian media write them.
    ("Tô Lâm", "То Лам", "To Lam"),
    ("Nguyễn Phú Trọng", "Нгуен Фу Чонг", "Nguyen Phu Trong"),
    ("Phạm Minh Chính", "Фам Минь Тинь", "Pham Minh Chinh"),
    ("Lương Cường", "Лыонг Кыонг", "Luong Cuong"),
    ("Trần Thanh Mẫn", "Чан Тхань Ман", "Tran Thanh Man"),
    ("Nguyễn Xuân Phúc", "Нгуен Суан Фук", "Nguyen Xuan Phuc"),
    ("Võ Văn Thưởng", "Во Ван Тхыонг", "Vo Van Thuong"),
    ("Nguyễn Tấn Dũng", "Нгуен Тан Зунг", "Nguyen Tan Dung"),
    ("Trương Tấn Sang", "Чыонг Тан Шанг", "Truong Tan Sang"),
    ("Võ Nguyên Giáp", "Во Нгуен Зяп", "Vo Nguyen Giap"),
    ("Phạm Văn Đồng", "Фам Ван Донг", "Pham Van Dong"),
    ("Lê Duẩn", "Ле Зуан", "Le Duan"),
    ("Nông Đức Mạnh", "Нонг Дык Мань", "Nong Duc Manh"),
    ("Nguyễn Minh Triết", "Нгуен Минь Чьет", "Nguyen Minh Triet"),
    ("Đỗ Mười", "До Мыой", "Do Muoi"),
    ("Lê Khả Phiêu", "Ле Кха Фьеу", "Le Kha Phieu"),
    ("Vương Đình Huệ", "Выонг Динь Хюэ", "Vuong Dinh Hue"),
    ("Trần Đại Quang", "Чан Дай Куанг", "Tran Dai Quang"),
    ("Bùi Thanh Sơn", "Буй Тхань Шон", "Bui Thanh Son"),
    ("Huỳnh Tấn Phát", "Хюинь Тан Фат", "Huynh Tan Phat"),
    ("Hồ Chí Minh", "Хо Ти Минь", "Ho Chi Minh"),  # usage: Хо Ши Мин
    # Places: usage joins the syllables ("Ханой", "Дананг", "Нячанг") — glossary forms.
    ("Hà Nội", "Ха Ной", "Ha Noi"),
    ("Đà Nẵng", "Да Нанг", "Da Nang"),
    ("Nha Trang", "Ня Чанг", "Nha Trang"),
    ("Huế", "Хюэ", "Hue"),
    ("Quy Nhơn", "Куи Нён", "Quy Nhon"),
    ("Tây Nguyên", "Тэй Нгуен", "Tay Nguyen"),
    ("Yên Bái", "Йен Бай", "Yen Bai"),
    ("Cần Thơ", "Кан Тхо", "Can Tho"),
    ("Điện Biên Phủ", "Дьен Бьен Фу", "Dien Bien Phu"),
    ("Tuyên Quang", "Туен Куанг", "Tuyen Quang"),
    ("Gia Lai", "Зя Лай", "Gia Lai"),
    ("Châu Đốc", "Тяу Док", "Chau Doc"),
    ("Khánh Hòa", "Кхань Хоа", "Khanh Hoa"),
    ("Nghệ An", "Нге Ан", "Nghe An"),
    ("Buôn Ma Thuột", "Буон Ма Тхуот", "Buon Ma Thuot"),
    ("Việt Nam", "Вьет Нам", "Viet Nam"),
]


@pytest.mark.parametrize(("vietnamese", "russian", "english"), NAMES)
def test_vietnamese_names_by_rule(vietnamese: str, russian: str, english: str) -> None:
    assert vietnamese_to_cyrillic(vietnamese) == russian
    assert vietnamese_to_latin(vietnamese) == english


def test_decomposed_input_gives_the_same_result() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Đức Lợi")
    assert vietnamese_to_cyrillic(decomposed) == "Нгуен Дык Лой"
    assert vietnamese_to_latin(decomposed) == "Nguyen Duc Loi"


def test_capitals_follow_the_source() -> None:
    assert vietnamese_to_cyrillic("NGUYỄN Đức lợi") == "НГУЕН Дык лой"
    assert vietnamese_to_latin("ĐỨC đức") == "DUC duc"


def test_words_that_are_not_vietnamese_syllables_are_kept() -> None:
    assert vietnamese_to_cyrillic("TTXVN") == "TTXVN"
    assert vietnamese_to_cyrillic("Andrey Kondrashov") == "Andrey Kondrashov"
    assert vietnamese_to_cyrillic("Hà Nội, 24/2") == "Ха Ной, 24/2"


def test_latin_rule_leaves_other_scripts_alone() -> None:
    assert vietnamese_to_latin("Сергей Михайлов") == "Сергей Михайлов"


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Андрей Кондрашов", "Andrey Kondrashov"),
        ("Михаил Терещенко", "Mikhail Tereshchenko"),
        ("Сергей Михайлов", "Sergey Mikhaylov"),  # English news writes "Sergei Mikhailov"
        ("Владимир Путин", "Vladimir Putin"),
        ("ИТАР-ТАСС", "ITAR-TASS"),
        ("Юрий Александрович", "Yury Aleksandrovich"),
    ],
)
def test_russian_to_latin_is_wikipedia_style(russian: str, latin: str) -> None:
    assert russian_to_latin(russian) == latin


def test_conventional_english_forms_are_not_the_rule() -> None:
    # The VNA report writes "Sergei Mikhailov": only a glossary entry gives that.
    assert russian_to_latin("Сергей Михайлов") != "Sergei Mikhailov"


@pytest.mark.parametrize(
    ("text", "source", "target", "expected"),
    [
        ("Tuấn Anh", "vi", "en", "Tuan Anh"),
        ("Tuấn Anh", "vi", "fr", "Tuan Anh"),
        ("Tuấn Anh", "vi", "pt-BR", "Tuan Anh"),
        ("Tuấn Anh", "vi", "ru", "Туан Ань"),
        ("Tuấn Anh", "vi", "vi", "Tuấn Anh"),
        ("Андрей Кондрашов", "ru", "en", "Andrey Kondrashov"),
        ("Андрей Кондрашов", "ru", "de", "Andrey Kondrashov"),
        ("Андрей Кондрашов", "ru", "uk", "Андрей Кондрашов"),
        ("Tuan Anh", "en", "fr", "Tuan Anh"),
        ("Tuan Anh", "en", "vi", "Tuan Anh"),
        ("Tuan Anh", "en", "ru", None),
        ("Tuấn Anh", "vi", "zh-Hans", None),
        ("Андрей", "ru", "zh-Hans", None),
        ("Tuấn Anh", "vi", "uk", None),
    ],
)
def test_transcribe_dispatches_by_language(
    text: str, source: str, target: str, expected: str | None
) -> None:
    assert transcribe(text, source, target) == expected


def test_scripts() -> None:
    assert script_of_language("pt-BR") == "Latn"
    assert script_of_language("ru") == "Cyrl"
    assert script_of_language("sr-Latn") == "Latn"
    assert script_of_language("zh-Hans") == "Hans"
    assert script_of_language("not a tag") is None
    assert script_of_text("24/2 Hà Nội") == "Latn"
    assert script_of_text("ТАСС") == "Cyrl"
    assert script_of_text("2026") is None
