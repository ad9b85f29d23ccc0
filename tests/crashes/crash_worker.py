"""A job for the kill tests, run in its own process: ``crash_worker.py MODE PROJECT [ARG]``.

It prints ``ready`` just before the job starts and ``tick N`` after each step it commits,
flushed, so a test can SIGKILL it at a chosen point. Modes: ``captions`` (a burst of caption
edits, each one transaction over six fields of one photo), ``import`` (photos from a folder),
``layout`` (every section at a new panel size), ``snapshot`` (a backup), ``restore``
(putting a backup back), ``apply`` (a translator's file) and ``export`` (the catalogue
PDF). Each job, run again to the end, finishes what a killed run began.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from curator.core.model import CaptionField
from curator.core.services import CaptionEdit, ProjectService

LANGUAGES = ("vi", "ru", "en")
FIELDS = (CaptionField.HEADLINE, CaptionField.CAPTION)
EDITS = 60
NEW_PANEL = (841.0, 1189.0)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def captions(project: Path) -> None:
    with ProjectService.open(project) as service:
        ids = sorted(photo.id for photo in service.photos.all())
        say("ready")
        for index in range(EDITS):
            photo_id = ids[index % len(ids)]
            text = f"lượt {index} — правка {index} — round {index}"
            service.set_captions(
                [CaptionEdit(photo_id, tag, field, text) for tag in LANGUAGES for field in FIELDS]
            )
            say(f"tick {index}")


def import_folder(project: Path, folder: Path) -> None:
    from curator.ingest.importer import import_paths

    with ProjectService.open(project) as service:
        say("ready")
        ticks = iter(range(10**6))
        import_paths(service, [folder], on_progress=lambda _p: say(f"tick {next(ticks)}"))


def layout(project: Path) -> None:
    from curator.core.editing.layout_service import auto_layout

    with ProjectService.open(project) as service:
        say("ready")
        auto_layout(service, panel_size=NEW_PANEL)
        say("tick 0")


def snapshot(project: Path) -> None:
    from curator.core.storage.backups import SnapshotReason, take_snapshot

    with ProjectService.open(project) as service:
        say("ready")
        take_snapshot(service.store, SnapshotReason.MANUAL)
        say("tick 0")


def restore(project: Path, name: str) -> None:
    from curator.core.storage.restore import restore_snapshot

    say("ready")
    restore_snapshot(project, name)
    say("tick 0")


def apply(project: Path, path: Path) -> None:
    from curator.core.translators.exchange_apply import apply_plan
    from curator.core.translators.exchange_plan import plan_import
    from curator.exchange.captions import read_caption_file

    with ProjectService.open(project) as service:
        plan = plan_import(service, read_caption_file(path), path)
        say("ready")
        apply_plan(service, plan)
        say("tick 0")


def export(project: Path, output: Path) -> None:
    from curator.export.catalogue import export_catalogue
    from curator.export.text_measure import ReportlabMeasure

    with ProjectService.open(project, read_only=True) as service:
        say("ready")
        ticks = iter(range(10**6))
        # A pause after each report (seconds) lets a test see the work folder mid-export.
        pause = float(os.environ.get("CURATOR_CRASH_PAUSE", "0"))

        def tick(_progress: object) -> None:
            say(f"tick {next(ticks)}")
            time.sleep(pause)

        export_catalogue(
            service,
            output,
            ReportlabMeasure(),
            on_progress=tick,
            preflight=False,
        )


def main() -> None:
    mode, project = sys.argv[1], Path(sys.argv[2])
    if mode == "captions":
        captions(project)
    elif mode == "import":
        import_folder(project, Path(sys.argv[3]))
    elif mode == "layout":
        layout(project)
    elif mode == "snapshot":
        snapshot(project)
    elif mode == "restore":
        restore(project, sys.argv[3])
    elif mode == "apply":
        apply(project, Path(sys.argv[3]))
    elif mode == "export":
        export(project, Path(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
