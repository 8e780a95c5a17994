"""The ``hf`` judge: a local transformers vision-language model folder (``--judge-path``), on GPU when there is one.

The folder must hold a model that ``AutoModelForImageTextToText`` loads and a processor with a chat template (LLaVA,
Qwen2-VL, Idefics, SmolVLM, Gemma 3 …). Nothing is downloaded: loading uses ``local_files_only``. The rubric and the
marked views are the same as the ``openai`` judge's; the reply is parsed by the same strict parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenegen.judge.core import JUDGES
from scenegen.judge.schema import ObjectAssessment, SceneAssessment
from scenegen.judge.vlm import assess_with
from scenegen.scene import Scene

if TYPE_CHECKING:
    from scenegen.judge.crops import Visibility
    from scenegen.judge.views import JudgeViews


class HFJudge:
    """Judge with a local transformers VLM. ``path``: the model folder; ``device``: ``cuda``/``cpu`` (default: CUDA
    when available); ``max_new_tokens``: reply length cap. ``model``/``processor`` may be passed already loaded."""

    name = "hf"

    def __init__(self, path: str | Path | None = None, device: str | None = None, max_new_tokens: int = 1024,
                 model: Any = None, processor: Any = None) -> None:
        try:
            import torch
            import transformers
        except ImportError:
            raise ValueError("the hf judge needs transformers: pip install transformers") from None
        if model is None or processor is None:
            if not path:
                raise ValueError("the hf judge needs --judge-path: a local transformers vision-language model folder")
            p = Path(path)
            if not p.is_dir():
                raise ValueError(f"--judge-path {p} is not a folder holding a transformers model")
            try:
                processor = transformers.AutoProcessor.from_pretrained(str(p), local_files_only=True)
                model = transformers.AutoModelForImageTextToText.from_pretrained(str(p), local_files_only=True)
            except Exception as exc:  # any loader failure is the folder's fault from the user's point of view
                line = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
                raise ValueError(f"cannot load a vision-language model from {p}: {line}") from None
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device).eval()
        self.processor = processor
        self.max_new_tokens = max_new_tokens

    def ask(self, system: str, text: str, images: list[bytes]) -> str:
        """Generate the reply text for the rubric and marked views (greedy decoding)."""
        import io

        import torch
        from PIL import Image

        pics = [Image.open(io.BytesIO(png)).convert("RGB") for png in images]
        content: list[dict] = [{"type": "image"} for _ in pics] + [{"type": "text", "text": text}]
        messages = [{"role": "system", "content": [{"type": "text", "text": system}]},
                    {"role": "user", "content": content}]
        prompt = self.processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        inputs = self.processor(text=[prompt], images=pics or None, return_tensors="pt").to(self.device)
        with torch.no_grad():
            out = self.model.generate(**inputs, max_new_tokens=self.max_new_tokens, do_sample=False)
        new = out[0, inputs["input_ids"].shape[1]:]
        return self.processor.decode(new, skip_special_tokens=True)

    def assess(self, scene: Scene, views: "JudgeViews", visibility: Mapping[str, "Visibility"]
               ) -> tuple[dict[str, ObjectAssessment], SceneAssessment]:
        return assess_with(self.ask, scene, views, visibility)


JUDGES.register("hf")(HFJudge)
