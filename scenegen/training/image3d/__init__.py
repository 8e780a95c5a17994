"""Training data, training and held-out evaluation of the image-to-3D model (``scenegen.assets.image3d``)."""
