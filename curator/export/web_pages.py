"""The web edition's pages as HTML5: semantic, escaped, in their language, without scripts.

Every page is ``LANG/NAME.html`` (the start page ``LANG/index.html``), so the language switch
on each page links to the same ``NAME.html`` in the other languages' folders and keeps the
visitor on the same photo. Links are relative (the site works opened from a folder or a
USB stick); with a base URL the pages also name their address (``rel="canonical"``) and
their other languages' (``hreflang``). Every text goes through :func:`html.escape`; a text
not in the page's language (a caption missing in it, shown in another) carries its own
``lang``, so a screen reader reads it in the right voice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from curator.core.language.collation import sorted_people
from curator.core.model import CaptionField
from curator.export.web_content import (
    WebContent,
    WebPhoto,
    WebSection,
    language_name,
    word,
)

STYLESHEET = "style.css"
IMAGES = "images"


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """A photo's web copies: their widths and the largest's size in pixels."""

    widths: tuple[int, ...]
    width: int
    height: int


def image_name(photo: WebPhoto, width: int) -> str:
    """The file name of ``photo``'s copy ``width`` pixels wide."""
    return f"{photo.slug}-{width}.jpg"


def _text(text: str, tag: str, page: str) -> str:
    """``text`` escaped, in a span naming its language when it is not the page's."""
    escaped = escape(text)
    return escaped if tag == page else f'<span lang="{escape(tag)}">{escaped}</span>'


def _attr(text: str, tag: str, page: str) -> str:
    """An element's ``lang`` attribute when its text is not in the page's language."""
    return "" if tag == page else f' lang="{escape(tag)}"'


def _pick(texts: Mapping[str, str], page: str, languages: Sequence[str]) -> tuple[str, str] | None:
    """The text in the page's language, else the first other language that has one."""
    for tag in (page, *languages):
        if texts.get(tag, "").strip():
            return texts[tag].strip(), tag
    return None


def _word(key: str, page: str) -> str:
    text, tag = word(key, page)
    return _text(text, tag, page)


def _paragraphs(text: str, tag: str, page: str) -> str:
    blocks = [" ".join(p.split()) for p in text.replace("\r", "").split("\n") if p.strip()]
    lang = _attr("", tag, page)
    return "".join(f"<p{lang}>{escape(block)}</p>" for block in blocks)


class Site:
    """Renders the pages of ``content`` (see the module's note)."""

    def __init__(
        self, content: WebContent, images: Mapping[str, ImageInfo], base_url: str = ""
    ) -> None:
        self.content = content
        self.images = images
        self.base_url = base_url.rstrip("/")
        self.photos = content.photos

    # -- the frame every page shares ----------------------------------------------------

    def _page(self, page: str, name: str, title: str, body: str) -> str:
        languages = self.content.languages
        site = _pick(self.content.title, page, languages)
        heading = f"{title} · {site[0]}" if site and site[0] != title else title
        head = [
            "<!DOCTYPE html>",
            f'<html lang="{escape(page)}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(heading)}</title>",
            f'<link rel="stylesheet" href="../{STYLESHEET}">',
        ]
        if self.base_url:
            head.append(f'<link rel="canonical" href="{escape(self._url(page, name))}">')
        for tag in languages:
            if tag != page:
                href = self._url(tag, name) if self.base_url else f"../{tag}/{name}"
                head.append(
                    f'<link rel="alternate" hreflang="{escape(tag)}" href="{escape(href)}">'
                )
        head.append("</head>")
        home = _text(*site, page) if site else _word("start", page)
        switch = "".join(
            f'<li><a href="../{escape(tag)}/{escape(name)}" hreflang="{escape(tag)}" '
            f'lang="{escape(tag)}">{escape(language_name(tag))}</a></li>'
            if tag != page
            else f'<li><span aria-current="page" lang="{escape(tag)}">'
            f"{escape(language_name(tag))}</span></li>"
            for tag in languages
        )
        label = escape(word("languages", page)[0])
        header = (
            f'<header class="site"><a class="home" href="index.html">{home}</a>'
            f'<nav class="languages" aria-label="{label}"><ul>{switch}</ul></nav></header>'
        )
        footer = (
            f'<footer class="site"><a href="index.html">{_word("start", page)}</a> · '
            f'<a href="photographers.html">{_word("photographers", page)}</a></footer>'
        )
        skip = f'<a class="skip" href="#main">{_word("skip", page)}</a>'
        return "\n".join([*head, "<body>", skip, header, f'<main id="main">{body}</main>', footer,
                          "</body>", "</html>", ""])  # fmt: skip

    def _url(self, tag: str, name: str) -> str:
        return f"{self.base_url}/{tag}/{'' if name == 'index.html' else name}"

    def _img(self, photo: WebPhoto, page: str, sizes: str, lazy: bool) -> str:
        info = self.images[photo.id]
        srcset = ", ".join(f"../{IMAGES}/{escape(image_name(photo, w))} {w}w" for w in info.widths)
        alt = _pick(photo.alt, page, self.content.languages)
        text, tag = alt if alt else word("photo", page)
        src = f"../{IMAGES}/{escape(image_name(photo, info.widths[-1]))}"
        loading = ' loading="lazy"' if lazy else ""
        return (
            f'<img src="{src}" srcset="{srcset}" sizes="{sizes}" width="{info.width}" '
            f'height="{info.height}" alt="{escape(text)}"{_attr("", tag, page)}{loading}>'
        )

    def _heading(self, photo: WebPhoto, page: str) -> tuple[str, str]:
        headlines = {t: f.get(CaptionField.HEADLINE, "") for t, f in photo.captions.items()}
        found = _pick(headlines, page, self.content.languages)
        if found:
            return found
        number = self.photos.index(photo) + 1
        text, tag = word("photo_of", page)
        return text % {"number": number, "count": len(self.photos)}, tag

    def _section_title(self, section: WebSection, page: str) -> tuple[str, str]:
        found = _pick(section.title, page, self.content.languages)
        if found:
            return found
        text, tag = word("section", page)
        return f"{text} {section.number}", tag

    # -- the pages ------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every page by its path in the site (``"vi/index.html"``), and the root's chooser."""
        pages = {"index.html": self.chooser()}
        for page in self.content.languages:
            pages[f"{page}/index.html"] = self.start(page)
            pages[f"{page}/photographers.html"] = self.photographers(page)
            for section in self.content.sections:
                pages[f"{page}/{section.slug}.html"] = self.section(section, page)
                for photo in section.photos:
                    pages[f"{page}/{photo.slug}.html"] = self.photo(section, photo, page)
        return pages

    def chooser(self) -> str:
        """The folder's own start: the title and a link per language, each in its language."""
        first = self.content.languages[0]
        items = []
        for tag in self.content.languages:
            title = _pick(self.content.title, tag, self.content.languages)
            label = f" — {escape(title[0])}" if title and title[1] == tag else ""
            code = escape(tag)
            items.append(
                f'<li lang="{code}"><a href="{code}/index.html" hreflang="{code}">'
                f"{escape(language_name(tag))}</a>{label}</li>"
            )
        title = _pick(self.content.title, first, self.content.languages)
        heading = _text(*title, first) if title else ""
        return "\n".join([
            "<!DOCTYPE html>", f'<html lang="{escape(first)}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title[0]) if title else ''}</title>",
            f'<link rel="stylesheet" href="{STYLESHEET}">', "</head>", "<body>",
            f'<main class="chooser"><h1>{heading}</h1><ul class="choices">{"".join(items)}</ul>'
            "</main>", "</body>", "</html>", "",
        ])  # fmt: skip

    def start(self, page: str) -> str:
        """A language's start page: title, subtitle, foreword, sections in visit order."""
        languages = self.content.languages
        title = _pick(self.content.title, page, languages)
        parts = [f"<h1>{_text(*title, page)}</h1>" if title else ""]
        subtitle = _pick(self.content.subtitle, page, languages)
        if subtitle:
            parts.append(f'<p class="subtitle">{_text(*subtitle, page)}</p>')
        foreword = _pick(self.content.foreword, page, languages)
        if foreword:
            parts.append(
                f'<section class="foreword"><h2>{_word("foreword", page)}</h2>'
                f"{_paragraphs(*foreword, page)}</section>"
            )
        items = []
        for section in self.content.sections:
            text, tag = self._section_title(section, page)
            cover = self._img(section.photos[0], page, "8rem", lazy=False)
            items.append(
                f'<li><a href="{escape(section.slug)}.html">{cover}'
                f"<span>{_text(text, tag, page)}</span></a></li>"
            )
        parts.append(
            f'<nav class="sections" aria-labelledby="sections"><h2 id="sections">'
            f"{_word('sections', page)}</h2><ol>{''.join(items)}</ol></nav>"
        )
        name = title[0] if title else word("start", page)[0]
        return self._page(page, "index.html", name, "".join(parts))

    def section(self, section: WebSection, page: str) -> str:
        """A section's page: its title, introduction and its photos in visit order."""
        title, tag = self._section_title(section, page)
        parts = [f"<h1>{_text(title, tag, page)}</h1>"]
        intro = _pick(section.intro, page, self.content.languages)
        if intro:
            parts.append(f'<div class="intro">{_paragraphs(*intro, page)}</div>')
        items = []
        for photo in section.photos:
            heading, heading_tag = self._heading(photo, page)
            image = self._img(photo, page, "(min-width: 40rem) 33vw, 100vw", lazy=True)
            items.append(
                f'<li><a href="{escape(photo.slug)}.html">{image}'
                f"<span>{_text(heading, heading_tag, page)}</span></a></li>"
            )
        parts.append(f'<ul class="grid">{"".join(items)}</ul>')
        return self._page(page, f"{section.slug}.html", title, "".join(parts))

    def photo(self, section: WebSection, photo: WebPhoto, page: str) -> str:
        """A photo's page: headline, the photo, caption, place, date, credit; previous/next."""
        languages = self.content.languages
        heading, tag = self._heading(photo, page)
        image = self._img(photo, page, "(min-width: 75rem) 72rem, 100vw", lazy=False)
        fields = {t: dict(f) for t, f in photo.captions.items()}
        caption = _pick({t: f.get(CaptionField.CAPTION, "") for t, f in fields.items()},
                        page, languages)  # fmt: skip
        figcaption = f"<figcaption>{_paragraphs(*caption, page)}</figcaption>" if caption else ""
        facts = []
        for field, key in ((CaptionField.PLACE, "place"), (CaptionField.DATE, "date"),
                           (CaptionField.CREDIT, "credit")):  # fmt: skip
            found = _pick({t: f.get(field, "") for t, f in fields.items()}, page, languages)
            if found:
                facts.append(f"<dt>{_word(key, page)}</dt><dd>{_text(*found, page)}</dd>")
        section_title = self._section_title(section, page)
        number = self.photos.index(photo)
        pager = []
        if number > 0:
            before = self.photos[number - 1]
            pager.append(
                f'<a rel="prev" href="{escape(before.slug)}.html">← {_word("previous", page)}</a>'
            )
        pager.append(f'<a href="{escape(section.slug)}.html">{_text(*section_title, page)}</a>')
        if number + 1 < len(self.photos):
            after = self.photos[number + 1]
            pager.append(
                f'<a rel="next" href="{escape(after.slug)}.html">{_word("next", page)} →</a>'
            )
        count, count_tag = word("photo_of", page)
        position = count % {"number": number + 1, "count": len(self.photos)}
        body = (
            f'<article class="photo"><h1>{_text(heading, tag, page)}</h1>'
            f"<figure>{image}{figcaption}</figure>"
            + (f'<dl class="facts">{"".join(facts)}</dl>' if facts else "")
            + f'<p class="position">{_text(position, count_tag, page)}</p></article>'
            f'<nav class="pager" aria-label="{escape(position)}">{"".join(pager)}</nav>'
        )
        return self._page(page, f"{photo.slug}.html", heading, body)

    def photographers(self, page: str) -> str:
        """The photographers' index: each name (in the page's language) and their photos."""
        by_name: dict[str, list[WebPhoto]] = {}
        for photo in self.photos:
            for name in photo.photographers.get(page, ()):
                by_name.setdefault(name, []).append(photo)
        items = []
        surnames = dict(self.content.surnames.get(page, {}))
        for name in sorted_people(list(by_name), page, surnames):
            links = ", ".join(
                f'<a href="{escape(p.slug)}.html">{_text(*self._heading(p, page), page)}</a>'
                for p in by_name[name]
            )
            items.append(f"<li><strong>{escape(name)}</strong>: {links}</li>")
        title, tag = word("photographers", page)
        body = f'<h1>{_text(title, tag, page)}</h1><ul class="index">{"".join(items)}</ul>'
        return self._page(page, "photographers.html", title, body)
