#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Set up everything Curator needs, then open the demo or run every check.

Usage (from anywhere, with the system's python3; stdlib only):

    python3 .ci/bootstrap.py run [--xvfb]   set up, build the demo exhibition, open the window
    python3 .ci/bootstrap.py test [ARGS]    set up, run every check, then pytest ARGS
    python3 .ci/bootstrap.py setup          set up only

Setup is idempotent and shared by all three: (a) the Debian packages Qt and the checks need
(installed with apt-get as root, or through `sudo -n`; otherwise the exact command is printed),
(b) a virtual environment in .venv, (c) `pip install -e '.[dev]'` with .ci/constraints.txt,
skipped while a stamp in .venv matches pyproject.toml and the constraints.

Environment: CURATOR_SKIP_APT=1 skips (a); XDG_DATA_HOME moves the demo exhibition.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_BIN = VENV / "bin"
VENV_PYTHON = VENV_BIN / "python"
PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / ".ci" / "constraints.txt"
STAMP = VENV / ".curator-setup.sha256"
MIN_PYTHON = (3, 11)

# What PySide6-Essentials/PySide6-Pdf 6.12 wheels need from the system on a minimal
# Debian 12, found by running ldd over every .so in the installed PySide6 package inside a
# `debootstrap --variant=minbase bookworm` root and mapping each missing library to its
# package with `dpkg -S` (plugins Curator never loads are left out: SQL drivers, the GTK 3
# theme, CUPS printing, virtual keyboard, EGLFS). Their own dependencies (Mesa, libdrm,
# xkb-data, fontconfig-config, ...) come with them.
QT_PACKAGES = (
    # Linked by every Qt module, whatever the platform plugin (offscreen included).
    "libglib2.0-0",  # libglib-2.0, libgthread-2.0: QtCore's event loop
    "libdbus-1-3",  # libdbus-1: QtGui (accessibility, portals)
    "libfreetype6",  # libfreetype: QtGui renders text
    "libfontconfig1",  # libfontconfig: QtGui finds fonts
    "libbrotli1",  # libbrotlidec/libbrotlicommon: QtNetwork, which QtPdf links
    "libx11-6",  # libX11: QtGui
    "libxkbcommon0",  # libxkbcommon: QtGui keyboard handling
    "libgl1",  # libGL (GLVND): QtGui, QtOpenGL
    "libegl1",  # libEGL (GLVND): QtGui
    # The xcb platform plugin (a real window on X11 or XWayland) and its GL integration.
    "libxcb1",
    "libx11-xcb1",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxcb-glx0",
    # The wayland platform plugin, for a Wayland session that has no XWayland.
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
)
# What the window needs at run time besides Qt, so `run` installs them as well as `test`:
# spell checking as one types (issue 12) reads the Hunspell dictionaries of the content
# languages through Enchant (pyenchant loads libenchant-2 with ctypes; its Hunspell provider
# finds /usr/share/hunspell). A content language without a dictionary is simply not checked.
RUNTIME_PACKAGES = (
    "libenchant-2-2",  # the Enchant library pyenchant wraps (LGPL-2.1+)
    "hunspell-vi",  # Vietnamese syllables (GPL-2)
    "hunspell-ru",  # Russian, A. Lebedev's dictionary (BSD-style)
    "hunspell-en-us",  # American English from SCOWL (permissive)
    "hunspell-en-gb",  # British English (LGPL/GPL): "en" accepts either spelling
    # libvips (LGPL-2.1+), which pyvips wraps: streams PNG, TIFF and huge JPEG rows through
    # a shrink so that a photo Pillow would decode whole (1.5 GB for a 13000 x 13000 palette
    # PNG) makes its thumbnail, print copy or delivery in ~120 MB (curator/decode).
    "libvips42",
)
TOOL_PACKAGES = (
    "gettext",  # msgfmt: compiles and checks the translation catalogues
    "poppler-utils",  # pdftoppm: tests render the printed PDFs to images
    "qpdf",  # qpdf --check: tests check the exported catalogue's structure
    "libxml2-utils",  # xmllint: tests validate XML output
    "xvfb",  # xvfb-run: a virtual X display for `run --xvfb`
    "xauth",  # xvfb-run needs it to authorise clients on the virtual display
    "fonts-dejavu-core",  # a system font, so Qt never starts without any font
    "libimage-exiftool-perl",  # exiftool: tests read delivered copies as other tools do
    "desktop-file-utils",  # desktop-file-validate: tests check `curator install-desktop`
    "shared-mime-info",  # update-mime-database: registers the .curator file type
    "libgs-common",  # Ghostscript's default_cmyk.icc: the CMYK output profile of the PDF/X tests
)
DEBIAN_PACKAGES = QT_PACKAGES + RUNTIME_PACKAGES + TOOL_PACKAGES
# Only for `test`: the programs translators re-save caption files with, so the tests can
# check that Curator reads what they write. Large, so `run` never installs them.
TEST_ONLY_PACKAGES = (
    "libreoffice-calc-nogui",  # soffice: re-saves an exported XLSX as LibreOffice does
    # OmegaT (and Java) in console mode: translates a PO and an XLIFF 1.2 export as a
    # freelance translator's CAT tool does (tests/exchange/test_translator_tools.py).
    "omegat",
    # PostgreSQL 15's server programs (initdb, pg_ctl): tests/pg/conftest.py starts a server of
    # its own as an unprivileged user on a Unix socket for the project-on-a-server tests.
    # The Debian service it also installs is not used (and not needed) by the tests.
    "postgresql",
    # Debian's Chromium, run headless: tests/web opens the exported web edition in a real
    # browser, takes screenshots at phone and desktop widths and checks what it lays out.
    "chromium",
    # npm (and Node.js): tests/web/test_web_accessibility.py fetches a pinned axe-core from the
    # npm registry into ~/.cache/curator-tests/npm and injects it into the exported pages.
    "npm",
    # zbarimg: tests/web decodes the QR codes on rendered label sheets and panels and checks
    # each opens its photo's page in the exported site.
    "zbar-tools",
)


class SetupError(Exception):
    """An expected failure: reported as one clear message, without a traceback."""


def log(message: str) -> None:
    print(f"curator setup: {message}", file=sys.stderr, flush=True)


def heading(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def quoted(command: Sequence[str | os.PathLike[str]]) -> str:
    return shlex.join(str(part) for part in command)


def call(
    command: Sequence[str | os.PathLike[str]],
    *,
    env: Mapping[str, str] | None = None,
    capture: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run a command with no stdin; its output goes to stderr, or is captured."""
    try:
        return subprocess.run(
            [str(part) for part in command],
            cwd=ROOT,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if capture else sys.stderr,
            stderr=subprocess.STDOUT if capture else None,
            text=True,
            check=False,
        )
    except OSError as error:
        raise SetupError(f"cannot run {quoted(command)}: {error.strerror or error}") from None


# --- (a) Debian packages -----------------------------------------------------------------


def is_debian() -> bool:
    return (
        Path("/etc/debian_version").exists()
        and shutil.which("apt-get") is not None
        and shutil.which("dpkg-query") is not None
    )


#: Packages whose command may already come from elsewhere: a machine with NodeSource's
#: `nodejs` has its own `npm`, and Debian's `npm` conflicts with that package.
PROVIDED_COMMANDS = {"npm": "npm"}


def missing_packages(packages: Sequence[str]) -> list[str]:
    result = call(["dpkg-query", "-W", "-f", "${Package} ${Status}\\n", *packages], capture=True)
    installed = {
        line.split(" ", 1)[0]
        for line in result.stdout.splitlines()
        if line.endswith(" install ok installed")
    }
    return [
        package
        for package in packages
        if package not in installed
        and not (package in PROVIDED_COMMANDS and shutil.which(PROVIDED_COMMANDS[package]))
    ]


def root_prefix() -> list[str] | None:
    """How to run apt-get as root: directly, through `sudo -n`, or not at all (None)."""
    if os.geteuid() == 0:
        return ["env", "DEBIAN_FRONTEND=noninteractive"]
    if shutil.which("sudo") and call(["sudo", "-n", "true"], capture=True).returncode == 0:
        return ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive"]
    return None


def apt_install(packages: Sequence[str], why: str) -> bool:
    """Install Debian packages; False (after saying how) when this user cannot."""
    names = " ".join(packages)
    manual = f"sudo apt-get update && sudo apt-get install -y --no-install-recommends {names}"
    prefix = root_prefix()
    if prefix is None:
        log(
            f"cannot install the Debian packages {why} without root: not root, and "
            "`sudo -n` does not work here (no sudo, or it wants a password)."
        )
        log(f"run this yourself, then run this command again:\n\n    {manual}\n")
        return False
    log(f"installing Debian packages {why} (may take a few minutes): {names}")
    apt_get = [*prefix, "apt-get", "-q", "-o", "DPkg::Lock::Timeout=300"]
    update = call([*apt_get, "update"], capture=True)
    if update.returncode != 0:
        log("warning: `apt-get update` failed; trying to install anyway:")
        print(update.stdout.rstrip(), file=sys.stderr)
    install = call([*apt_get, "install", "-y", "--no-install-recommends", *packages], capture=True)
    if install.returncode != 0:
        print(install.stdout.rstrip()[-6000:], file=sys.stderr)
        raise SetupError(
            f"`apt-get install` failed (exit {install.returncode}, output above). Fix the "
            f"cause, or install the packages yourself:\n\n    {manual}\n\n"
            "then run this command again (CURATOR_SKIP_APT=1 skips this step)."
        )
    return True


def ensure_debian_packages(extra: Sequence[str] = ()) -> None:
    packages = (*DEBIAN_PACKAGES, *extra)
    if os.environ.get("CURATOR_SKIP_APT") == "1":
        log("CURATOR_SKIP_APT=1: not checking Debian packages")
        return
    if not is_debian():
        log(
            "warning: not a Debian-based system, so no system packages are checked. Install "
            f"your distribution's equivalents of these Debian packages: {' '.join(packages)}"
        )
        return
    missing = missing_packages(packages)
    if not missing:
        log("Debian packages: all present")
        return
    if not apt_install(missing, "for Qt, spell checking and the checks"):
        log(
            "going on without them: opening a window or running the tests may fail, "
            "with Qt's own message about a missing library or plugin."
        )


# --- (b) virtual environment ---------------------------------------------------------------


def venv_works() -> bool:
    if not VENV_PYTHON.exists():
        return False
    probe_code = "import sys, pip; print(*sys.version_info[:2])"
    probe = call([VENV_PYTHON, "-c", probe_code], capture=True)
    if probe.returncode != 0:
        return False
    version = tuple(int(part) for part in probe.stdout.split()[-2:])
    return version >= MIN_PYTHON


def create_venv() -> None:
    command = [sys.executable, "-m", "venv", str(VENV)]
    log(f"creating the virtual environment: {quoted(command)}")
    result = call(command, capture=True)
    if result.returncode == 0 and venv_works():
        return
    shutil.rmtree(VENV, ignore_errors=True)
    output = result.stdout.strip()
    system_python = Path(sys.executable).resolve().parent == Path("/usr/bin")
    if system_python and is_debian() and missing_packages(["python3-venv"]):
        if not apt_install(["python3-venv"], "for `python3 -m venv`"):
            raise SetupError("`python3 -m venv` needs the Debian package python3-venv.")
        result = call(command, capture=True)
        if result.returncode == 0 and venv_works():
            return
        shutil.rmtree(VENV, ignore_errors=True)
        output = result.stdout.strip()
    raise SetupError(
        f"could not create the virtual environment in {VENV}:\n{output}\n"
        "On Debian, `sudo apt-get install python3-venv` provides `python3 -m venv`."
    )


def ensure_venv() -> None:
    if venv_works():
        log(f"virtual environment: {VENV}")
        return
    if VENV.exists():
        log(f"{VENV} is broken or too old: making it anew")
        shutil.rmtree(VENV)
    create_venv()


# --- (c) Python packages -------------------------------------------------------------------


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for path in (PYPROJECT, CONSTRAINTS):
        try:
            digest.update(path.read_bytes())
        except OSError as error:
            raise SetupError(f"cannot read {path}: {error.strerror or error}") from None
    return digest.hexdigest()


def ensure_python_packages() -> None:
    digest = requirements_digest()
    try:
        if STAMP.read_text(encoding="ascii").strip() == digest:
            log("Python packages: up to date")
            return
    except OSError:
        pass
    pip = [str(VENV_PYTHON), "-m", "pip", "install", "--no-input", "--disable-pip-version-check"]
    command = [*pip, "-c", str(CONSTRAINTS.relative_to(ROOT)), "-e", ".[dev]"]
    log(f"installing Python packages (a few hundred MB the first time): {quoted(command)}")
    result = call(command)
    if result.returncode != 0:
        raise SetupError(
            f"`pip install` failed (exit {result.returncode}, output above). Check the network "
            "or proxy settings for PyPI, then run this command again."
        )
    STAMP.write_text(digest + "\n", encoding="ascii")


def setup(extra_packages: Sequence[str] = ()) -> None:
    if sys.version_info < MIN_PYTHON:
        raise SetupError(
            "Curator needs Python {}.{} or newer; this is {} ({}).".format(
                *MIN_PYTHON, sys.version.split()[0], sys.executable
            )
        )
    ensure_debian_packages(extra_packages)
    ensure_venv()
    ensure_python_packages()
    log("ready")


def venv_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONHOME", None)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', os.defpath)}"
    env.update(extra)
    return env


# --- run -----------------------------------------------------------------------------------


def demo_dir() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME", "")
    base = Path(data_home) if Path(data_home).is_absolute() else Path.home() / ".local/share"
    return base / "curator" / "demo"


def command_run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bootstrap.py run",
        description="Set up, build the demo exhibition and open it in the Curator window.",
    )
    parser.add_argument(
        "--xvfb",
        action="store_true",
        help="open the window on a virtual X display (xvfb-run -a), e.g. with no screen",
    )
    options = parser.parse_args(argv)
    setup()
    curator = VENV_BIN / "curator"
    env = venv_env()
    heading(f"curator demo {demo_dir()}")
    demo = subprocess.run(
        [str(curator), "demo", str(demo_dir())],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    lines = [line.strip() for line in demo.stdout.splitlines() if line.strip()]
    if demo.returncode != 0 or not lines:
        print(demo.stdout, end="", file=sys.stderr)
        raise SetupError(f"`curator demo` failed (exit {demo.returncode}, output above).")
    project = lines[-1]
    print(project, flush=True)
    command = [str(curator), "open", project]
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if options.xvfb:
        if shutil.which("xvfb-run") is None:
            raise SetupError(
                "--xvfb needs xvfb-run: sudo apt-get install -y --no-install-recommends xvfb xauth"
            )
        command = ["xvfb-run", "-a", *command]
    elif not has_display:
        print(
            "\nThere is no display: neither DISPLAY nor WAYLAND_DISPLAY is set, so the Curator "
            "window has nowhere to appear.\nThe demo exhibition is ready at:\n\n"
            f"    {project}\n\nTo proceed, either:\n"
            "  - run this from a graphical desktop session (or `ssh -X`), or\n"
            "  - open it on a virtual X display, where nobody sees it (for smoke tests and "
            "screenshots):\n\n"
            "        python3 .ci/bootstrap.py run --xvfb\n",
            file=sys.stderr,
            flush=True,
        )
        return 2
    heading(quoted(command))
    try:
        return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    except OSError as error:
        raise SetupError(f"cannot run {quoted(command)}: {error.strerror or error}") from None


# --- test ----------------------------------------------------------------------------------


def command_test(pytest_args: Sequence[str]) -> int:
    setup(TEST_ONLY_PACKAGES)
    env = venv_env()
    steps: list[tuple[str, list[str], dict[str, str]]] = [
        ("ruff format --check .", [str(VENV_BIN / "ruff"), "format", "--check", "."], env),
        ("ruff check .", [str(VENV_BIN / "ruff"), "check", "."], env),
        ("lint-imports", [str(VENV_BIN / "lint-imports")], env),
        ("mypy", [str(VENV_BIN / "mypy")], env),
    ]
    check_translations = ROOT / ".ci" / "check_translations.py"
    if check_translations.exists():
        steps.append(
            (
                "python .ci/check_translations.py",
                [str(VENV_PYTHON), str(check_translations)],
                env,
            )
        )
    else:
        log(f"warning: {check_translations.relative_to(ROOT)} does not exist yet: skipping it")
    pytest_command = [str(VENV_PYTHON), "-m", "pytest", *pytest_args]
    steps.append(
        (
            quoted(["pytest", *pytest_args]) + "  (QT_QPA_PLATFORM=offscreen)",
            pytest_command,
            # The core tests run on a project file and on a project on the test session's
            # own PostgreSQL server (skipped without it); a caller's choice wins.
            venv_env(
                QT_QPA_PLATFORM="offscreen",
                CURATOR_TEST_BACKENDS=os.environ.get("CURATOR_TEST_BACKENDS", "sqlite,postgresql"),
            ),
        )
    )
    for number, (title, command, step_env) in enumerate(steps, start=1):
        heading(f"[{number}/{len(steps)}] {title}")
        try:
            code = subprocess.run(
                command, cwd=ROOT, env=step_env, stdin=subprocess.DEVNULL, check=False
            ).returncode
        except OSError as error:
            raise SetupError(f"cannot run {quoted(command)}: {error.strerror or error}") from None
        if code == 5 and command is pytest_command:
            print(
                "\ncurator test: FAILED: pytest collected no tests (exit 5); "
                "a run that tests nothing is a failure.",
                flush=True,
            )
            return 5
        if code != 0:
            print(f"\ncurator test: FAILED at step {number}: {title} (exit {code})", flush=True)
            return code
    print(f"\ncurator test: all {len(steps)} steps succeeded", flush=True)
    return 0


# --- try-server ----------------------------------------------------------------------------


def command_try_server(argv: Sequence[str]) -> int:
    """Set up (with Debian's postgresql), then run .ci/try_server.py in the environment."""
    if "--stop" not in argv:
        setup(("postgresql",))
    command = [str(VENV_PYTHON), str(ROOT / ".ci" / "try_server.py"), *argv]
    try:
        return subprocess.run(command, cwd=ROOT, env=venv_env(), check=False).returncode
    except OSError as error:
        raise SetupError(f"cannot run {quoted(command)}: {error.strerror or error}") from None


# --- main ----------------------------------------------------------------------------------

USAGE = """\
usage: python3 .ci/bootstrap.py {run,test,try-server,setup} [...]

  run [--xvfb]     set up, then build the demo exhibition and open it in the Curator window
  test [ARGS...]   set up, then run every check and the tests (ARGS go to pytest)
  try-server [--no-window | --stop]
                   set up, then start a local PostgreSQL server with the demo project and
                   two editor logins, print their addresses and open the window as owner
  setup            set up only: Debian packages, .venv, pip install -e '.[dev]'
"""


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE, end="", file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    command, rest = argv[0], list(argv[1:])
    try:
        if command == "run":
            return command_run(rest)
        if command == "test":
            return command_test(rest)
        if command == "try-server":
            return command_try_server(rest)
        if command == "setup":
            if rest:
                print(USAGE, end="", file=sys.stderr)
                return 2
            setup()
            return 0
    except SetupError as error:
        print(f"curator setup: error: {error}", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        print("\ncurator setup: interrupted", file=sys.stderr)
        return 130
    print(f"unknown command: {command}\n\n{USAGE}", end="", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
