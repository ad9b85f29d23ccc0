"""Check (or, with --update, refresh) the interface's message catalogues.

- ``translations/curator.pot`` must be what ``pybabel extract`` makes of the code now;
- every ``translations/*.po`` must pass ``msgfmt -c`` (format strings, header) and hold a
  translation, not fuzzy, for every message of the template.

``--update`` re-extracts the template and merges it into every catalogue (new messages
appear untranslated for a translator to fill).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "curator.pot"


def extract(target: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--no-location",
            "--sort-output",
            "--add-comments=TRANSLATORS:",
            "--project=Curator",
            "--copyright-holder=Curator developers",
            "--msgid-bugs-address=",
            "-o",
            str(target),
            "curator",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def _body(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith(('"POT-Creation-Date:', '"Project-Id-Version:', "# Copyright (C)"))
    ]


def update() -> int:
    extract(POT)
    with POT.open("rb") as handle:
        template = read_po(handle)
    for po in sorted(TRANSLATIONS.glob("*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.stem)
        catalog.update(template)
        with po.open("wb") as handle:
            write_po(handle, catalog, no_location=True, ignore_obsolete=True)
    print(f"updated {POT.relative_to(ROOT)} and {len(list(TRANSLATIONS.glob('*.po')))} catalogues")
    return 0


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "curator.pot"
        extract(fresh)
        if _body(fresh) != _body(POT):
            problems.append(
                "translations/curator.pot is out of date: "
                "run python .ci/check_translations.py --update"
            )
        with fresh.open("rb") as handle:
            template = read_po(handle)
    wanted = {(m.id, m.context) for m in template if m.id}
    for po in sorted(TRANSLATIONS.glob("*.po")):
        result = subprocess.run(
            ["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            problems.append(f"{po.name}: msgfmt -c failed:\n{result.stderr}")
        with po.open("rb") as handle:
            catalog = read_po(handle)
        have = {(m.id, m.context): m for m in catalog if m.id}
        for key in sorted(wanted, key=str):
            message = have.get(key)
            label = key[0] if isinstance(key[0], str) else key[0][0]
            if message is None:
                problems.append(f"{po.name}: missing {label!r}")
            elif message.fuzzy:
                problems.append(f"{po.name}: fuzzy {label!r}")
            elif not message.string or (
                isinstance(message.string, tuple) and not all(message.string)
            ):
                problems.append(f"{po.name}: untranslated {label!r}")
        print(f"{po.name}: {result.stderr.strip()}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(update() if "--update" in sys.argv[1:] else check())
