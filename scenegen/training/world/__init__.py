"""Walk data, training and held-out evaluation of the world model (``scenegen.world``)."""
