"""OmegaT, as a translator runs it, for the tests: a vi → ru project translated in console mode.

Shared by the exchange and memory tests, so every one drives the same real OmegaT the same
way. ``omegat_project()`` lays the folders out, ``tmx()`` writes a memory OmegaT takes as the
translator's work, ``translate()`` runs ``omegat --mode=console-translate``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

PROJECT_FILE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes/>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>vi</source_lang>
    <target_lang>ru</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneRussianTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def need_omegat() -> None:
    """Skip the test without OmegaT (Debian's ``omegat``) and Java."""
    if shutil.which("omegat") is None or shutil.which("java") is None:
        pytest.skip("needs OmegaT (Debian's omegat) and Java")


def omegat_project(root: Path, *, auto_tm: bool = False) -> Path:
    """An OmegaT project folder at ``root`` (``tm/auto`` too: memories OmegaT applies)."""
    names = ["source", "target", "tm", "omegat", "glossary", "dictionary"]
    if auto_tm:
        names.append("tm/auto")
    for name in names:
        (root / name).mkdir(parents=True, exist_ok=True)
    (root / "omegat.project").write_text(PROJECT_FILE, "utf-8")
    return root


def tmx(pairs: dict[str, str]) -> str:
    """A vi → ru translation memory as OmegaT writes one."""
    units = "".join(
        f'<tu><tuv lang="vi"><seg>{escape(source)}</seg></tuv>'
        f'<tuv lang="ru"><seg>{escape(target)}</seg></tuv></tu>\n'
        for source, target in pairs.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
        'creationtool="OmegaT" creationtoolversion="3.6" segtype="paragraph" '
        'o-tmf="OmegaT TMX" adminlang="EN-US" srclang="vi" datatype="plaintext"/>\n'
        f"<body>\n{units}</body></tmx>\n"
    )


def translate(root: Path) -> None:
    """Run OmegaT over the project: every source file translated into ``target/``."""
    result = subprocess.run(
        ["omegat", str(root), "--mode=console-translate"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
