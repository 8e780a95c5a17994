"""The reviewer's HTML report of one scene: a single self-contained file (inline CSS, pictures as base64 PNGs, no
scripts, nothing fetched), so it can be mailed, attached to an issue or opened offline.

Sections, in order (each a ``<section id=...>``): the header (prompt, room, verdict), ``summary`` (one row per
validator, failing first), ``views`` (top-down map with failing objects in red, perspective view), ``findings`` (per
validator ``v-<name>``: a card per failing finding with its own small map, only its objects in red, then the table of
all its findings, failing rows first), ``plan`` (objects with attributes, relations with their source phrases),
``attempts`` (the repair rounds), ``conflicts``, ``timings`` and ``provenance``. Every piece of scene, plan or
finding text goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from scenegen.design import is_added
from scenegen.report.design import design_summary
from scenegen.report.images import ReportImages, render_images
from scenegen.report.page import bar, document, num, png_data_uri, seconds, status, table
from scenegen.report.summary import ValidatorSummary, summarize
from scenegen.scene import Finding, Report, Scene
from scenegen.scene_files import write_atomic

if TYPE_CHECKING:
    from PIL import Image as PILImage

__all__ = ["report_html", "write_html", "png_data_uri", "SECTIONS"]

SECTIONS = ("summary", "views", "findings", "plan", "attempts", "conflicts", "timings", "provenance")
"""The ids of the report's sections, in page order."""

_TITLES = {"summary": "Summary", "views": "Views", "findings": "Findings", "plan": "Plan", "attempts": "Repair rounds",
           "conflicts": "Conflicts", "timings": "Timings", "provenance": "Provenance"}


def report_html(scene: Scene, report: Report, *, title: str | None = None,
                map_image: "PILImage.Image | None" = None, images: ReportImages | None = None) -> str:
    """The report as one HTML document (str).

    ``images`` holds the pictures to embed; when None they are rendered (``render_images``), using ``map_image`` as
    the top-down map when given. Pass ``ReportImages()`` for a page without pictures.
    """
    if images is None:
        images = render_images(scene, report, top_down=map_image)
    rows = summarize(report)
    heading = title or f"scenegen report: {scene.provenance.prompt or scene.room.type}"
    body = [
        _header(scene, report, rows, heading),
        _nav(),
        _section("summary", _summary_table(rows)),
        _section("views", _views(images)),
        _section("findings", "".join(_validator_section(row, report, images) for row in rows)
                 or '<p class="empty">no validator ran</p>'),
        _section("plan", _plan(scene, report)),
        _section("attempts", _attempts(report)),
        _section("conflicts", _conflicts(scene)),
        _section("timings", _timings(report)),
        _section("provenance", _provenance(scene, report)),
    ]
    return document(heading, body)


def write_html(scene: Scene, report: Report, path: str | Path, *, title: str | None = None,
               images: ReportImages | None = None) -> Path:
    """Write ``report_html`` atomically to ``path`` and return the path."""
    path = Path(path)
    write_atomic(path, report_html(scene, report, title=title, images=images))
    return path


# -- header and layout ---------------------------------------------------------------------------------------------


def _header(scene: Scene, report: Report, rows: list[ValidatorSummary], heading: str) -> str:
    failing = sum(1 for r in rows if r.status == "fail")
    verdict = "pass" if report.passed else "fail"
    verdict_text = "every check passes" if report.passed else f"{failing} validator(s) fail"
    unplaced = f" ({len(scene.unplaced)} could not be placed)" if scene.unplaced else ""
    return (f'<header id="top"><h1>{escape(heading)}</h1>'
            f'<blockquote class="prompt" id="prompt">{escape(scene.provenance.prompt)}</blockquote>'
            f'<p class="meta">{escape(scene.room.type)}, {scene.room.area:.1f} m², {len(scene.objects)} objects'
            f"{unplaced}, seed {scene.provenance.seed} · "
            f'<span class="verdict {verdict}">{escape(verdict_text)}</span></p></header>')


def _nav() -> str:
    return "<nav>" + "".join(f'<a href="#{s}">{_TITLES[s]}</a>' for s in SECTIONS) + "</nav>"


def _section(key: str, inner: str) -> str:
    return f'<section id="{key}"><h2>{_TITLES[key]}</h2>\n{inner}\n</section>'


def _img(image: "PILImage.Image", alt: str, css: str = "") -> str:
    cls = f' class="{escape(css)}"' if css else ""
    return f'<img{cls} alt="{escape(alt)}" src="{png_data_uri(image)}">'


def _objects(ids: list[str]) -> str:
    return ", ".join(f'<span class="obj">{escape(i)}</span>' for i in ids) or '<span class="empty">the room</span>'


# -- summary, views, findings --------------------------------------------------------------------------------------


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}"


def _summary_table(rows: list[ValidatorSummary]) -> str:
    if not rows:
        return '<p class="empty">no validator ran</p>'
    body = []
    for row in rows:
        flagged = row.fails or row.warns
        detail = flagged[0].message if flagged else (row.summary.message if row.summary else "")
        if len(flagged) > 1:
            detail += f" (+{len(flagged) - 1} more)"
        body.append(f'<tr class="{escape(row.status)}"><td><a href="#v-{escape(row.validator)}">'
                    f"{escape(row.validator)}</a></td><td>{status(row.status)}</td>"
                    f'<td class="num">{_score(row.score)}</td><td>{escape(detail)}</td></tr>')
    return ("<table><thead><tr><th>validator</th><th>status</th><th>score</th><th>detail</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _views(images: ReportImages) -> str:
    parts = []
    if images.top_down is not None:
        alt = "top-down map of the room; objects named by failing checks are outlined in red"
        parts.append(f'<figure id="top-down-map">{_img(images.top_down, alt)}<figcaption>Top-down map, north (+y) '
                     f"up, 1 m scale bar. Red outlines: objects in failing checks; green: door clearance."
                     f"</figcaption></figure>")
    if images.view is not None:
        parts.append(f'<figure id="perspective-view">{_img(images.view, "perspective view from a corner")}'
                     f"<figcaption>Perspective view from a corner at eye height (1.6 m).</figcaption></figure>")
    if not parts:
        return '<p class="empty">pictures were not rendered for this report</p>'
    return f'<div class="views">{"".join(parts)}</div>'


def _validator_section(row: ValidatorSummary, report: Report, images: ReportImages) -> str:
    index = {id(f): k for k, f in enumerate(report.findings)}
    cards = "".join(_finding_card(f, index[id(f)], images) for f in row.fails)
    body = "".join(_finding_row(f) for f in row.findings)
    return (f'<section class="validator" id="v-{escape(row.validator)}" data-status="{escape(row.status)}">'
            f"<h3>{escape(row.validator)} {status(row.status)}</h3>{cards}"
            "<table><thead><tr><th>status</th><th>check</th><th>score</th><th>message</th><th>objects</th>"
            f"<th>fix</th></tr></thead><tbody>{body}</tbody></table></section>")


def _finding_card(f: Finding, k: int, images: ReportImages) -> str:
    """A failing finding: its own small map (only its objects red) beside the message, objects and fix."""
    picture = images.finding_maps.get(k)
    figure = ""
    if picture is not None:
        alt = f"top-down map with {', '.join(f.object_ids)} outlined in red"
        figure = (f'<figure>{_img(picture, alt, "finding-map")}<figcaption>only this finding\'s objects in red'
                  f"</figcaption></figure>")
    fix = f'<p class="fix"><b>Fix:</b> {escape(f.fix)}</p>' if f.fix else ""
    score = f" · score {f.score:.2f}" if f.score is not None else ""
    return (f'<div class="finding fail" id="finding-{k}" data-validator="{escape(f.validator)}" '
            f'data-check="{escape(f.check)}" data-objects="{escape(" ".join(f.object_ids))}">{figure}'
            f'<div class="body"><p>{status(f.status)} <b>{escape(f.validator)}.{escape(f.check)}</b>{score}</p>'
            f'<p class="message">{escape(f.message)}</p>{fix}<p class="objects">Objects: {_objects(f.object_ids)}'
            "</p></div></div>")


def _finding_row(f: Finding) -> str:
    return (f'<tr class="{escape(f.status)}"><td>{status(f.status)}</td><td>{escape(f.check)}</td>'
            f'<td class="num">{_score(f.score)}</td><td>{escape(f.message)}</td>'
            f'<td class="ids">{escape(", ".join(f.object_ids))}</td><td class="fix">{escape(f.fix)}</td></tr>')


# -- plan, attempts, conflicts -------------------------------------------------------------------------------------


def _failing_checks(report: Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in report.findings:
        if f.status == "fail":
            for oid in f.object_ids:
                checks = out.setdefault(oid, [])
                if f.validator not in checks:
                    checks.append(f.validator)
    return out


def _plan(scene: Scene, report: Report) -> str:
    plan = scene.plan
    placed = {o.id for o in scene.objects}
    unplaced = {u.id: u.reason for u in scene.unplaced}
    failing = _failing_checks(report)
    rows = []
    for o in plan.objects:
        a = o.attributes
        words = [f"{name}: {escape(value)}" for name, value in
                 (("colour", a.colour), ("material", a.material), ("style", a.style), ("size", a.size)) if value]
        tags = []
        if o.generic and o.proposal is not None:
            w, d, h = o.proposal.size
            tags.append(f'<span class="tag">open vocabulary: {escape(o.proposal.shape)} {w:.2f}×{d:.2f}×{h:.2f} m '
                        f'on the {escape(o.proposal.support)}, as the planner proposed</span>')
        elif o.generic:
            tags.append('<span class="tag">generic: not in the catalog, a default-size box</span>')
        if o.id in unplaced:
            tags.append(f'<span class="tag bad">unplaced: {escape(unplaced[o.id])}</span>')
        elif o.id not in placed:
            tags.append('<span class="tag bad">not in the scene</span>')
        if is_added(o):
            tags.append('<span class="tag">added by the design stage</span>')
        tags += [f'<span class="tag bad">fails {escape(v)}</span>' for v in failing.get(o.id, [])]
        ident = f'<span class="obj">{escape(o.id)}</span>' if o.id in failing else f'<span class="ids">{escape(o.id)}</span>'
        rows.append([ident, escape(o.category), escape(o.description), "<br>".join(words), " ".join(tags)])
    objects = table(["id", "category", "description", "attributes", "state"], rows, empty="the plan has no objects")
    rel_rows = [[escape(r.kind), escape(r.subject), escape(r.target or ""),
                 escape(", ".join(f"{k}={v}" for k, v in sorted(r.params.items()))),
                 f"<q>{escape(r.source)}</q>" if r.source else ""] for r in plan.relations]
    relations = table(["relation", "subject", "target", "params", "source phrase"], rel_rows,
                      empty="the plan has no relations")
    notes = ("<h3>Planner notes</h3><ul class=\"plain\">" + "".join(f"<li>{escape(n)}</li>" for n in plan.notes)
             + "</ul>") if plan.notes else ""
    room = scene.room
    openings = ", ".join(f"{op.id} ({op.kind}, wall {op.wall}, {op.width:.2f} m)" for op in room.openings) or "none"
    finishes = "".join(f"; {part}: {escape(', '.join(w for w in (f.colour, f.material) if w))}"
                       for part, f in (("walls", room.walls), ("floor", room.floor)) if f is not None)
    return (f'<p class="meta">Planner <b>{escape(plan.planner)}</b>; room {escape(room.type)}, '
            f"{room.area:.1f} m², {room.height:.2f} m high; openings: {escape(openings)}{finishes}.</p>"
            f'<p class="meta">{escape(design_summary(scene).line())}.</p>'
            f'<h3>Objects ({len(plan.objects)})</h3>{objects}<h3>Relations ({len(plan.relations)})</h3>{relations}'
            f"{notes}")


def _list(items: list[str]) -> str:
    return ('<ul class="plain">' + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>") if items else ""


def _attempts(report: Report) -> str:
    rows = [[str(a.attempt), status("pass" if a.passed else "fail"), escape(", ".join(a.unplaced)),
             _list(a.failures), _list(a.repairs)] for a in report.attempts]
    return table(["round", "result", "unplaced", "failures", "repairs handed to the next round"], rows,
                 empty="no repair rounds recorded (the scene was validated outside scenegen make)")


def _conflicts(scene: Scene) -> str:
    rels = scene.plan.relations
    rows = []
    for c in scene.conflicts:
        named = [f"{rels[i].kind} {rels[i].subject} → {rels[i].target or ''}".strip()
                 + (f" (“{rels[i].source}”)" if rels[i].source else "")
                 for i in c.relations if 0 <= i < len(rels)]
        rows.append([escape(c.kind), _objects(c.objects), _list(named), escape(c.message),
                     "yes" if c.minimal else "no"])
    return table(["kind", "objects", "relations", "message", "minimal"], rows, empty="no conflicts: the whole plan "
                 "was met")


def _timings(report: Report) -> str:
    stages = [(k, v) for k, v in report.timings.items() if "." not in k]
    nested = sorted(((k, v) for k, v in report.timings.items() if "." in k), key=lambda kv: -kv[1])
    if not report.timings:
        return '<p class="empty">no timings recorded</p>'
    total = sum(v for _, v in stages) or sum(v for _, v in nested)
    longest = max(report.timings.values()) or 1.0
    rows = [[escape(k), num(seconds(v)), bar(v / longest)] for k, v in stages]
    rows += [[f'<span class="ids">{escape(k)}</span>', num(seconds(v)), bar(v / longest)] for k, v in nested]
    return f'<p class="meta">Total {seconds(total)} over the top-level stages.</p>' + table(
        ["stage", "time", ""], rows)


def _provenance(scene: Scene, report: Report) -> str:
    p = scene.provenance
    rows = [["prompt", escape(p.prompt)], ["seed", str(p.seed)], ["planner", escape(p.planner)],
            ["object generator", escape(p.assets)], ["solver", escape(p.solver)],
            *([f"version: {escape(k)}", escape(v)] for k, v in sorted(p.versions.items())),
            ["scene schema", escape(scene.version)], ["report schema", escape(report.version)]]
    return table(["", ""], rows)
