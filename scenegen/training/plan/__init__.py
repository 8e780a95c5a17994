"""The planner LoRA: its training corpus, its training and the planner evaluation set (``scenegen eval plan``)."""
