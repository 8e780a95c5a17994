"""Training data, training and held-out evaluation of the bundled vision judge (``scenegen.judge``)."""
