"""Translation-memory lookups: the trigram index against a plain linear scan, same run.

Usage: ``.venv/bin/python benchmarks/memory_bench.py [--units 100000] [--lookups 20]``

Builds a memory of ``--units`` Vietnamese-Russian units in a temporary folder: sentences made
from the shared news texts' words (``/work/shared/context``, or a built-in sample), each unit
different. Then looks up ``--lookups`` texts, each a stored sentence with a few words changed
(what a caption from a new exhibition looks like), once through :meth:`MemoryStore.suggest`
(trigram candidates, then rapidfuzz) and once through :meth:`MemoryStore.linear_suggest`
(rapidfuzz over every unit of the pair). Prints the mean and worst lookup of each, the ratio,
and whether both found the same best score. The window asks for under 50 ms per lookup.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from curator.memory import MemoryStore, UnitDraft

CONTEXT = Path(__file__).resolve().parents[2] / "shared" / "context"
SAMPLE = (
    "Tổng Giám đốc TTXVN Vũ Việt Trang tiếp Tổng Giám đốc TASS Andrey Kondrashov tại Hà Nội "
    "Lễ ký kết thỏa thuận hợp tác giữa hai hãng thông tấn về trao đổi tin ảnh video "
    "Генеральный директор ТАСС Андрей Кондрашов подписал соглашение о сотрудничестве в Ханое"
)


def words() -> list[str]:
    text = SAMPLE
    vi = CONTEXT / "vna-tass-2026-talks.vi.txt"
    if vi.exists():
        text += " " + vi.read_text(encoding="utf-8")
    return [word for word in text.split() if word.isalpha()]


def sentence(rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 24)))


def build(store: MemoryStore, count: int, rng: random.Random, vocabulary: list[str]) -> list[str]:
    sources: list[str] = []

    def drafts() -> object:
        for index in range(count):
            source = f"{sentence(rng, vocabulary)} {index}"
            sources.append(source)
            yield UnitDraft("vi", "ru", source, f"перевод {index}", origin="bench", year=2024)

    store.add(drafts())  # type: ignore[arg-type]
    return sources


def changed(rng: random.Random, text: str, vocabulary: list[str]) -> str:
    parts = text.split()
    for _ in range(2):
        parts[rng.randrange(len(parts))] = rng.choice(vocabulary)
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(22)
    vocabulary = words()
    with tempfile.TemporaryDirectory() as folder:
        store = MemoryStore(Path(folder) / "memory.sqlite")
        start = time.perf_counter()
        sources = build(store, args.units, rng, vocabulary)
        print(f"built {args.units} units in {time.perf_counter() - start:.1f} s")
        queries = [changed(rng, rng.choice(sources), vocabulary) for _ in range(args.lookups)]
        indexed: list[float] = []
        linear: list[float] = []
        same = 0
        for query in queries:
            start = time.perf_counter()
            found = store.suggest(query, "vi", "ru", limit=5, min_score=0)
            indexed.append(time.perf_counter() - start)
            start = time.perf_counter()
            scanned = store.linear_suggest(query, "vi", "ru", limit=5)
            linear.append(time.perf_counter() - start)
            same += bool(found and scanned and found[0].score == scanned[0][0])
        store.close()
    for name, times in (("indexed", indexed), ("linear scan", linear)):
        print(
            f"{name:12s} mean {statistics.mean(times) * 1000:8.1f} ms"
            f"   worst {max(times) * 1000:8.1f} ms"
        )
    print(f"linear / indexed: {statistics.mean(linear) / statistics.mean(indexed):.1f}x")
    print(f"same best score in {same} of {len(queries)} lookups")


if __name__ == "__main__":
    main()
