"""Action-conditioned video world model: a dataset from engine walkthroughs (``data``), a next-frame U-Net (``model``),
teacher- and self-forced training (``train``), engine-vs-model rollouts (``rollout``) and held-out scores
(``evaluate``). torch is imported by the submodules that need it, not here."""
