"""``scenegen rollout --interactive``: keys become actions, the engine and the model step together, the terminal gets
a colour picture per step, and the session is written as the usual side-by-side video however it ends."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch

from scenegen.world.interactive import KEYS, InteractiveRollout, half_blocks, read_keys, run_session, screen
from scenegen.world.model import build, save, tiny_config

PROMPT = "a bedroom with a bed, a nightstand and a wardrobe"


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    from scenegen.pipeline import make, write_outputs

    folder = tmp_path_factory.mktemp("room")
    result = make(PROMPT, seed=1, validators=[], attempts=1)
    write_outputs(result, folder, pictures=False)
    return result.scene, folder


def _model():
    model = build(tiny_config(), seed=0).eval()
    torch.manual_seed(1)
    torch.nn.init.normal_(model.head[0].weight, std=0.1)  # not copy-last, so the model's frames are its own
    return model


def test_keys_drive_engine_and_model_in_step(room):
    scene, _ = room
    model = _model()
    k = model.cfg.context
    session = InteractiveRollout(scene, model)
    assert len(session.engine) == len(session.model_frames) == k and session.actions == ["noop"] * (k - 1)
    drawn: list[str] = []
    run_session(session, read_keys(io.StringIO("w w q\nz e x w w")), drawn.append)  # z: not a key; x: quit
    assert session.actions[k - 1:] == ["forward", "forward", "turn_left", "turn_right"]
    assert len(drawn) == 1 + 4  # the start, then one screen per action
    r = session.result()
    assert r.engine.shape == r.model.shape == (k + 4, 16, 16, 3)
    assert np.array_equal(r.model[:k], r.engine[:k])  # the context is the engine's
    assert not np.array_equal(r.model[k:], r.engine[k:])  # after it, the model's own frames
    assert not np.array_equal(r.engine[k], r.engine[k - 1])  # walking forward changed the engine's view
    assert "engine | model" in drawn[-1] and "turn_right" in drawn[-1]
    assert set(KEYS) >= {"w", "a", "s", "d", "q", "e"}


def test_half_blocks_draw_two_pixels_per_cell():
    img = np.zeros((4, 3, 3), dtype=np.uint8)
    img[0] = (255, 0, 0)
    img[1] = (0, 0, 255)
    text = half_blocks(img)
    lines = text.split("\n")
    assert len(lines) == 2 and lines[0].count("▀") == 3
    assert lines[0].startswith("\x1b[38;2;255;0;0m\x1b[48;2;0;0;255m▀")


def test_a_narrow_terminal_gets_halved_frames(room):
    scene, _ = room
    session = InteractiveRollout(scene, _model())
    wide, narrow = screen(session, columns=200), screen(session, columns=20)
    assert wide.count("▀") == 2 * 16 * 8 + 8 and narrow.count("▀") == 2 * 8 * 4 + 4


def test_cli_interactive_with_piped_keys_writes_the_video(room, tmp_path):
    from PIL import Image
    from typer.testing import CliRunner

    from cli.main import app

    _, folder = room
    weights = save(_model(), tmp_path / "w.safetensors")
    out = tmp_path / "inter.gif"
    res = CliRunner().invoke(app, ["rollout", str(folder), "--interactive", "--weights", str(weights), "-o", str(out),
                                   "--format", "gif", "--scale", "1"], input="wwdq")
    assert res.exit_code == 0, res.output
    k = tiny_config().context
    assert f"wrote {k + 4} frames (4 of your actions" in res.output
    with Image.open(out) as gif:  # the GIF writer folds identical frames (the opening waits) into one
        assert k + 3 <= gif.n_frames <= k + 4 and gif.size == (3 * 16 + 2, 16)
    bad = CliRunner().invoke(app, ["rollout", str(folder), "--interactive", "--auto", "5", "--weights", str(weights)])
    assert bad.exit_code == 1 and "keyboard" in bad.output
