"""The ``hf`` judge's code path with a tiny, randomly initialised LLaVA built from config and saved to a folder (no
download): load with local files only, chat template with the marked views as images, generate, decode, parse.
A random model writes garbage, so the path must end in the strict parser's one-line error."""

from __future__ import annotations

import pytest

transformers = pytest.importorskip(
    "transformers", reason="transformers is not a scenegen dependency; `pip install transformers` to test the hf judge")
torch = pytest.importorskip("torch")

from scenegen.judge.vlm import JudgeReplyError  # noqa: E402
from tests.test_judge import hand_scene, instance  # noqa: E402

TEMPLATE = ("{% for m in messages %}{{ m['role'] }}: {% for c in m['content'] %}{% if c['type'] == 'image' %}<image>"
            "{% else %}{{ c['text'] }}{% endif %}{% endfor %}\n{% endfor %}"
            "{% if add_generation_prompt %}assistant: {% endif %}")


def tiny_vlm_folder(path) -> None:
    """Save a ~20k-parameter LLaVA (CLIP vision tower + Llama text model) and its processor to ``path``."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import (CLIPImageProcessor, CLIPVisionConfig, LlamaConfig, LlavaConfig,
                              LlavaForConditionalGeneration, LlavaProcessor, PreTrainedTokenizerFast)

    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2, "<image>": 3, "<pad>": 4}
    for w in [*'{}[]":,.0123456789', "id", "objects", "scene", "score", "reason", "category_ok", "bed"]:
        vocab.setdefault(w, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                        pad_token="<pad>")
    tokenizer.add_special_tokens({"additional_special_tokens": ["<image>"]})
    processor = LlavaProcessor(image_processor=CLIPImageProcessor(size={"shortest_edge": 28},
                                                                  crop_size={"height": 28, "width": 28}),
                               tokenizer=tokenizer, patch_size=14, chat_template=TEMPLATE,
                               vision_feature_select_strategy="default", num_additional_image_tokens=1)
    config = LlavaConfig(
        vision_config=CLIPVisionConfig(hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                                       num_attention_heads=2, image_size=28, patch_size=14),
        text_config=LlamaConfig(vocab_size=len(tokenizer), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                                num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=4096),
        image_token_index=tokenizer.convert_tokens_to_ids("<image>"), vision_feature_select_strategy="default",
        vision_feature_layer=-1)
    torch.manual_seed(0)
    LlavaForConditionalGeneration(config).save_pretrained(path)
    processor.save_pretrained(path)


@pytest.mark.slow
def test_hf_judge_runs_a_tiny_vlm_end_to_end(tmp_path):
    from scenegen.judge import judge_scene
    from scenegen.judge.vlm_hf import HFJudge

    tiny_vlm_folder(tmp_path / "vlm")
    judge = HFJudge(path=tmp_path / "vlm", device="cpu", max_new_tokens=8)
    assert judge.name == "hf" and judge.model.device.type == "cpu"
    text = judge.ask("system", "judge these", [])
    assert isinstance(text, str)
    scene = hand_scene([instance("bed_1", "bed", (1.2, 1.6))])
    with pytest.raises(JudgeReplyError, match=r"judge reply (is not JSON|has the wrong shape)") as err:
        judge_scene(scene, judge)
    assert "\n" not in str(err.value)


def test_hf_judge_needs_a_model_folder(tmp_path):
    from scenegen.judge.vlm_hf import HFJudge

    with pytest.raises(ValueError, match="needs --judge-path"):
        HFJudge()
    with pytest.raises(ValueError, match="is not a folder"):
        HFJudge(path=tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="cannot load a vision-language model from"):
        HFJudge(path=tmp_path / "empty")
