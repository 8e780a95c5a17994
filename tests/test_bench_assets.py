"""``scenegen bench assets`` and ``scenegen catalog --json`` on a small subset: the numbers are there and sane."""

from __future__ import annotations

import json
import subprocess
import sys

from scenegen import catalog
from scenegen.bench.assets import bench_assets


def test_bench_assets_reports_ms_and_faces_per_object() -> None:
    result = bench_assets(seeds=2, repeats=1, categories=["chair", "bunk_bed", "exercise_ball"])
    assert result.categories == 3 and result.objects == 6 and result.room_objects == 3
    assert 0 < result.ms_median <= result.ms_p95 and result.room_s > 0
    assert 0 < result.faces_median <= result.faces_max < 5000
    assert {r.category for r in result.rows} == {"chair", "bunk_bed", "exercise_ball"}


def test_catalog_json_lists_every_category_as_data() -> None:
    run = subprocess.run([sys.executable, "-m", "cli.main", "catalog", "--json"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["count"] == len(catalog.CATALOG) >= 200
    bed = next(c for c in data["categories"] if c["name"] == "bed")
    assert bed["params"][0]["name"] == "pillows" and bed["params"][0]["hi"] == 6
    assert set(data["roles"]) == set(catalog.ROLES)
