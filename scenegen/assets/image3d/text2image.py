"""Images for the ``image3d`` backend from a local diffusers text-to-image pipeline (``--text-to-image PATH``).

One image per planned object, prompted from its category and attributes on a plain white background (so the mask
comes from the background, ``images.derive_mask``), written as ``<object id>.png``. Meant for a GPU; nothing is ever
fetched from a hub (``local_files_only``). The code path is tested with a tiny randomly initialised pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from scenegen.scene import PlannedObject

if TYPE_CHECKING:
    from diffusers import DiffusionPipeline


def object_prompt(obj: PlannedObject) -> str:
    """The text prompt for one object: its attributes and category as a product photo on a white background."""
    a = obj.attributes
    words = [w for w in (a.size if a.size in ("small", "large", "tall", "short") else None, a.colour, a.material,
                         a.style) if w]
    name = obj.category.replace("_", " ")
    return (f"a product photo of a single {' '.join(words + [name])}, whole object in view, three-quarter view, "
            "plain white background, studio lighting")


def load_pipeline(path: str | Path, device: str = "auto") -> "DiffusionPipeline":
    """A diffusers text-to-image pipeline from a local folder (``save_pretrained`` layout), on ``device`` (``auto``:
    CUDA with float16 when present, else CPU float32). FileNotFoundError / ImportError with the fix otherwise."""
    p = Path(path)
    if not (p / "model_index.json").is_file():
        raise FileNotFoundError(f"--text-to-image {p} is not a diffusers pipeline folder (no model_index.json)")
    try:
        import torch
        from diffusers import DiffusionPipeline
    except ImportError:
        raise ImportError("--text-to-image needs diffusers: pip install 'diffusers>=0.42'") from None
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if device.startswith("cuda") else torch.float32
    pipe = DiffusionPipeline.from_pretrained(str(p), dtype=dtype, local_files_only=True)
    if hasattr(pipe, "safety_checker") and getattr(pipe, "safety_checker", None) is None:
        pipe.requires_safety_checker = False
    pipe.set_progress_bar_config(disable=True)
    return pipe.to(device)


def generate_images(objects: Iterable[PlannedObject], pipeline: "str | Path | object", out_dir: str | Path,
                    seed: int = 0, steps: int = 25, size: int = 512, guidance: float = 7.0,
                    device: str = "auto") -> dict[str, Path]:
    """Generate one image per object into ``out_dir`` (``<id>.png``); returns {object id: path}.

    ``pipeline``: a folder (``load_pipeline``) or an already loaded pipeline. Each object gets its own generator
    seeded from (``seed``, its index), so the images are reproducible. ``size``: pixels per side (a multiple of 8)."""
    import torch

    pipe = load_pipeline(pipeline, device) if isinstance(pipeline, (str, Path)) else pipeline
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for i, obj in enumerate(objects):
        gen = torch.Generator(device="cpu").manual_seed(seed * 100_003 + i)
        image = pipe(object_prompt(obj), num_inference_steps=steps, height=size, width=size, guidance_scale=guidance,
                     generator=gen, output_type="pil").images[0]
        path = out / f"{obj.id}.png"
        tmp = out / f".{obj.id}.tmp.png"
        image.convert("RGB").save(tmp)
        tmp.replace(path)
        written[obj.id] = path
    return written
