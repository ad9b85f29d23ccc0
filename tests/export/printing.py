"""Helpers for the print products' tests: tools, profiles, the demo's glossary slip."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
RGB_PROFILE = Path("/usr/share/color/icc/ghostscript/default_rgb.icc")
#: The demo's English caption of 01-talks.jpg, with a form the glossary forbids.
SLIP = (
    "VNA General Director Vu Viet Trang (centre) and the VNA delegation hold talks with an "
    "ITAR-TASS delegation led by Director General Andrey Kondrashov."
)


def run_tool(*command: str | Path) -> str:
    """Run a command-line tool; its stdout."""
    return subprocess.run(
        [str(c) for c in command], check=True, capture_output=True, text=True
    ).stdout


def needs_tools(*tools: str) -> pytest.MarkDecorator:
    """Skip unless every tool is installed."""
    return pytest.mark.skipif(
        not all(shutil.which(tool) for tool in tools), reason=f"needs {', '.join(tools)}"
    )
