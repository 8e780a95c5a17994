"""Reports on a validated scene: per-validator summaries (``summary``), the reviewer's self-contained HTML page
(``html``, its pictures from ``images``, shared pieces in ``page``), the batch dashboard (``batch`` reads a batch
folder, ``dashboard`` renders it) and ``build``, which writes either from files on disk (``scenegen report``).

Plain functions over ``scenegen.scene.Report``; the terminal table lives in ``cli.common.print_report``.
"""

from scenegen.report.summary import ValidatorSummary, summarize, summary_finding

__all__ = ["ValidatorSummary", "summarize", "summary_finding"]
