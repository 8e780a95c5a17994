"""Children's rooms: bunk and loft beds, changing tables, toy boxes, rocking horses, play kitchens, dollhouses, play
mats, mobiles, playpens and strollers. Sizes from nursery-furniture catalogues (cot and bunk standards)."""

from __future__ import annotations

from scenegen.catalog.data._common import SHELF_TOPS
from scenegen.catalog.model import Param, coin, const, entry, integers

_KIDS = ("nursery", "bedroom")

ENTRIES = (
    entry("bunk_bed", ("bunk bed", "bunkbed", "bunk", "double bunk", "triple bunk", "bunk beds"),
          (0.95, 1.95, 1.4), (1.0, 2.05, 1.65), (1.5, 2.15, 1.85), functional_sides=("front",), against_wall=True,
          rooms=_KIDS, roles=("lofted",), colour=(0.85, 0.82, 0.76), material="wood", fills_under="lower_bunk",
          params=(Param("ladder_left", "bool", 0, 1, coin(0.5)),
                  Param("lower_bunk", "bool", 0, 1, const(1.0), "the lower bunk (off: open floor under the top one, "
                        "for a desk or a sofa bed)"))),
    entry("loft_bed", ("loft bed", "high sleeper", "cabin bed", "mezzanine bed", "loft bed with desk",
                       "high sleeper bed"),
          (0.95, 1.95, 1.6), (1.0, 2.05, 1.8), (1.5, 2.15, 2.0), functional_sides=("front",), against_wall=True,
          rooms=_KIDS, roles=("lofted",), colour=(0.92, 0.92, 0.9), material="wood", fills_under="desk",
          params=(Param("desk", "bool", 0, 1, coin(0.7), "a desk under the bed"),)),
    entry("changing_table", ("changing table", "changing unit", "baby changer", "diaper changing table",
                             "nappy changing table", "changing station", "changer"),
          (0.7, 0.45, 0.85), (0.9, 0.55, 0.95), (1.1, 0.65, 1.05), against_wall=True, rooms=("nursery",),
          colour=(0.93, 0.92, 0.88), material="wood"),
    entry("toy_box", ("toy box", "toy chest", "toy storage", "toy bin", "toy trunk", "toybox", "box of toys"),
          (0.5, 0.35, 0.35), (0.75, 0.42, 0.45), (1.0, 0.55, 0.6), against_wall=True, has_top=True,
          rooms=("nursery", "bedroom", "playroom"), colour=(0.35, 0.6, 0.8), material="wood",
          params=(Param("toys", "int", 0, 6, integers(2, 6), "toys showing above the rim"),
                  Param("open", "bool", 0, 1, coin(0.6), "lid open"))),
    entry("rocking_horse", ("rocking horse", "hobby horse", "rocking pony", "rocking toy", "wooden horse"),
          (0.25, 0.6, 0.5), (0.32, 0.85, 0.68), (0.42, 1.1, 0.9), functional_sides=(),
          rooms=("nursery", "bedroom", "playroom"), roles=("corner",), colour=(0.8, 0.6, 0.4), material="wood"),
    entry("play_kitchen", ("play kitchen", "toy kitchen", "kids kitchen", "pretend kitchen", "children s kitchen",
                           "mini kitchen"),
          (0.6, 0.28, 0.7), (0.8, 0.32, 0.9), (1.1, 0.42, 1.05), against_wall=True,
          rooms=("nursery", "playroom", "bedroom"), colour=(0.95, 0.95, 0.93), material="wood",
          params=(Param("accent", "int", 0, 3, integers(0, 4), "pink, mint, blue or yellow fronts"),)),
    entry("dollhouse", ("dollhouse", "doll house", "dolls house", "doll s house", "toy house", "dolls house"),
          (0.45, 0.25, 0.5), (0.7, 0.32, 0.75), (1.0, 0.42, 1.1), against_wall=True,
          rooms=("nursery", "bedroom", "playroom"), colour=(0.95, 0.85, 0.85), material="wood",
          params=(Param("floors", "int", 1, 3, integers(2, 4)),)),
    entry("play_mat", ("play mat", "playmat", "activity mat", "baby play mat", "foam mat", "puzzle mat", "play rug",
                       "foam tiles", "kids rug", "baby gym"),
          (0.8, 0.8, 0.005), (1.5, 1.2, 0.012), (2.0, 2.0, 0.02), functional_sides=(),
          rooms=("nursery", "bedroom", "playroom"), roles=("flat",), colour=(0.55, 0.75, 0.9), material="plastic",
          params=(Param("tiles", "int", 2, 6, integers(3, 5), "tiles along the shorter side"),)),
    entry("baby_mobile", ("baby mobile", "crib mobile", "cot mobile", "mobile", "hanging mobile", "nursery mobile"),
          (0.25, 0.25, 0.25), (0.4, 0.4, 0.5), (0.6, 0.6, 0.8), support="ceiling", functional_sides=(),
          rooms=("nursery",), colour=(0.95, 0.85, 0.6), material="wood",
          params=(Param("arms", "int", 2, 4, integers(2, 4)), Param("charms", "int", 2, 4, integers(2, 4)))),
    entry("playpen", ("playpen", "play pen", "play yard", "baby playpen", "baby fence", "pack n play", "travel cot"),
          (0.8, 0.8, 0.6), (1.0, 1.0, 0.7), (1.5, 1.5, 0.8), functional_sides=(), rooms=("nursery", "living_room"),
          roles=("free_standing",), colour=(0.9, 0.88, 0.84), material="wood"),
    entry("stroller", ("stroller", "pram", "pushchair", "baby stroller", "buggy", "baby carriage", "perambulator"),
          (0.45, 0.7, 0.9), (0.55, 0.85, 1.05), (0.65, 1.1, 1.15), functional_sides=(),
          rooms=("hallway", "nursery"), colour=(0.25, 0.3, 0.35), material="fabric"),
    entry("stuffed_animal", ("stuffed animal", "teddy bear", "teddy", "plush toy", "soft toy", "stuffed toy",
                             "plushie", "cuddly toy"),
          (0.12, 0.1, 0.15), (0.25, 0.2, 0.3), (0.6, 0.5, 0.8), support="object", functional_sides=(),
          supported_by=("bed", "toy_box", *SHELF_TOPS),
          rooms=("nursery", "bedroom"), colour=(0.7, 0.5, 0.32), material="fabric"),
)
