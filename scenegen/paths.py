"""Where scenegen keeps files between runs on the user's machine."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path:
    """``$SCENEGEN_CACHE``, else ``$XDG_CACHE_HOME/scenegen``, else ``~/.cache/scenegen`` (not created here)."""
    if os.environ.get("SCENEGEN_CACHE"):
        return Path(os.environ["SCENEGEN_CACHE"]) / "scenegen"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "scenegen"
