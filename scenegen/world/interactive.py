"""Keyboard-driven rollout (``scenegen rollout --interactive``): each key is an action; the engine renders the new view
and the world model predicts it from its own previous frames and the action; both are drawn side by side in the
terminal (24-bit colour half blocks: one character cell is two pixels, upper and lower), and the session is kept so it
can be written as the same side-by-side video as a planned rollout.

Keys: w forward, s back, a strafe left, d strafe right, q turn left, e turn right, r look up, f look down, . wait;
x, Esc, Ctrl-C or Ctrl-D (or the end of piped input) end the session. The model is started, as in the planned
rollout, from the engine's first k frames (k its context): the session opens with k − 1 "wait" steps.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import TextIO

import numpy as np

KEYS: dict[str, str] = {"w": "forward", "s": "back", "a": "left", "d": "right", "q": "turn_left", "e": "turn_right",
                        "r": "look_up", "f": "look_down", ".": "noop"}
QUIT_KEYS = frozenset({"x", "\x1b", "\x03", "\x04"})
HELP = "w/s forward/back · a/d strafe · q/e turn · r/f look up/down · . wait · x quit"


class InteractiveRollout:
    """The engine and the world model stepped together, one action at a time.

    ``engine`` and ``model_frames`` are lists of (H, W, 3) uint8 frames at the model's size; frames 0..k−1 of both
    are the engine's (the model's context); ``actions`` the actions taken (the k − 1 opening waits included);
    ``blocked`` whether the engine refused each move (into furniture or a wall).
    """

    def __init__(self, scene, model) -> None:  # type: ignore[no-untyped-def]
        from scenegen.render.raycast import prepare
        from scenegen.render.views import scene_meshes
        from scenegen.render.walk import default_start, walk_space
        from scenegen.world.model import opening_context

        self.model = model
        self.size = int(model.cfg.size)
        self.context = opening_context(model)
        self.free = walk_space(scene)
        self.state = default_start(scene, self.free)
        self.prepared = prepare(scene_meshes(scene, ceiling=True))
        self.engine: list[np.ndarray] = [self._render()]
        self.actions: list[str] = []
        self.blocked: list[bool] = []
        for _ in range(self.context - 1):
            self._engine_step("noop")
        self.model_frames: list[np.ndarray] = list(self.engine)
        self._memory = None  # the memory head's MemoryState, made at the first step

    def _render(self) -> np.ndarray:
        cam = self.state.camera(self.size, self.size)
        return self.prepared.render(cam, shadows=False).rgb

    def _engine_step(self, action: str) -> None:
        from scenegen.render.walk import try_step

        self.state, ok = try_step(self.state, action, self.free)
        self.actions.append(action)
        self.blocked.append(not ok)
        self.engine.append(self._render())

    def step(self, action: str) -> None:
        """Take ``action`` (one of ``scenegen.render.walk.ACTIONS``): one engine frame and one model frame more."""
        import torch

        from scenegen.render.walk import ACTIONS
        from scenegen.world.model import rollout, to_model, to_uint8

        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
        self._engine_step(action)
        act = torch.tensor([[ACTIONS.index(action)]])
        if getattr(self.model, "HEAD", "") in ("memory", "geometric"):  # these keep their memory across the session
            nxt = self._memory_step(act[:, 0])
        else:
            ctx = to_model(torch.from_numpy(np.stack(self.model_frames[-self.context:])))[None]
            nxt = rollout(self.model, ctx, act, seed=len(self.actions))[0, 0]
        self.model_frames.append(to_uint8(nxt).numpy())

    def _memory_step(self, action):  # type: ignore[no-untyped-def]
        """The memory or geometric head's next frame (3, H, W) in [−1, 1]; its bank or cloud starts from the engine's
        context frames."""
        import torch

        from scenegen.render.walk import ACTIONS
        from scenegen.world.geometric import GeometricState
        from scenegen.world.memory import MemoryState
        from scenegen.world.model import to_model

        k = self.context
        if self._memory is None:
            ctx = to_model(torch.from_numpy(np.stack(self.engine[:k])))[None]
            cacts = torch.tensor([ACTIONS.index(a) for a in self.actions[:k - 1]], dtype=torch.long)[None]
            state = GeometricState if self.model.HEAD == "geometric" else MemoryState
            self._memory = state(self.model, ctx, cacts)
        with torch.no_grad():
            return self._memory.step(self.model, action).clamp(-1, 1)[0]

    def press(self, key: str) -> str | None:
        """Act on one key; returns the action taken, or None for a key that is not an action."""
        action = KEYS.get(key.lower())
        if action is not None:
            self.step(action)
        return action

    def result(self):  # type: ignore[no-untyped-def]
        """The session as a ``scenegen.world.rollout.Rollout`` (engine | model | difference)."""
        from scenegen.world.rollout import Rollout

        engine, model = np.stack(self.engine), np.stack(self.model_frames)
        diff = np.clip(2 * np.abs(engine.astype(np.int16) - model.astype(np.int16)), 0, 255).astype(np.uint8)
        return Rollout(engine=engine, model=model, diff=diff, actions=list(self.actions), context=self.context)

    def psnr(self) -> float:
        """Mean PSNR (dB) of the model's predicted frames against the engine's (nan before the first prediction)."""
        from scenegen.world.model import psnr

        k = self.context
        if len(self.engine) <= k:
            return float("nan")
        return float(psnr(np.stack(self.model_frames[k:]), np.stack(self.engine[k:])).mean())


def half_blocks(image: np.ndarray) -> str:
    """An (H, W, 3) uint8 image as terminal text: H/2 lines of W "▀" cells, 24-bit foreground = the upper pixel,
    background = the lower one. H must be even."""
    h = image.shape[0] - image.shape[0] % 2
    lines = []
    for y in range(0, h, 2):
        top, bottom = image[y], image[y + 1]
        cells = [f"\x1b[38;2;{a[0]};{a[1]};{a[2]}m\x1b[48;2;{b[0]};{b[1]};{b[2]}m▀" for a, b in zip(top, bottom)]
        lines.append("".join(cells) + "\x1b[0m")
    return "\n".join(lines)


def screen(session: InteractiveRollout, columns: int = 200) -> str:
    """The terminal screen for the session's latest step: engine | model, a status line and the key help. Frames are
    halved when the terminal is narrower than two of them."""
    engine, model = session.engine[-1], session.model_frames[-1]
    if 2 * engine.shape[1] + 1 > columns:
        engine, model = engine[::2, ::2], model[::2, ::2]
    gap = np.zeros((engine.shape[0], 1, 3), dtype=np.uint8)
    picture = half_blocks(np.concatenate([engine, gap, model], axis=1))
    last = session.actions[-1] if session.actions else "start"
    blocked = " (blocked)" if session.blocked and session.blocked[-1] else ""
    status = (f"engine | model   step {len(session.actions)}  {last}{blocked}   "
              f"model PSNR so far {session.psnr():.1f} dB")
    return f"\x1b[H\x1b[2J{picture}\n{status}\n{HELP}\n"


def read_keys(stream: TextIO | None = None) -> Iterator[str]:
    """Key presses from ``stream`` (default stdin): one character at a time without Enter on a terminal (raw mode,
    restored on exit), else the characters of the piped input (whitespace skipped). Ends at the end of input."""
    stream = stream or sys.stdin
    if stream.isatty():
        import termios
        import tty

        fd = stream.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setraw(fd)
            while True:
                ch = stream.read(1)
                if not ch:
                    return
                yield ch
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    else:
        for ch in iter(lambda: stream.read(1), ""):
            if not ch.isspace():
                yield ch


def run_session(session: InteractiveRollout, keys: Iterator[str], draw: Callable[[str], None],
                max_steps: int = 10_000) -> InteractiveRollout:
    """Drive ``session`` from ``keys`` until a quit key, the end of input or ``max_steps`` actions, calling
    ``draw(screen)`` after every action (and once at the start)."""
    draw(screen(session))
    for key in keys:
        if key in QUIT_KEYS or len(session.actions) >= max_steps:
            break
        if session.press(key) is not None:
            draw(screen(session))
    return session
