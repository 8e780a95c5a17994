"""Action-conditioned video world model: a next-frame U-Net with its rollout and frame scores (``model``),
engine-vs-model rollouts (``rollout``) and the interactive walk (``interactive``). Its walk data, training and
held-out scores are in ``scenegen.training.world``. torch is imported by the submodules that need it, not here."""
