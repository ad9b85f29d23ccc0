"""The web edition passes an automated accessibility check: axe-core in headless Chromium.

axe-core (pinned, from the npm registry, cached outside the repository in
``~/.cache/curator-tests/npm``) is injected into the start page, a section page and a photo
page of each language, opened as ``file://`` URLs in one Chromium session driven over the
DevTools protocol on a pipe (no WebSocket library needed), at a desktop's width in the light
colour scheme, then at a phone's in the dark one. It runs the WCAG 2 A and AA rules; no
violation may be "serious" or "critical". Skipped without ``chromium`` or ``npm``, or when
the registry cannot be reached.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_web_browser import CHROMIUM, _pages

AXE_VERSION = "4.10.3"
NPM = shutil.which("npm")
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "curator-tests" / "npm"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="needs chromium"),
    pytest.mark.skipif(NPM is None, reason="needs npm to fetch axe-core"),
]


def _axe_source() -> str:
    """axe.min.js of the pinned version, fetched once into the cache folder."""
    script = CACHE / "node_modules" / "axe-core" / "axe.min.js"
    package = CACHE / "node_modules" / "axe-core" / "package.json"
    if package.is_file() and json.loads(package.read_text("utf-8"))["version"] == AXE_VERSION:
        return script.read_text("utf-8")
    CACHE.mkdir(parents=True, exist_ok=True)
    command = [str(NPM), "install", "--no-save", "--no-audit", "--no-fund",
               "--prefix", str(CACHE), f"axe-core@{AXE_VERSION}"]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.skip("the npm registry did not answer in time")
    if done.returncode != 0 or not script.is_file():
        pytest.skip(f"could not fetch axe-core from the npm registry: {done.stderr[-500:]}")
    return script.read_text("utf-8")


class DevTools:
    """One headless Chromium, driven over ``--remote-debugging-pipe`` (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        self._to_browser_read, self._to_browser = os.pipe()
        self._from_browser, self._from_browser_write = os.pipe()
        reading, writing = self._to_browser_read, self._from_browser_write

        def _fds() -> None:  # in the child: the pipe's ends as fds 3 and 4
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        command = [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--remote-debugging-pipe", f"--user-data-dir={profile}",
            "--window-size=1280,900", "about:blank",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_fds,  # a test starting one browser: no threads to fear
            close_fds=False,  # fds 3 and 4 survive (Python's own fds are not inherited)
        )
        os.close(reading)
        os.close(writing)
        self._reader = os.fdopen(self._from_browser, "rb")
        self._buffer = b""
        self._next_id = 0

    def _messages(self) -> Iterator[dict[str, Any]]:
        while True:
            while b"\0" not in self._buffer:
                chunk = self._reader.read1(1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
            message, self._buffer = self._buffer.split(b"\0", 1)
            yield json.loads(message)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """The result of one command (events read meanwhile are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        for reply in self._messages():
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
        raise AssertionError("unreachable")

    def wait_for(self, event: str, session: str) -> None:
        for message in self._messages():
            if message.get("method") == event and message.get("sessionId") == session:
                return

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):  # it may close the pipe first
            self.send("Browser.close")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        self._reader.close()


RUN_AXE = """
axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
  .then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))}))
"""

CONTROL = """<!DOCTYPE html><html lang="en"><head><title>control</title></head>
<body><main><h1>control</h1><p>text</p><img src="missing.png"></main></body></html>"""


def _violations(tools: DevTools, session: str, page: Path, axe: str) -> list[dict[str, Any]]:
    tools.send("Page.navigate", session, url=page.as_uri())
    tools.wait_for("Page.loadEventFired", session)
    tools.send("Runtime.evaluate", session, expression=axe)
    result = tools.send(
        "Runtime.evaluate",
        session,
        expression=RUN_AXE % json.dumps(WCAG_TAGS),
        awaitPromise=True,
        returnByValue=True,
    )
    if "exceptionDetails" in result:
        raise AssertionError(f"axe-core failed on {page}: {result['exceptionDetails']}")
    found = json.loads(result["result"]["value"])
    assert found["passes"] > 5, f"axe-core checked next to nothing on {page}"
    violations: list[dict[str, Any]] = found["violations"]
    return violations


def test_pages_have_no_serious_or_critical_wcag_violation(
    web_site: Path, web_ids: dict[str, str], tmp_path: Path
) -> None:
    axe = _axe_source()
    pages = [
        (f"{language}-{kind}", page)
        for language in ("vi", "ru", "en")
        for kind, page in _pages(web_site, web_ids, language).items()
    ]
    tools = DevTools(tmp_path / "profile")
    try:
        target = tools.send("Target.createTarget", url="about:blank")["targetId"]
        session = tools.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tools.send("Page.enable", session)
        # a control page: an image without a text alternative is a critical violation
        control = tmp_path / "control.html"
        control.write_text(CONTROL, encoding="utf-8")
        caught = _violations(tools, session, control, axe)
        found = {name: _violations(tools, session, page, axe) for name, page in pages}
        # the stylesheet's dark scheme has colours of its own: checked at a phone's width
        tools.send("Emulation.setEmulatedMedia", session,
                   features=[{"name": "prefers-color-scheme", "value": "dark"}])  # fmt: skip
        tools.send("Emulation.setDeviceMetricsOverride", session,
                   width=390, height=844, deviceScaleFactor=2, mobile=True)  # fmt: skip
        found |= {f"{name}-dark-phone": _violations(tools, session, page, axe)
                  for name, page in pages}  # fmt: skip
        shown = tools.send("Runtime.evaluate", session, returnByValue=True, expression=
            'matchMedia("(prefers-color-scheme: dark)").matches + " " + innerWidth')  # fmt: skip
        assert shown["result"]["value"] == "true 390"
    finally:
        tools.close()
    assert ("image-alt", "critical") in {(v["id"], v["impact"]) for v in caught}
    report = "\n".join(
        f"{name}: [{v['impact']}] {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"])
        for name, violations in found.items()
        for v in violations
    )
    serious = [
        (name, v["id"])
        for name, violations in found.items()
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"serious or critical WCAG violations:\n{report}"
    assert len(found) == 18
    if report:
        print(f"minor WCAG findings:\n{report}")
