"""A self-contained HTML validation report: one file, inline CSS, the top-down map embedded as a base64 PNG.

Plain string templating; every piece of scene or finding text goes through ``html.escape``. No scripts, no external
fetches, so the page can be mailed, attached to an issue or opened offline.
"""

from __future__ import annotations

import base64
import io
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from scenegen.report.summary import ValidatorSummary, summarize
from scenegen.scene import Finding, Report, Scene, write_atomic

if TYPE_CHECKING:
    from PIL import Image as PILImage

MAP_PX_PER_M = 80.0
"""Pixels per metre of the embedded top-down map."""

_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 70em;
       color: #1d1f23; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
.meta { color: #5b6270; margin: 0 0 1em; }
.verdict { display: inline-block; padding: .25em .7em; border-radius: .3em; font-weight: 600; }
.verdict.pass { background: #dff3e4; color: #155d2b; } .verdict.fail { background: #fbe0e0; color: #8a1414; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #e3e5e8; vertical-align: top; }
th { background: #f4f5f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status { font-weight: 600; text-transform: uppercase; font-size: .85em; white-space: nowrap; }
.status.fail { color: #b3161b; } .status.warn { color: #9a6a00; } .status.pass { color: #1d7a3a; }
.status.skip { color: #777; }
tr.fail td { background: #fff5f5; } tr.warn td { background: #fffbea; }
.fix { color: #3b4a6b; } .ids { color: #5b6270; font-family: ui-monospace, monospace; font-size: .9em; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #e3e5e8; }
figcaption { color: #5b6270; font-size: .9em; }
"""


def report_html(scene: Scene, report: Report, *, title: str | None = None,
                map_image: "PILImage.Image | None" = None) -> str:
    """The report as one HTML document (str).

    Sections: a header (prompt, object count, verdict), the top-down map (``map_image``, or
    ``scenegen.render.views.top_down_map(scene, report.findings)`` when None) as an inline PNG, a summary table (one
    row per validator, failing first, with its summary score) and the findings grouped by validator, failing rows
    first, each with its message, objects and suggested fix.
    """
    rows = summarize(report)
    heading = title or f"scenegen report: {scene.provenance.prompt or scene.room.type}"
    verdict = "pass" if report.passed else "fail"
    failing = sum(1 for r in rows if r.status == "fail")
    verdict_text = "every check passes" if report.passed else f"{failing} validator(s) fail"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(heading)}</h1>",
        f'<p class="meta">{escape(scene.room.type)}, {scene.room.area:.1f} m², {len(scene.objects)} objects'
        f"{_unplaced_note(scene)}, seed {scene.provenance.seed} · "
        f'<span class="verdict {verdict}">{escape(verdict_text)}</span></p>',
        _map_figure(scene, report, map_image),
        "<h2>Summary</h2>",
        _summary_table(rows),
        "<h2>Findings</h2>",
        *(_validator_section(row) for row in rows),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_html(scene: Scene, report: Report, path: str | Path, *, title: str | None = None) -> Path:
    """Write ``report_html`` atomically to ``path`` and return the path."""
    path = Path(path)
    write_atomic(path, report_html(scene, report, title=title))
    return path


def png_data_uri(image: "PILImage.Image") -> str:
    """``data:image/png;base64,...`` for a PIL image."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _unplaced_note(scene: Scene) -> str:
    return f" ({len(scene.unplaced)} could not be placed)" if scene.unplaced else ""


def _map_figure(scene: Scene, report: Report, image: "PILImage.Image | None") -> str:
    if image is None:
        from scenegen.render.views import top_down_map

        image = top_down_map(scene, report.findings, px_per_m=MAP_PX_PER_M)
    alt = "top-down map of the room; objects named by failing checks are outlined in red"
    return (f'<figure><img alt="{escape(alt)}" src="{png_data_uri(image)}">'
            f"<figcaption>Top-down map, north up, 1 m scale bar. Red outlines: objects in failing checks."
            f"</figcaption></figure>")


def _status(status: str) -> str:
    return f'<span class="status {escape(status)}">{escape(status)}</span>'


def _score(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}"


def _summary_table(rows: list[ValidatorSummary]) -> str:
    body = []
    for row in rows:
        flagged = row.fails or row.warns
        detail = flagged[0].message if flagged else (row.summary.message if row.summary else "")
        if len(flagged) > 1:
            detail += f" (+{len(flagged) - 1} more)"
        body.append(f'<tr class="{escape(row.status)}"><td><a href="#v-{escape(row.validator)}">'
                    f"{escape(row.validator)}</a></td><td>{_status(row.status)}</td>"
                    f'<td class="num">{_score(row.score)}</td><td>{escape(detail)}</td></tr>')
    return ("<table><thead><tr><th>validator</th><th>status</th><th>score</th><th>detail</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _validator_section(row: ValidatorSummary) -> str:
    body = "".join(_finding_row(f) for f in row.findings)
    return (f'<h3 id="v-{escape(row.validator)}">{escape(row.validator)} {_status(row.status)}</h3>'
            "<table><thead><tr><th>status</th><th>check</th><th>score</th><th>message</th><th>objects</th>"
            f"<th>fix</th></tr></thead><tbody>{body}</tbody></table>")


def _finding_row(f: Finding) -> str:
    return (f'<tr class="{escape(f.status)}"><td>{_status(f.status)}</td><td>{escape(f.check)}</td>'
            f'<td class="num">{_score(f.score)}</td><td>{escape(f.message)}</td>'
            f'<td class="ids">{escape(", ".join(f.object_ids))}</td><td class="fix">{escape(f.fix)}</td></tr>')
