"""Simulation-ready objects: materials and mass (``materials``, ``mass``), convex collision parts (``collision``),
moving parts (``articulation``) and the simulator-neutral scene model the exporters write (``model``).

Nothing here imports a simulator; ``mujoco``, ``coacd``, ``pybullet`` and ``pxr`` are imported inside the exporters
and validators that use them.
"""
