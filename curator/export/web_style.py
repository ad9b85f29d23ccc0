"""The web edition's one stylesheet: readable type, a photo as wide as the screen allows.

Small on purpose (a page weighs what its photos weigh plus a few kilobytes): the bundled
Noto faces (WOFF2 subsets, :mod:`curator.export.web_fonts`) with the system's sans-serif
behind them, a measure of some 70 characters, photos never wider than the window, a
grid of photos that is one column on a phone, and the colours of the visitor's light or
dark setting.
"""

from __future__ import annotations

from curator.export.web_fonts import WEB_FACES


def stylesheet(fonts: str) -> str:
    """The CSS, with the fonts in the folder ``fonts`` (relative to the stylesheet)."""
    faces = "".join(
        f'@font-face{{font-family:"Noto Sans";src:url("{fonts}{stem}.woff2") format("woff2");'
        f"font-weight:{weight};font-style:{style};font-display:swap}}\n"
        for stem, weight, style in WEB_FACES
    )
    return faces + _RULES


_RULES = """\
:root{color-scheme:light dark;--ink:#1b1b1b;--paper:#fdfdfb;--quiet:#595959;--line:#d6d6d0}
@media (prefers-color-scheme:dark){:root{
--ink:#ececec;
--paper:#161616;
--quiet:#b4b4b4;
--line:#3a3a3a}}
*{box-sizing:border-box}
html{
font-family:"Noto Sans",system-ui,sans-serif;line-height:1.55;color:var(--ink);
background:var(--paper)}
body{margin:0 auto;max-width:75rem;padding:0 1rem 2rem}
a{color:inherit;text-underline-offset:.2em}
a:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.skip{position:absolute;left:-100vw}
.skip:focus{position:static}
header.site{
display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;justify-content:space-between;
align-items:baseline;padding:1rem 0;border-bottom:1px solid var(--line)}
.home{font-weight:700;text-decoration:none}
.languages ul,.pager,.choices{
list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.languages a,.languages span,.pager a{display:inline-block;padding:.35rem 0;min-height:2.75rem}
[aria-current]{font-weight:700}
main{padding-top:1rem}
h1{font-size:clamp(1.5rem,4vw,2.25rem);line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
p,dl,figcaption{max-width:42rem}
.subtitle{font-size:1.2rem;color:var(--quiet)}
img{max-width:100%;height:auto;display:block;background:var(--line)}
.sections ol,.grid{
list-style:none;padding:0;margin:0;display:grid;gap:1rem;
grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
.sections a,.grid a{display:block;text-decoration:none}
.sections img,.grid img{aspect-ratio:3/2;width:100%;object-fit:cover}
.sections span,.grid span{
display:block;padding-top:.4rem;text-decoration:underline;text-underline-offset:.2em}
figure{margin:0 0 1rem}
figure img{max-height:85vh;width:auto;margin:0 auto}
figcaption{margin-top:.75rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.facts dt{color:var(--quiet)}
.facts dd{margin:0}
.position{color:var(--quiet)}
.pager{
justify-content:space-between;border-top:1px solid var(--line);margin-top:1rem;
padding-top:.5rem}
.index li{margin:.4rem 0}
footer.site{margin-top:2rem;padding-top:1rem;border-top:1px solid var(--line);color:var(--quiet)}
.chooser{text-align:center;padding-top:3rem}
.chooser .choices{flex-direction:column;align-items:center;font-size:1.25rem;gap:1rem}
"""
