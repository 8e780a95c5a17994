"""Reports on a validated scene: per-validator summaries (``summary``) and a self-contained HTML page (``html``).

Plain functions over ``scenegen.scene.Report``; the terminal table lives in ``cli.common.print_report``.
"""

from scenegen.report.summary import ValidatorSummary, summarize, summary_finding

__all__ = ["ValidatorSummary", "summarize", "summary_finding"]
