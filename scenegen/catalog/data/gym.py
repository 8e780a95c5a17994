"""Exercise equipment."""

from __future__ import annotations

from scenegen.catalog.model import Category, Param, when

ENTRIES: tuple[Category, ...] = (
    Category(
        name="treadmill", synonyms=("treadmill", "running machine", "walking machine", "running treadmill"),
        size_min=(0.6, 1.4, 1.1), size_typical=(0.8, 1.8, 1.4), size_max=(1.0, 2.2, 1.6), functional_sides=("back",),
        rooms=("gym",), roles=("free_standing",), colour=(0.15, 0.15, 0.16), material="metal",
    ),
    Category(
        name="exercise_bike",
        synonyms=("exercise bike", "stationary bike", "spin bike", "exercise bicycle", "indoor bike",
                  "spinning bike", "exercise cycle", "peloton"),
        size_min=(0.45, 0.9, 1.0), size_typical=(0.55, 1.1, 1.3), size_max=(0.7, 1.4, 1.5),
        functional_sides=("left", "right"), rooms=("gym",), roles=("free_standing",),
        colour=(0.2, 0.2, 0.22), material="metal",
    ),
    Category(
        name="weight_bench",
        kind_of="bench",
        synonyms=("weight bench", "workout bench", "exercise bench", "gym bench", "bench press",
                  "weightlifting bench", "lifting bench"),
        size_min=(0.3, 1.0, 0.4), size_typical=(0.6, 1.25, 0.45), size_max=(1.2, 1.8, 1.6),
        functional_sides=("left", "right"), rooms=("gym",), roles=("free_standing",),
        companions=(("dumbbell_rack", "near"),), colour=(0.1, 0.1, 0.11), material="metal",
    ),
    Category(
        name="dumbbell_rack",
        synonyms=("dumbbell rack", "dumbbell", "dumbbells", "weight rack", "free weights", "weights",
                  "dumbbell stand", "kettlebell rack", "barbell", "weight plates"),
        size_min=(0.5, 0.3, 0.5), size_typical=(1.0, 0.45, 0.8), size_max=(1.6, 0.6, 1.0), against_wall=True,
        rooms=("gym",), colour=(0.15, 0.15, 0.16), material="metal",
        params=(Param("tiers", "int", 1, 3, when("h", ">", 0.6, 2.0, 1.0)),),
    ),
    Category(
        name="yoga_mat",
        synonyms=("yoga mat", "exercise mat", "gym mat", "workout mat", "pilates mat", "fitness mat",
                  "exercise mats"),
        size_min=(0.55, 1.6, 0.003), size_typical=(0.61, 1.83, 0.006), size_max=(0.8, 2.0, 0.009), functional_sides=(),
        rooms=("gym", "bedroom", "living_room"), roles=("flat",), colour=(0.45, 0.35, 0.6), material="fabric",
    ),
)
