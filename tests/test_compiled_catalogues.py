"""Compiled catalogues (.mo) are used in a wheel; a stale one in a checkout is not."""

from __future__ import annotations

import os
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from curator import i18n


def _catalogue(folder: Path, suffix: str, text: str) -> Path:
    catalog = Catalog(locale="vi", domain="curator")
    catalog.add("Close", text)
    path = folder / f"vi{suffix}"
    with path.open("wb") as handle:
        (write_mo if suffix == ".mo" else write_po)(handle, catalog)
    return path


def _translate(monkeypatch, folder: Path, installed: bool) -> str:
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    monkeypatch.setattr(i18n, "is_installed", lambda: installed)
    return i18n._load("vi").gettext("Close")


def test_a_compiled_catalogue_is_used_in_a_wheel_and_when_newer(tmp_path, monkeypatch) -> None:
    po = _catalogue(tmp_path, ".po", "Đóng (po)")
    mo = _catalogue(tmp_path, ".mo", "Đóng (mo)")
    os.utime(po, (1_000_000, 1_000_000))
    assert _translate(monkeypatch, tmp_path, installed=False) == "Đóng (mo)"
    os.utime(mo, (1_000, 1_000))  # the .po was edited after the .mo was made
    assert _translate(monkeypatch, tmp_path, installed=False) == "Đóng (po)"
    assert _translate(monkeypatch, tmp_path, installed=True) == "Đóng (mo)"
    po.unlink()
    assert _translate(monkeypatch, tmp_path, installed=False) == "Đóng (mo)"
