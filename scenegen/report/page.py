"""Pieces shared by the HTML pages (scene report, batch dashboard): the stylesheet, the document shell, inline PNGs,
status badges, small tables and bars.

Every piece of text that came from a scene, a plan, a finding or a manifest goes through ``html.escape`` here or at
the call site; the pages carry no scripts and fetch nothing (images are ``data:`` URIs), so they open offline.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image as PILImage

CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 72em;
       color: #1d1f23; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.25em; margin-top: 1.8em;
     border-bottom: 2px solid #e3e5e8; padding-bottom: .2em; }
h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
nav { position: sticky; top: 0; background: #fff; padding: .4em 0; border-bottom: 1px solid #e3e5e8; z-index: 1; }
nav a { margin-right: 1em; color: #2a4d8f; text-decoration: none; } nav a:hover { text-decoration: underline; }
.meta { color: #5b6270; margin: 0 0 1em; }
blockquote.prompt { font-size: 1.1em; margin: .5em 0; padding: .6em 1em; background: #f4f5f7;
                    border-left: 4px solid #2a4d8f; }
.verdict { display: inline-block; padding: .25em .7em; border-radius: .3em; font-weight: 600; }
.verdict.pass, .verdict.ok { background: #dff3e4; color: #155d2b; }
.verdict.fail, .verdict.invalid, .verdict.error { background: #fbe0e0; color: #8a1414; }
.verdict.unplaced, .verdict.warn { background: #fff1cc; color: #7a5200; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #e3e5e8; vertical-align: top; }
th { background: #f4f5f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status { font-weight: 600; text-transform: uppercase; font-size: .85em; white-space: nowrap; }
.status.fail, .status.error, .status.invalid { color: #b3161b; } .status.warn, .status.unplaced { color: #9a6a00; }
.status.pass, .status.ok { color: #1d7a3a; } .status.skip { color: #777; }
tr.fail td { background: #fff5f5; } tr.warn td { background: #fffbea; }
td.bad { background: #fff5f5; }
.fix { color: #3b4a6b; } .ids { color: #5b6270; font-family: ui-monospace, monospace; font-size: .9em; }
.obj { font-family: ui-monospace, monospace; font-weight: 600; color: #b3161b; background: #fff0f0;
       padding: 0 .25em; border-radius: .2em; }
.tag { font-size: .8em; padding: 0 .35em; border-radius: .25em; background: #eef0f3; color: #444; }
.tag.bad { background: #fbe0e0; color: #8a1414; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #e3e5e8; }
figcaption { color: #5b6270; font-size: .9em; }
.views { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.views figure { margin: 0; flex: 1 1 24em; }
.finding { display: flex; gap: 1em; border: 1px solid #f0c4c4; border-left: 5px solid #c81e1e; border-radius: .3em;
           padding: .6em .8em; margin: .6em 0; background: #fffafa; align-items: flex-start; }
.finding figure { margin: 0; flex: 0 0 auto; } .finding figure img { width: 16em; }
.finding .body p { margin: .2em 0; }
.bar { display: inline-block; height: .8em; background: #7a93c9; border-radius: .2em; vertical-align: middle; }
.bar.bad { background: #d05050; } .bar.good { background: #4fa36a; }
.gallery { display: flex; flex-wrap: wrap; gap: 1em; }
.card { width: 15em; border: 1px solid #e3e5e8; border-radius: .3em; padding: .5em; }
.card img { width: 100%; display: block; } .card a { color: inherit; text-decoration: none; }
.card .prompt { color: #5b6270; font-size: .85em; }
.empty { color: #777; font-style: italic; }
ul.plain { margin: .2em 0; padding-left: 1.2em; }
"""


def document(title: str, body: Iterable[str]) -> str:
    """A complete HTML5 document: ``title`` (escaped here), the inline stylesheet, and the ``body`` pieces (already
    HTML) joined by newlines."""
    head = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"]
    return "\n".join([*head, *body, "</body></html>"]) + "\n"


def png_data_uri(image: "PILImage.Image") -> str:
    """``data:image/png;base64,...`` for a PIL image."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def png_bytes_data_uri(data: bytes) -> str:
    """``data:image/png;base64,...`` for PNG file bytes (used as they are)."""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def status(value: str) -> str:
    """A status word as a coloured badge (``pass``/``fail``/``warn``/``skip``; ``ok``/``invalid``/... for scenes)."""
    return f'<span class="status {escape(value)}">{escape(value)}</span>'


def seconds(value: float | None) -> str:
    """Seconds for a table cell: ms below one second, else one decimal."""
    if value is None:
        return ""
    return f"{value * 1000:.0f} ms" if value < 1.0 else f"{value:.1f} s"


def bar(fraction: float, css: str = "", width_em: float = 10.0) -> str:
    """A horizontal bar ``fraction`` (clipped to [0, 1]) of ``width_em`` wide, drawn with CSS only."""
    frac = min(max(float(fraction), 0.0), 1.0)
    return f'<span class="bar {escape(css)}" style="width:{frac * width_em:.2f}em"></span>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], *, empty: str = "none") -> str:
    """A plain table (rows carry no class, cells are HTML already); ``empty`` (escaped) when there are no rows."""
    body = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    if not body:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def num(text: str) -> str:
    """Mark a cell's content for right alignment (``table`` wraps cells in ``<td>``; this adds a span)."""
    return f'<span style="display:block;text-align:right">{text}</span>'
