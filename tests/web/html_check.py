"""A strict reading of the web edition's pages: well-formed, and what they link and show.

Python's own HTML parser is lenient; :class:`StrictPage` makes it strict for the site's
HTML5: every element that is not void is closed, in order, and nothing is closed that was
not open. It gathers the page's links, images (with their ``alt`` and ``lang``) and the
language of each text (the nearest ``lang`` above it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

VOID = frozenset({"meta", "link", "img", "br", "hr", "input", "source", "wbr"})


class MalformedError(AssertionError):
    """The page is not well-formed."""


@dataclass
class Image:
    src: str
    srcset: list[str]
    alt: str | None
    lang: str


@dataclass
class StrictPage(HTMLParser):
    path: Path
    stack: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, rel)
    images: list[Image] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (lang, text)
    tags: list[str] = field(default_factory=list)
    html_lang: str = ""
    switch: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)
    doctype: bool = False

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    @property
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        lang = values.get("lang", self.lang)
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = values.get("lang", "")
        if tag == "a" and "href" in values:
            self.links.append((values["href"], values.get("rel", "")))
            if "hreflang" in values:
                self.switch.append((values["hreflang"], values["href"]))
        if tag == "link" and "href" in values:
            self.links.append((values["href"], values.get("rel", "")))
        if tag == "img":
            srcset = [
                part.strip().split()[0]
                for part in values.get("srcset", "").split(",")
                if part.strip()
            ]
            self.images.append(Image(values.get("src", ""), srcset, dict(attrs).get("alt"), lang))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            raise MalformedError(f"{self.path}: <{tag}/> is not a void element")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            raise MalformedError(f"{self.path}: </{tag}> closes a void element")
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1][0] if self.stack else "nothing"
            raise MalformedError(f"{self.path}: </{tag}> while <{open_tag}> is open")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() and (not self.stack or self.stack[-1][0] not in ("style", "script")):
            self.texts.append((self.lang, data.strip()))


def read_page(path: Path) -> StrictPage:
    """``path`` parsed strictly (raises :class:`MalformedError` unless well-formed)."""
    page = StrictPage(path)
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    if page.stack:
        raise MalformedError(f"{path}: <{page.stack[-1][0]}> is never closed")
    if not page.doctype:
        raise MalformedError(f"{path}: no <!DOCTYPE html>")
    return page


def internal(target: str) -> bool:
    """Whether a link or image points inside the site (not to the web or a fragment)."""
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and bool(parts.path)


def resolve(page: Path, target: str) -> Path:
    """The file a relative link of ``page`` opens."""
    return (page.parent / urlsplit(target).path).resolve()
