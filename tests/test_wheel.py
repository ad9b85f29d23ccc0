"""The wheel: built with ``python -m build``, installed into a fresh virtual environment, run.

Slow for a unit test (about half a minute: pip installs the pinned dependencies, from its
cache or PyPI), so it is marked ``packaging``: CI runs it with everything else;
``pytest -m "not packaging"`` leaves it out while working.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.packaging


def _run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    environment.update(env)
    result = subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], cwd=out)
    (built,) = out.glob("curator-*.whl")
    return built


def test_the_wheel_carries_resources_and_compiled_catalogues(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "curator/_data/translations/vi.mo",
        "curator/_data/translations/ru.mo",
        "curator/_data/resources/icons/curator.svg",
        "curator/_data/resources/fonts/NotoSans-Regular.ttf",
        "curator/_data/resources/demo/demo.json",
    ):
        assert name in names
    assert not [n for n in names if n.startswith(("tests/", ".ci/"))]


def test_curator_runs_from_a_fresh_virtual_environment(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    constraints = ROOT / ".ci" / "constraints.txt"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-input",
            "--disable-pip-version-check",
            "-c",
            str(constraints),
            str(wheel),
        ],
        cwd=tmp_path,
    )
    curator = env_dir / "bin" / "curator"
    assert _run([str(curator), "--version"], cwd=tmp_path).stdout.strip() == "Curator 0.1.0"
    where = _run(
        [str(python), "-c", "import curator.resources as r; print(r.__file__, r.is_installed())"],
        cwd=tmp_path,
    ).stdout.split()
    assert where[0].startswith(str(env_dir)) and where[1] == "True"
    project = _run([str(curator), "demo", str(tmp_path / "demo")], cwd=tmp_path).stdout.strip()
    info = json.loads(_run([str(curator), "info", project, "--json"], cwd=tmp_path).stdout)
    assert info["languages"] == ["vi", "ru", "en"] and info["counts"]["photos"] > 0
    # the interface catalogues work from the installed wheel
    shown = _run([str(curator), "info", project], cwd=tmp_path, LANGUAGE="ru").stdout
    assert "Языки:" in shown
    home = tmp_path / "share"
    _run([str(curator), "install-desktop"], cwd=tmp_path, XDG_DATA_HOME=str(home))
    entry = (home / "applications" / "curator.desktop").read_text(encoding="utf-8")
    assert f"Exec={curator} open %f" in entry
