"""The batch dashboard: one self-contained HTML page over a batch folder (``scenegen.report.batch``).

Sections (each a ``<section id=...>``): ``overview`` (scenes per status), ``pass-rates`` (per validator: scenes with
no failing finding over scenes it ran on), ``failures`` (reasons, most common first, with the scenes they hit),
``slowest`` (scenes by wall time: ``total``, else the sum of their top-level stages), ``gallery`` (a thumbnail per scene linking to its
report) and ``notes`` (manifest lines or folders that were skipped). No scripts; thumbnails are base64 PNGs.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from scenegen.report.batch import STATUSES, Batch, BatchEntry, failure_reasons, pass_rates, slowest
from scenegen.report.page import bar, document, num, png_data_uri, seconds, status, table

if TYPE_CHECKING:
    from PIL import Image as PILImage

DASHBOARD_SECTIONS = ("overview", "pass-rates", "failures", "slowest", "gallery")
"""Ids of the dashboard's sections, in page order (``notes`` follows when something was skipped)."""

_TITLES = {"overview": "Overview", "pass-rates": "Pass rate per validator", "failures": "Failures by reason",
           "slowest": "Slowest scenes", "gallery": "Gallery", "notes": "Notes"}


def dashboard_html(batch: Batch, *, links: dict[str, str] | None = None,
                   thumbnails: "dict[str, PILImage.Image] | None" = None, title: str | None = None) -> str:
    """The dashboard page for ``batch``. ``links`` maps scene id -> href of its report (relative to the page);
    ``thumbnails`` scene id -> picture. Scenes without either are shown without."""
    links = links or {}
    thumbnails = thumbnails or {}
    heading = title or f"scenegen batch: {batch.root.name or batch.root}"
    body = [f'<header id="top"><h1>{escape(heading)}</h1><p class="meta">{len(batch.entries)} scenes, read from '
            f"{'manifest.jsonl' if batch.source == 'manifest' else 'the scene folders'} in "
            f"<code>{escape(str(batch.root))}</code></p></header>",
            "<nav>" + "".join(f'<a href="#{s}">{_TITLES[s]}</a>' for s in DASHBOARD_SECTIONS) + "</nav>",
            _section("overview", _overview(batch.entries)),
            _section("pass-rates", _pass_rates(batch.entries)),
            _section("failures", _failures(batch.entries, links)),
            _section("slowest", _slowest(batch.entries, links)),
            _section("gallery", _gallery(batch.entries, links, thumbnails))]
    if batch.notes:
        body.append(_section("notes", '<ul class="plain">' + "".join(f"<li>{escape(n)}</li>" for n in batch.notes)
                             + "</ul>"))
    return document(heading, body)


def _section(key: str, inner: str) -> str:
    return f'<section id="{key}"><h2>{_TITLES[key]}</h2>\n{inner}\n</section>'


def _scene_link(entry: BatchEntry, links: dict[str, str]) -> str:
    href = links.get(entry.id)
    text = f'<span class="ids">{escape(entry.id)}</span>'
    return f'<a href="{escape(href)}">{text}</a>' if href else text


def _overview(entries: list[BatchEntry]) -> str:
    counts = Counter(e.status for e in entries)
    n = len(entries) or 1
    rows = [[status(s), num(str(counts.get(s, 0))), num(f"{100 * counts.get(s, 0) / n:.0f}%"),
             bar(counts.get(s, 0) / n, "good" if s == "ok" else "bad")] for s in STATUSES]
    return table(["status", "scenes", "share", ""], rows)


def _pass_rates(entries: list[BatchEntry]) -> str:
    rates = pass_rates(entries)
    ordered = sorted(rates.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0]))
    rows = [[escape(name), num(f"{ok}/{ran}"), num(f"{100 * ok / ran:.1f}%"),
             bar(ok / ran, "good" if ok == ran else "bad")] for name, (ok, ran) in ordered]
    return table(["validator", "passed/ran", "pass rate", ""], rows, empty="no validator results in this batch")


def _failures(entries: list[BatchEntry], links: dict[str, str]) -> str:
    by_id = {e.id: e for e in entries}
    rows = []
    for reason, ids in failure_reasons(entries).items():
        checks = sorted({c for i in ids for c in by_id[i].failing if c.split(".")[0] == reason})
        detail = f'<br><span class="ids">{escape(", ".join(checks))}</span>' if checks else ""
        shown = ", ".join(_scene_link(by_id[i], links) for i in ids[:8])
        more = f" and {len(ids) - 8} more" if len(ids) > 8 else ""
        rows.append([escape(reason) + detail, num(str(len(ids))), shown + more])
    return table(["reason", "scenes", "which"], rows, empty="no failures: every scene passed")


def _slowest(entries: list[BatchEntry], links: dict[str, str]) -> str:
    top = slowest(entries)
    longest = top[0].total_seconds if top and top[0].total_seconds > 0 else 1.0
    rows = []
    for e in top:
        stages = e.stages
        worst = max(stages, key=stages.get) if stages else ""
        rows.append([_scene_link(e, links), num(seconds(e.total_seconds)), bar(e.total_seconds / longest),
                     escape(f"{worst} {seconds(stages[worst])}" if worst else ""), status(e.status)])
    return table(["scene", "total", "", "slowest stage", "status"], rows, empty="no timings recorded")


def _gallery(entries: list[BatchEntry], links: dict[str, str], thumbnails: "dict[str, PILImage.Image]") -> str:
    if not entries:
        return '<p class="empty">no scenes</p>'
    cards = []
    for e in entries:
        picture = thumbnails.get(e.id)
        img = (f'<img alt="{escape(e.id)}" src="{png_data_uri(picture)}">' if picture is not None
               else '<p class="empty">no picture</p>')
        caption = (f"<p>{status(e.status)} <b>{escape(e.id)}</b></p>"
                   f'<p class="prompt">{escape(e.prompt[:140])}</p>')
        if e.error:
            caption += f'<p class="prompt">{escape(e.error.splitlines()[0][:140] if e.error.strip() else "")}</p>'
        href = links.get(e.id)
        inner = f'<a href="{escape(href)}">{img}{caption}</a>' if href else img + caption
        cards.append(f'<div class="card {escape(e.status)}" data-scene="{escape(e.id)}">{inner}</div>')
    return f'<div class="gallery">{"".join(cards)}</div>'
