"""Spell checking as one types: dictionary load time and the cost of one keystroke.

Usage: ``.venv/bin/python benchmarks/spelling_bench.py [--rounds 3]``

For vi, ru and en (the installed Hunspell dictionaries, through Enchant) prints:

- load: how long ``EnchantSource.load`` takes (done off the GUI thread in the window);
- cold: one pass over a real news text (the shared context/ files; ru: a sample) with an
  empty lookup cache, as when a photo's captions are first shown;
- keystroke: the text of a caption typed one character at a time, re-checking the whole
  paragraph after each (what the window's highlighter does): mean and worst per keystroke.

The window checks a caption paragraph on each keystroke on the GUI thread, so the worst
keystroke must stay well under a frame (16 ms). Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from curator.core.language.spelling import SpellChecker, dictionary_for
from curator.proofing import EnchantSource

CONTEXT = Path(__file__).resolve().parents[2] / "shared" / "context"
RUSSIAN = (
    "Генеральный директор ТАСС Андрей Кондрашов и генеральный директор ВИА Ву Вьет Чанг "
    "подписали в Ханое соглашение о сотрудничестве. Стороны договорились об обмене "
    "новостями, фотографиями и видеоматериалами, о совместных проектах и стажировках "
    "журналистов. Ёмкость рынка информации растёт, отметил Кондрашов; всё-таки главное — "
    "доверие читателей. "
)


def texts() -> dict[str, str]:
    vi = CONTEXT / "vna-tass-2026-talks.vi.txt"
    en = CONTEXT / "vna-itar-tass-talks.en.txt"
    return {
        "vi": vi.read_text(encoding="utf-8") if vi.exists() else "Hội đàm Việt – Nga. " * 60,
        "ru": RUSSIAN * 8,
        "en": en.read_text(encoding="utf-8") if en.exists() else "Talks in Hanoi. " * 60,
    }


def bench(language: str, text: str, source: EnchantSource) -> None:
    tag = dictionary_for(language, source.available())
    if tag is None:
        print(f"{language}: no dictionary installed")
        return
    start = time.perf_counter()
    dictionary = source.load(tag)
    load = time.perf_counter() - start
    checker = SpellChecker(language, dictionary)
    start = time.perf_counter()
    flagged = checker.misspellings(text)
    cold = time.perf_counter() - start
    words = len(text.split())
    # One caption paragraph (~120 words) typed from scratch.
    paragraph = " ".join(text.split()[:120])
    checker = SpellChecker(language, dictionary)
    times = []
    for end in range(1, len(paragraph) + 1):
        start = time.perf_counter()
        checker.misspellings(paragraph[:end])
        times.append(time.perf_counter() - start)
    print(
        f"{language} ({tag}): load {load * 1000:.0f} ms; cold pass over {words} words "
        f"{cold * 1000:.1f} ms ({len(flagged)} flagged); keystroke in a "
        f"{len(paragraph)}-character paragraph: mean {statistics.mean(times) * 1000:.2f} ms, "
        f"worst {max(times) * 1000:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    for _round in range(options.rounds):
        source = EnchantSource()
        for language, text in texts().items():
            bench(language, text, source)


if __name__ == "__main__":
    main()
