"""Homes: several rooms from one prompt (issue 19; docs/homes.md).

``prompt`` reads a home prompt into rooms (``programs.toml`` holds the data), ``floorplan`` lays them out with doors and
windows, ``make`` designs, solves and validates each room with the single-room pipeline, ``validate`` holds the
home-level checks, ``model`` the 2.0 ``Home`` (and the 1.x migration), ``outputs``/``draw`` its files and pictures,
``walk`` the whole home as one walkable scene, ``mutate`` the home faults, ``evaluate`` ``eval homes``/``bench home``.
Nothing is imported here, so ``import scenegen.home.prompt`` stays light.
"""
