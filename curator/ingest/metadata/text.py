"""Turning metadata bytes and strings into clean text: NFC, whitespace, legacy code pages.

Owns three decisions every reader shares: how a value is cleaned (NFC, stripped, NULs
removed), which camera-written strings are boilerplate rather than captions, and how text
without a declared character set is decoded (strict UTF-8 first, then the likeliest legacy
code page of the ones Curator's agencies and their partners use: cp1251, cp1252, cp1258).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

#: Descriptions cameras and phones write by themselves. Compared case-insensitively after
#: collapsing whitespace; none of them is ever a caption.
CAMERA_BOILERPLATE: frozenset[str] = frozenset(
    {
        "olympus digital camera",
        "sony dsc",
        "dcim",
        "konica minolta digital camera",
        "minolta digital camera",
        "digital camera",
        "samsung",
        "samsung digital camera",
        "sanyo digital camera",
        "kodak digital still camera",
        "eastman kodak company",
        "default",
        "exif_jpeg_picture",
        "exif_jpeg_422",
        "camera",
        "panasonic",
        "ricoh",
        "gcm_tag",
        "lg digital camera",
        "<kenox s630  / samsung s630>",
        "hdr",
        "picasa",
        "jpeg",
    }
)

_SPACES = re.compile(r"\s+")
_VIETNAMESE_COMBINING = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aeiouyâêôăơưAEIOUYÂÊÔĂƠƯ")


def clean(text: str | None) -> str | None:
    """NFC, NULs removed, surrounding whitespace stripped; empty text becomes ``None``."""
    if text is None:
        return None
    cleaned = unicodedata.normalize("NFC", text.replace("\x00", "")).strip()
    return cleaned or None


def normalised_key(text: str) -> str:
    """A comparison key: NFC, whitespace runs collapsed to one space, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def is_boilerplate(text: str, make: str | None = None) -> bool:
    """Whether a description is camera boilerplate rather than a caption.

    The heuristic beyond :data:`CAMERA_BOILERPLATE`: text without a single letter or digit
    (all spaces, dots, dashes), and text that only repeats the camera maker's name.
    """
    key = normalised_key(text).casefold()
    if not any(ch.isalnum() for ch in key):
        return True
    if key in CAMERA_BOILERPLATE:
        return True
    maker = normalised_key(make or "").casefold()
    return bool(maker) and key in {maker, maker.split(" ")[0]}


def decode_legacy(data: bytes) -> str:
    """Decode bytes whose character set is not declared, with :func:`guess_codec`."""
    return data.decode(guess_codec(data))


def guess_codec(data: bytes) -> str:
    """The likeliest codec of undeclared text: ``utf-8``, ``cp1252``, ``cp1258``, ``cp1251``.

    Strict UTF-8 wins when it decodes (legacy code pages almost never form valid multi-byte
    UTF-8 sequences by accident). Otherwise cp1252, cp1258 and cp1251 are each tried
    strictly and scored by :func:`_legacy_score`; the best wins, ties go to cp1252, then
    cp1258. Latin-1, which decodes every byte, is the last resort.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best: tuple[int, str] | None = None
    for rank, codec in enumerate(("cp1252", "cp1258", "cp1251")):
        try:
            decoded = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _legacy_score(decoded, codec) * 4 - rank
        if best is None or score > best[0]:
            best = (score, codec)
    return best[1] if best else "latin-1"


def _legacy_score(text: str, codec: str) -> int:
    """How plausible a decoding is, judged word by word.

    A word (letters with their combining marks) scores -3 when it mixes Latin and Cyrillic
    letters (Western text read as cp1251 gives "StraЯe"); -2 when, read as a Latin code
    page, more than half of its letters (of three or more) lie outside ASCII (Russian read
    as cp1252 gives "Ôîòîãðàôèÿ", which no Western word looks like); else +1. In plausible
    words, cp1258 earns 2 for each Vietnamese tone mark on a vowel and each đ or ư, so
    Vietnamese beats cp1252's "ViêÒt"; Portuguese ã/õ (read by cp1258 as ă/ơ) earn nothing.
    cp1252 loses a point per character that is rare in Western text but means something
    in cp1258 (Ì ì Ò Þ ò Ð ð), and cp1258 loses 3 per combining mark that does not sit on a
    vowel (Russian read as cp1258 puts them anywhere).
    """
    score = 0
    if codec == "cp1258":
        score -= 3 * sum(
            1
            for before, mark in zip(" " + text, text, strict=False)
            if mark in _VIETNAMESE_COMBINING and before not in _VOWELS
        )
    for word in re.findall(r"(?:[^\W\d_][\u0300-\u036f]*)+", text):
        letters = [ch for ch in word if ch.isalpha()]
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
        if cyrillic and cyrillic < len(letters):
            score -= 3
            continue
        foreign = sum(not ch.isascii() for ch in letters)
        if codec != "cp1251" and len(letters) >= 3 and foreign * 2 > len(letters):
            score -= 2
            continue
        score += 1
        if codec == "cp1258":
            marks = sum(
                1
                for before, mark in itertools.pairwise(word)
                if mark in _VIETNAMESE_COMBINING and before in _VOWELS
            )
            score += 2 * (marks + sum(word.count(ch) for ch in "đĐưƯ"))
        elif codec == "cp1252":
            score -= sum(word.count(ch) for ch in "ÌìÒÞòÐð")
    return score
