"""Caption search at exhibition scale: 10,000 photos × 3 languages, accents and case ignored.

Usage: ``.venv/bin/python benchmarks/search_bench.py [PHOTOS] [--postgresql[=URL]]``

Builds a project of PHOTOS photos (default 10,000) with a headline and a caption in
Vietnamese, Russian and English (words drawn from the real news texts in ../shared/context
when present, a built-in pool otherwise; "Đà Nẵng", "Ёлка" and "Hà Nội" sprinkled in), then
times, in the same run:

- the baseline: a plain ``LIKE '%…%'`` scan over the stored (unfolded) caption text, which
  is what SQL alone can do, and which does not even find "Đà Nẵng" from "da nang";
- Python folding every caption at query time (what a search without the index would cost);
- the indexed search (:meth:`SearchRepository.photo_ids`), and the library filter with the
  search plus a rating (:func:`matching_photo_ids`), each the slowest of several runs.

With ``--postgresql`` the same project (the same seed) is built on a PostgreSQL server too
(the address given, or a throwaway server started here as the tests start theirs) and the
same queries run there, through the GIN index of the folded words; a last table puts the
indexed times side by side, as a ratio to FTS5 measured in the same run, and says whether
both engines found the same photos. Prints each time and how many photos each found; exits
1 if an indexed query takes 100 ms or more. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from curator.core.editing.shortlist import set_marks
from curator.core.language.folding import fold
from curator.core.library.photo_filter import PhotoFilter, matching_photo_ids
from curator.core.model import CaptionField, CaptionStatus, Photo
from curator.core.services import ProjectService

LIMIT_MS = 100.0
CONTEXT = Path(__file__).resolve().parents[2] / "shared" / "context"
RUSSIAN = [
    "переговоры",
    "делегация",
    "агентство",
    "сотрудничество",
    "Москва",
    "Ханой",
    "журналисты",
    "соглашение",
    "подписание",
    "встреча",
    "генеральный",
    "директор",
    "информационное",
    "фотографии",
    "выставка",
    "дружба",
    "народов",
    "история",
    "праздник",
    "зима",
    "снег",
    "площадь",
    "новости",
    "Вьетнам",
    "Россия",
    "традиции",
]
FALLBACK = {
    "vi": [
        "hội",
        "đàm",
        "hợp",
        "tác",
        "thông",
        "tấn",
        "xã",
        "Việt",
        "Nam",
        "Nga",
        "phóng",
        "viên",
        "ảnh",
        "triển",
        "lãm",
        "lễ",
        "ký",
    ],
    "en": [
        "talks",
        "cooperation",
        "news",
        "agency",
        "Vietnam",
        "Russia",
        "reporters",
        "photo",
        "exhibition",
    ],
}
MARKERS = {"vi": "Đà Nẵng", "ru": "Ёлка", "en": "Hà Nội"}
QUERIES = ("da nang", "елка", "ha noi", "hop tac", "ttxvn", "москва", "a")


def word_pools() -> dict[str, list[str]]:
    """Words per language, from the real texts when they are there."""
    pools = {"ru": RUSSIAN}
    for tag in ("vi", "en"):
        files = sorted(CONTEXT.glob(f"*.{tag}.txt")) if CONTEXT.is_dir() else []
        words = [w for f in files for w in re.findall(r"\w+", f.read_text(encoding="utf-8"))]
        pools[tag] = words or FALLBACK[tag]
    return pools


def build_project(path: Path | str, count: int) -> None:
    rng = random.Random(12)
    pools = word_pools()
    with ProjectService.create(path, title="10k", languages=["vi", "ru", "en"]) as service:
        with service.store.transaction():
            for index in range(count):
                photo = service.photos.add(
                    Photo(
                        id="",
                        path=Path("/nowhere") / f"missing-{index:05}.jpg",
                        sha256=f"{index:064x}",
                        width=6000,
                        height=4000,
                    )
                )
                for tag, pool in pools.items():
                    words = rng.choices(pool, k=rng.randint(12, 30))
                    if rng.random() < 0.01:
                        words.insert(rng.randrange(len(words)), MARKERS[tag])
                    service.captions.set(
                        photo.id, tag, CaptionField.HEADLINE, " ".join(words[:6]),
                        CaptionStatus.DRAFT,
                    )  # fmt: skip
                    service.captions.set(
                        photo.id, tag, CaptionField.CAPTION, " ".join(words), CaptionStatus.DRAFT
                    )
        rated = [p.id for p in service.photos.all() if rng.random() < 0.3]
        set_marks(service, rated, rating=3)


def timed(run: Callable[[], object], repeats: int) -> tuple[float, float, object]:
    """(median ms, slowest ms, last result) over ``repeats`` runs."""
    times = []
    result: object = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def like_scan(service: ProjectService, text: str) -> set[str]:
    rows = service.store.conn.execute(
        "SELECT DISTINCT photo_id FROM caption WHERE text LIKE ?", (f"%{text}%",)
    )
    return {photo_id for (photo_id,) in rows}


def fold_scan(service: ProjectService, text: str) -> set[str]:
    wanted = fold(text)
    rows = service.store.conn.execute("SELECT photo_id, text FROM caption WHERE text != ''")
    return {photo_id for photo_id, caption in rows if wanted in fold(caption)}


def measure(service: ProjectService, engine: str) -> tuple[float, dict[tuple[str, str], tuple]]:
    """Print every query's times on one store; (slowest indexed ms, {(query, method): row})."""
    worst = 0.0
    rows_seen: dict[tuple[str, str], tuple] = {}
    captions = service.store.conn.execute("SELECT count(*) FROM caption").fetchone()[0]
    sha_of = dict(service.store.conn.execute("SELECT id, sha256 FROM photo").fetchall())
    print(f"{engine}: {captions} caption fields with text\n")
    print(f"{'query':<24}{'method':<34}{'median ms':>10}{'max ms':>9}{'found':>7}")
    index = "FTS5 over folded text" if engine == "SQLite" else "GIN tsvector over folded text"
    for query in QUERIES:
        rows = [
            ("LIKE over stored text (base)", lambda q=query: like_scan(service, q), 5),
            ("fold every caption in Python", lambda q=query: fold_scan(service, q), 2),
            (index, lambda q=query: service.search.photo_ids(q), 20),
            (
                "filter: search + ★★★ or more",
                lambda q=query: matching_photo_ids(service, PhotoFilter(min_rating=3, text=q)),
                20,
            ),
        ]
        for method, run, repeats in rows:
            median, slowest, found = timed(run, repeats)
            assert isinstance(found, set)
            print(f"{query:<24}{method:<34}{median:>10.1f}{slowest:>9.1f}{len(found):>7}")
            # Photo ids are drawn at random per store: compare the photos by content hash.
            hashes = {sha_of[photo_id] for photo_id in found}
            rows_seen[(query, "index" if method == index else method)] = (median, hashes)
            if method in (index, "filter: search + ★★★ or more"):
                worst = max(worst, slowest)
        print()
    return worst, rows_seen


def server_address(argument: str | None) -> tuple[str, Callable[[], None]]:
    """The server project to build (an address given, or a throwaway server started here)."""
    import uuid

    import curator.server.store  # noqa: F401  (the server's store, as the application loads it)

    name = f"bench_{uuid.uuid4().hex[:8]}"
    if argument:
        joiner = "&" if "?" in argument else "?"
        return f"{argument}{joiner}project={name}", lambda: None
    # The tests' own server starter (initdb into a temporary folder, a Unix socket only).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.pg.conftest import running_server

    running = running_server()
    server = running.__enter__()
    return f"{server.uri()}&project={name}", lambda: running.__exit__(None, None, None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("photos", nargs="?", type=int, default=10_000)
    parser.add_argument(
        "--postgresql",
        nargs="?",
        const="",
        metavar="URL",
        help="also on PostgreSQL: this server, or a throwaway one started here",
    )
    args = parser.parse_args()
    count = args.photos
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.curator"
        started = time.perf_counter()
        build_project(path, count)
        print(f"built {count} photos × 3 languages in {time.perf_counter() - started:.1f} s")
        with ProjectService.open(path, read_only=True) as service:
            worst, sqlite_rows = measure(service, "SQLite")
        if args.postgresql is not None:
            address, stop = server_address(args.postgresql)
            try:
                started = time.perf_counter()
                build_project(address, count)
                print(f"built on PostgreSQL in {time.perf_counter() - started:.1f} s")
                with ProjectService.open(address, read_only=True) as service:
                    pg_worst, pg_rows = measure(service, "PostgreSQL")
            finally:
                stop()
            worst = max(worst, pg_worst)
            print(
                f"{'query':<24}{'FTS5 ms':>10}{'PostgreSQL ms':>15}{'ratio':>8}"
                "  found (same photos)"
            )
            for query in QUERIES:
                lite_ms, lite_found = sqlite_rows[(query, "index")]
                pg_ms, pg_found = pg_rows[(query, "index")]
                ratio = pg_ms / lite_ms if lite_ms else float("inf")
                same = "yes" if lite_found == pg_found else "NO"
                print(
                    f"{query:<24}{lite_ms:>10.2f}{pg_ms:>15.2f}{ratio:>7.1f}x"
                    f"  {len(pg_found)} ({same})"
                )
            print()
        verdict = "under" if worst < LIMIT_MS else "OVER"
        print(f"slowest indexed query: {worst:.1f} ms ({verdict} the {LIMIT_MS:.0f} ms budget)")
        return 0 if worst < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
