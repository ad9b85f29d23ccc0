"""Many curators on one server project at once: the soak run shared by test and benchmark.

Eight simulated curators - four of one agency writing Vietnamese, four of the other writing
Russian - each with a connection of their own, for a while: caption edits typed over the
revision they read (a short pause to "type" in between, so edits of one field collide),
ratings, section moves; halfway through an English translator's file is applied. Then
:func:`check` proves from the database that nothing was lost:

- every caption field's accepted writes hold exactly the revisions 1..N, the field ends at N
  with the text of write N, and no refused text was stored (each write's text is unique);
- each photo's rating is one that was written (last writer wins), and every section is still
  in the visit exactly once;
- the translator's texts are there;
- every curator finished (no deadlock); the longest single write is reported.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polib

from curator.core.editing import sections
from curator.core.errors import CaptionConflictError
from curator.core.model import CaptionField, Photo
from curator.core.services import ProjectService
from curator.core.translators.caption_exchange import ExportScope, build_export
from curator.core.translators.exchange_apply import apply_plan
from curator.core.translators.exchange_plan import plan_import
from curator.exchange.captions import read_caption_file, write_caption_file

PHOTOS = 12
SECTIONS = 4
FIELDS = (CaptionField.HEADLINE, CaptionField.CAPTION)
SIDES = ("vi", "ru")

Key = tuple[str, str, str]


@dataclass
class SoakLog:
    """What the curators did and saw (appended to from their threads, under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    accepted: dict[Key, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    refused: dict[Key, list[str]] = field(default_factory=lambda: defaultdict(list))
    ratings: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    moves: int = 0
    waits: list[float] = field(default_factory=list)
    translated: dict[Key, str] = field(default_factory=dict)
    errors: list[BaseException] = field(default_factory=list)

    def wait(self, seconds: float) -> None:
        with self.lock:
            self.waits.append(seconds)


@dataclass(frozen=True)
class SoakReport:
    """The figures of one run."""

    seconds: float
    curators: int
    writes: int
    conflicts: int
    ratings: int
    moves: int
    translated: int
    longest_wait_ms: float
    finished: bool

    @property
    def writes_per_second(self) -> float:
        return self.writes / self.seconds if self.seconds else 0.0


def prepare(address: str, folder: Path) -> None:
    """The project the curators share: photos with Vietnamese text, sections holding them."""
    with ProjectService.create(address, title="Soak", languages=["vi", "ru", "en"]) as service:
        ids = []
        with service.store.transaction():
            for index in range(PHOTOS):
                ids.append(
                    service.photos.add(
                        Photo(
                            id="",
                            path=folder / f"{index}.jpg",
                            sha256=f"soak{index}",
                            width=30,
                            height=20,
                        )
                    ).id
                )
        for index, photo in enumerate(ids):
            service.set_caption(photo, "vi", CaptionField.CAPTION, f"Ảnh số {index}")
        for index in range(SECTIONS):
            section, _before = sections.add_section(service, {"vi": f"Phần {index}"})
            sections.assign(service, section.id, ids[index::SECTIONS])


def _curator(address: str, number: int, until: float, log: SoakLog, seed: int) -> None:
    chance = random.Random(seed * 100 + number)
    language = SIDES[number % 2]
    written = 0
    with ProjectService.open(address) as service:
        photos = service.queries.import_order()
        section_ids = service.queries.section_order()
        while time.monotonic() < until:
            roll = chance.random()
            photo = chance.choice(photos)
            started = time.monotonic()
            if roll < 0.65:
                caption_field = chance.choice(FIELDS)
                key = (photo, language, caption_field.value)
                read = service.queries.caption(photo, language, caption_field)
                revision = read.revision if read else 0
                time.sleep(chance.uniform(0.0, 0.02))  # typing
                written += 1
                text = f"c{number}-{written}"
                started = time.monotonic()
                try:
                    service.operations.captions.set_text(
                        [photo], language, caption_field, text, {photo: revision}
                    )
                except CaptionConflictError:
                    with log.lock:
                        log.refused[key].append(text)
                else:
                    now = service.queries.caption(photo, language, caption_field)
                    assert now is not None
                    with log.lock:
                        log.accepted[key].append((revision + 1, text))
            elif roll < 0.9:
                rating = chance.randint(0, 5)
                service.operations.photos.set_marks([photo], rating=rating)
                with log.lock:
                    log.ratings[photo].add(rating)
            else:
                section = chance.choice(section_ids)
                service.operations.sections.move(section, chance.randrange(len(section_ids)))
                with log.lock:
                    log.moves += 1
            log.wait(time.monotonic() - started)


def _translator(address: str, folder: Path, log: SoakLog) -> None:
    """An English translator's file, applied while the curators work."""
    with ProjectService.open(address) as service:
        path = folder / "en.po"
        write_caption_file(path, build_export(service, ExportScope("en", "vi")), "po")
        catalog = polib.pofile(str(path))
        wanted: dict[Key, str] = {}
        for entry in catalog:
            photo, field_name = entry.msgctxt.split("|")
            if field_name != CaptionField.CAPTION.value:
                continue
            entry.msgstr = f"Photo {photo} (English)"
            wanted[photo, "en", field_name] = entry.msgstr
        catalog.save(str(path))
        started = time.monotonic()
        apply_plan(service, plan_import(service, read_caption_file(path), path), backup=False)
        log.wait(time.monotonic() - started)
        log.translated.update(wanted)


def run(
    address: str, folder: Path, seconds: float, *, curators: int = 8, seed: int = 23
) -> tuple[SoakReport, SoakLog]:
    """Run the curators (and the translator at half time) against a prepared project."""
    log = SoakLog()
    started = time.monotonic()
    until = started + seconds

    def guarded(work, *args) -> None:
        try:
            work(*args)
        except BaseException as error:  # reported by check()
            with log.lock:
                log.errors.append(error)

    threads = [
        threading.Thread(target=guarded, args=(_curator, address, n, until, log, seed))
        for n in range(curators)
    ]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 2)
    translator = threading.Thread(target=guarded, args=(_translator, address, folder, log))
    translator.start()
    threads.append(translator)
    for thread in threads:
        thread.join(seconds + 60)
    finished = not any(thread.is_alive() for thread in threads)
    elapsed = time.monotonic() - started
    report = SoakReport(
        seconds=elapsed,
        curators=curators,
        writes=sum(len(v) for v in log.accepted.values()),
        conflicts=sum(len(v) for v in log.refused.values()),
        ratings=sum(1 for _ in log.ratings),
        moves=log.moves,
        translated=len(log.translated),
        longest_wait_ms=max(log.waits, default=0.0) * 1000,
        finished=finished,
    )
    return report, log


def check(address: str, report: SoakReport, log: SoakLog) -> list[str]:
    """What the database says against the log; an empty list when nothing was lost."""
    problems: list[str] = []
    if not report.finished:
        problems.append("a curator never finished (deadlock or hang)")
    problems += [f"a curator failed: {error!r}" for error in log.errors]
    with ProjectService.open(address, read_only=True) as service:
        for key in set(log.accepted) | set(log.refused):
            photo, language, name = key
            stored = service.queries.caption(photo, language, CaptionField(name))
            accepted = sorted(log.accepted.get(key, []))
            revisions = [revision for revision, _text in accepted]
            final = stored.revision if stored else 0
            base = final - len(accepted)
            if revisions != list(range(base + 1, final + 1)):
                problems.append(f"{key}: accepted revisions {revisions}, stored {final}")
            if accepted and (stored is None or stored.text != accepted[-1][1]):
                problems.append(f"{key}: stored {stored!r}, last accepted {accepted[-1]}")
            if stored is not None and stored.text in log.refused.get(key, []):
                problems.append(f"{key}: a refused text was stored")
        for photo, ratings in log.ratings.items():
            (stored_photo,) = service.queries.photos([photo])
            if stored_photo.rating not in ratings:
                problems.append(f"{photo}: rating {stored_photo.rating} was never written")
        order = service.queries.section_order()
        if len(order) != SECTIONS or len(set(order)) != SECTIONS:
            problems.append(f"the visit's sections are {order}")
        for (photo, language, name), text in log.translated.items():
            stored = service.queries.caption(photo, language, CaptionField(name))
            if stored is None or stored.text != text:
                problems.append(f"{photo}: translator's {language} {name} is {stored!r}")
    return problems
