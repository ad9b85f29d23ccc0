"""A local PostgreSQL server for trying co-curation on one machine (``bootstrap.py try-server``).

Run with the virtual environment's Python (``bootstrap.py try-server`` does, after setting up).
It makes a cluster in ``$XDG_DATA_HOME/curator/try-server`` (``~/.local/share/…``) with
Debian's ``initdb``, owned by the ``postgres`` account (``nobody`` without it) when run as root
(PostgreSQL refuses to run as root; when that account cannot reach the data dir, ``/root``
being private, the cluster goes into its home: ``/var/lib/postgresql/curator-try-server``),
listening on a Unix socket in that folder only (no TCP port), trusting local connections. On
it: the demo exhibition copied with ``curator copy`` into the database ``curator_try`` as
project ``demo``, owned by the person running this, and two logins, ``ttxvn_vi`` (a
Vietnamese editor) and ``tass_ru`` (a Russian editor). It prints the address of each and
opens the window as the owner (``--no-window``: prints how). Run twice, it reuses the cluster
and the project. ``--stop`` stops the server (the data stays).
"""

from __future__ import annotations

import argparse
import getpass
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

DATABASE = "curator_try"
PROJECT = "demo"
#: The two demo logins: name, editor language, who they stand for.
LOGINS = (
    ("ttxvn_vi", "vi", "TTXVN's Vietnamese editor"),
    ("tass_ru", "ru", "TASS's Russian editor"),
)


class TryError(Exception):
    pass


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if Path(value).is_absolute() else Path.home() / ".local/share"


def bindir() -> Path:
    candidates: list[Path] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    candidates.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise TryError("PostgreSQL's initdb/pg_ctl not found: install Debian's package postgresql")


def server_account() -> str | None:
    """Who runs the server: None (this user) unless root, then postgres or nobody."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise TryError("running as root, but neither a postgres nor a nobody account exists")


def as_server(command: list[str]) -> list[str]:
    account = server_account()
    return command if account is None else ["runuser", "-u", account, "--", *command]


def run(command: list[str], what: str, *, server: bool = False, check: bool = True) -> int:
    full = as_server(command) if server else command
    result = subprocess.run(full, capture_output=True, text=True, check=False, timeout=300)
    if check and result.returncode != 0:
        raise TryError(
            f"{what} failed (exit {result.returncode}):\n{result.stderr or result.stdout}"
        )
    return result.returncode


def owner_login() -> str:
    return getpass.getuser()


def address(socket_dir: Path, login: str) -> str:
    host = quote(str(socket_dir), safe="/")
    return f"postgresql:///{DATABASE}?host={host}&user={quote(login)}&project={PROJECT}"


def curator(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "curator", *args],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def cluster_folder() -> Path:
    """Where the cluster lives: under the data dir, or in the server account's home.

    The home (Debian's ``/var/lib/postgresql``) when run as root and that account cannot pass
    through the data dir (``/root`` is private).
    """
    base = data_home() / "curator" / "try-server"
    account = server_account()
    if account is None:
        return base
    existing = [folder for folder in (base, *base.parents) if folder.exists()]
    passable = all(
        run(["test", "-x", str(folder)], "test", server=True, check=False) == 0
        for folder in existing
    )
    if passable and len(str(base / "run" / ".s.PGSQL.5432")) < 100:
        return base
    return Path(pwd.getpwnam(account).pw_dir) / "curator-try-server"


def prepare_folder(base: Path) -> None:
    account = server_account()
    (base / "run").mkdir(parents=True, exist_ok=True)
    if account is None:
        return
    for folder in (base, base / "run"):
        shutil.chown(folder, user=account)
    reachable = run(["test", "-w", str(base / "run")], "test", server=True, check=False) == 0
    if not reachable:
        raise TryError(
            f"the {account} account cannot reach {base} (a parent folder is private). "
            "Set XDG_DATA_HOME to a folder it can reach, e.g. XDG_DATA_HOME=/srv/curator"
        )


def ensure_running(pg: Path, base: Path) -> None:
    data = base / "data"
    if not (data / "PG_VERSION").exists():
        print(f"making a PostgreSQL cluster in {data}", file=sys.stderr, flush=True)
        run(
            [
                str(pg / "initdb"),
                "--pgdata",
                str(data),
                "--username",
                owner_login(),
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ],
            "initdb",
            server=True,
        )
    if run([str(pg / "pg_ctl"), "status", "-D", str(data)], "status", server=True, check=False):
        print("starting the server (Unix socket only, no TCP)", file=sys.stderr, flush=True)
        settings = f"-c listen_addresses='' -k {base / 'run'}"
        log = str(base / "server.log")
        run(
            [
                str(pg / "pg_ctl"),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(data),
                "-l",
                log,
                "-o",
                settings,
            ],
            f"pg_ctl start (see {log})",
            server=True,
        )


def ensure_project(pg: Path, base: Path) -> str:
    import psycopg  # the virtual environment's; only this script and curator.server use it

    socket_dir = base / "run"
    admin_uri = f"postgresql:///postgres?host={quote(str(socket_dir), safe='/')}"
    admin_uri += f"&user={quote(owner_login())}"
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        if (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone()
            is None
        ):
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
        for login, _language, _who in LOGINS:
            if (
                conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
                is None
            ):
                conn.execute(f'CREATE ROLE "{login}" LOGIN')
    owner = address(socket_dir, owner_login())
    if curator("info", owner, "--json").returncode != 0:
        demo_folder = data_home() / "curator" / "demo"
        made = curator("demo", str(demo_folder))
        lines = [line.strip() for line in made.stdout.splitlines() if line.strip()]
        if made.returncode != 0 or not lines:
            raise TryError(f"`curator demo` failed:\n{made.stderr}")
        print(f"copying the demo exhibition {lines[-1]} to the server", file=sys.stderr, flush=True)
        copied = curator("copy", lines[-1], owner)
        if copied.returncode != 0:
            raise TryError(f"`curator copy` failed:\n{copied.stderr or copied.stdout}")
    for login, language, _who in LOGINS:
        granted = curator(
            "access", "grant", owner, login, "--role", "editor", "--languages", language
        )
        if granted.returncode != 0:
            raise TryError(f"`curator access grant` failed:\n{granted.stderr or granted.stdout}")
    return owner


def stop(pg: Path, base: Path) -> int:
    data = base / "data"
    if not (data / "PG_VERSION").exists():
        print(f"no try-server cluster in {data}")
        return 0
    if run([str(pg / "pg_ctl"), "status", "-D", str(data)], "status", server=True, check=False):
        print("the try-server is not running")
        return 0
    run(
        [str(pg / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data)],
        "pg_ctl stop",
        server=True,
    )
    print(f"stopped the try-server (its data stays in {data})")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bootstrap.py try-server",
        description="Start a local PostgreSQL server with the demo project and two editor logins.",
    )
    parser.add_argument("--no-window", action="store_true", help="print how to open it, only")
    parser.add_argument("--stop", action="store_true", help="stop the server (the data stays)")
    options = parser.parse_args(argv)
    try:
        pg = bindir()
        base = cluster_folder()
        if options.stop:
            return stop(pg, base)
        prepare_folder(base)
        ensure_running(pg, base)
        owner = ensure_project(pg, base)
    except TryError as error:
        print(f"curator try-server: error: {error}", file=sys.stderr, flush=True)
        return 1
    print(f"\nThe demo project is on a local server (data in {base}).\n")
    print(f"As its owner ({owner_login()}, may do everything):\n    curator open '{owner}'")
    for login, _language, who in LOGINS:
        print(f"As {login} ({who}):\n    curator open '{address(base / 'run', login)}'")
    print("\nStop it with: python3 .ci/bootstrap.py try-server --stop", flush=True)
    if options.no_window:
        return 0
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print(
            "There is no display (DISPLAY/WAYLAND_DISPLAY unset): open it from a desktop session."
        )
        return 0
    return subprocess.run([sys.executable, "-m", "curator", "open", owner], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
