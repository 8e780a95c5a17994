"""The reviewer's report in a real browser: headless Chromium loads the report of a generated bedroom with a planted
collision from a ``file://`` URL, dumps its DOM and takes a screenshot.

Checked: the screenshot is not blank and shows the map's red outlines (so the inline PNGs decoded in the browser); the
DOM holds every section, names both colliding objects in the collision section, and the collision finding's own map
(decoded from the DOM's data URI) is red where the pair stands. Needs ``chromium`` (``scripts/setup_browser.sh``);
skipped without it unless ``SCENEGEN_REQUIRE_BROWSER=1``, which turns the skip into a failure (for CI).
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scenegen.mutate import mutate
from scenegen.pipeline import make
from scenegen.render.views import FAIL_RED, footprint_corners, map_camera
from scenegen.report.html import SECTIONS, write_html
from scenegen.report.images import FINDING_MAP_PX_PER_M
from validators import validate

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # ~5 s: a bedroom made, rendered and loaded twice

PROMPT = "a bedroom with a bed, two nightstands with a lamp on each and a wardrobe"
WINDOW = (1280, 2200)


def chromium() -> str:
    """Path of the Chromium binary (``$CHROMIUM`` first), or skip (fail under SCENEGEN_REQUIRE_BROWSER=1)."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)  # type: ignore[return-value]
    reason = "headless chromium is not installed (run scripts/setup_browser.sh, or apt-get install chromium)"
    if os.environ.get("SCENEGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [binary, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
           "--disable-extensions", "--allow-file-access-from-files", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """(scene, planted pair, DOM text, screenshot) of the report of a bedroom with a planted collision."""
    binary = chromium()
    tmp = tmp_path_factory.mktemp("browser")
    clean = make(PROMPT, seed=0)
    scene, planted = mutate(clean.scene, "overlap", np.random.default_rng(0))
    report = validate(scene).model_copy(update={"attempts": clean.report.attempts, "timings": clean.report.timings})
    assert planted.caught_by(report, "collision")
    page = write_html(scene, report, tmp / "report.html")
    url = page.resolve().as_uri()
    dom = run_chromium(binary, tmp / "profile", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    shot = tmp / "shot.png"
    result = run_chromium(binary, tmp / "profile", f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
                          url)
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    return scene, planted.object_ids, dom.stdout, Image.open(shot).convert("RGB")


def near_red(rgb: np.ndarray, tol: int = 45) -> np.ndarray:
    return np.abs(rgb.astype(int) - np.asarray(FAIL_RED)).max(axis=2) <= tol


def test_screenshot_is_not_blank_and_shows_red_outlines(loaded):
    _, _, _, shot = loaded
    pixels = np.asarray(shot)
    assert shot.size == WINDOW
    assert pixels.std() > 20  # a white page, or one colour, is ~0
    packed = (pixels[..., 0].astype(np.int32) << 16) | (pixels[..., 1].astype(np.int32) << 8) | pixels[..., 2]
    assert len(np.unique(packed)) > 500  # text and rendered pictures, not flat boxes
    assert near_red(pixels).sum() > 200  # the maps' red outlines reached the screen: the data URIs decoded


def test_dom_has_every_section_and_names_the_pair(loaded):
    _, pair, dom, _ = loaded
    for key in SECTIONS:
        assert f'<section id="{key}">' in dom
    assert 'id="top-down-map"' in dom and 'id="perspective-view"' in dom
    start = dom.index('<section class="validator" id="v-collision" data-status="fail">')
    collision = dom[start:dom.index("</section>", start)]
    for oid in pair:
        assert f'<span class="obj">{oid}</span>' in collision
    card = re.search(r'<div class="finding fail" id="finding-\d+" data-validator="collision" data-check="collision" '
                     r'data-objects="([^"]+)">', collision)
    assert card and set(card.group(1).split()) == set(pair)


def test_collision_map_in_the_dom_shows_the_pair_red(loaded):
    scene, pair, dom, _ = loaded
    start = dom.index('data-check="collision"')
    card = dom[start:dom.index("</div></div>", start)]
    (b64,) = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', card)
    raw = base64.b64decode(b64)
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    red = near_red(np.asarray(Image.open(io.BytesIO(raw)).convert("RGB")), tol=10)
    cam = map_camera(scene.room, FINDING_MAP_PX_PER_M)
    corners = np.vstack([footprint_corners(scene.object(i)) for i in pair])
    uv, _ = cam.project(np.column_stack([corners, np.zeros(len(corners))]))
    (u0, v0), (u1, v1) = np.floor(uv.min(axis=0)).astype(int) - 4, np.ceil(uv.max(axis=0)).astype(int) + 4
    inside = int(red[max(v0, 0):v1, max(u0, 0):u1].sum())
    assert inside > 100
    assert red.sum() - inside - red[:20].sum() <= 0.05 * inside  # only the pair (and its legend line) is red
