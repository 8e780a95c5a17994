"""The object catalog: required names, synonyms that resolve to exactly one category, plurals, priors."""

from __future__ import annotations

import pytest

from scenegen import catalog

REQUIRED = (
    "bed nightstand wardrobe dresser table_lamp floor_lamp mirror rug painting plant armchair desk office_chair chair "
    "bookshelf sofa coffee_table tv tv_stand side_table ottoman fridge stove microwave sink kitchen_cabinet "
    "kitchen_island dishwasher bar_stool dining_table sideboard filing_cabinet monitor laptop printer whiteboard "
    "toilet "
    "bathtub shower bathroom_vanity towel_rack washing_machine treadmill exercise_bike weight_bench dumbbell_rack "
    "yoga_mat vase books wall_clock ceiling_light chandelier ceiling_fan wall_shelf cabinet trash_can piano guitar "
    "speaker coat_rack bench stool crib laundry_basket shoe_rack"
).split()


def test_required_categories_present() -> None:
    assert len(catalog.CATALOG) >= 60
    missing = [n for n in REQUIRED if n not in catalog.CATALOG]
    assert not missing
    assert catalog.names() == sorted(catalog.CATALOG)


@pytest.mark.parametrize("name", REQUIRED)
def test_canonical_name_resolves_to_itself(name: str) -> None:
    assert catalog.resolve(name).name == name
    assert catalog.resolve(name.replace("_", " ")).name == name
    assert catalog.get(name).name == name


def test_every_synonym_resolves_to_its_own_category_only() -> None:
    owner: dict[str, set[str]] = {}
    for cat in catalog.CATALOG.values():
        for phrase in (cat.name.replace("_", " "), *cat.synonyms):
            owner.setdefault(catalog.normalise_phrase(phrase), set()).add(cat.name)
            assert catalog.resolve(phrase).name == cat.name, phrase
    clashes = {k: v for k, v in owner.items() if len(v) > 1}
    assert not clashes
    assert catalog.synonym_index() == {k: next(iter(v)) for k, v in owner.items()}


@pytest.mark.parametrize("phrase, expected", [
    ("couch", "sofa"), ("settee", "sofa"), ("loveseat", "loveseat"), ("television", "tv"), ("flat screen tv", "tv"),
    ("TV set", "tv"), ("potted plant", "plant"), ("houseplant", "plant"), ("ficus", "plant"), ("picture", "painting"),
    ("framed print", "painting"), ("poster", "poster"), ("carpet", "rug"), ("area rug", "rug"),
    ("refrigerator", "fridge"), ("oven", "stove"), ("cooker", "stove"), ("range", "stove"), ("book", "books"),
    ("stack of books", "books"), ("desk chair", "office_chair"), ("swivel chair", "office_chair"),
    ("dining chair", "chair"), ("side chair", "chair"), ("bookcase", "bookshelf"), ("shelving unit", "bookshelf"),
    ("lamp", "table_lamp"), ("Bedside Tables", "nightstand"), ("microwave oven", "microwave"),
    ("chest of drawers", "chest_of_drawers"), ("end table", "side_table"), ("wardrobe", "wardrobe"), ("closet", "wardrobe"),
])
def test_common_synonyms(phrase: str, expected: str) -> None:
    assert catalog.resolve(phrase).name == expected


@pytest.mark.parametrize("plural, expected", [
    ("nightstands", "nightstand"), ("bookshelves", "bookshelf"), ("couches", "sofa"), ("benches", "bench"),
    ("shelves", "wall_shelf"), ("stoves", "stove"), ("dressers", "dresser"), ("lamps", "table_lamp"),
    ("tvs", "tv"), ("sofas", "sofa"), ("vases", "vase"), ("cacti", "succulent"), ("canvases", "painting"),
    ("bar stools", "bar_stool"), ("dining chairs", "chair"), ("wardrobes", "wardrobe"), ("dumbbells", "dumbbell_rack"),
    ("ottomans", "ottoman"), ("armchairs", "armchair"),
])
def test_plurals_resolve(plural: str, expected: str) -> None:
    assert catalog.resolve(plural).name == expected


@pytest.mark.parametrize("word", ["dresses", "spaceship", "window", "cozy", "the", "", "blue", "light", "room"])
def test_non_catalog_words_resolve_to_none(word: str) -> None:
    assert catalog.resolve(word) is None


def test_max_synonym_words_covers_every_phrase() -> None:
    longest = max(len(k.split()) for k in catalog.synonym_index())
    assert catalog.MAX_SYNONYM_WORDS == longest >= 2


@pytest.mark.parametrize("cat", list(catalog.CATALOG.values()), ids=lambda c: c.name)
def test_priors_and_fields_consistent(cat: catalog.Category) -> None:
    for lo, mid, hi in zip(cat.size_min, cat.size_typical, cat.size_max):
        assert 0 < lo <= mid <= hi < 5.0
    for word, size in cat.size_words.items():
        assert all(lo <= v <= hi for lo, v, hi in zip(cat.size_min, size, cat.size_max)), word
    if cat.support == "object":
        # a host has a top, except that soft furnishings (fabric: cushions, throws) also rest on seats (a sofa)
        assert cat.supported_by and all(s in catalog.CATALOG and (catalog.get(s).has_top or cat.material == "fabric")
                                        for s in cat.supported_by)
    else:
        assert not cat.supported_by
    assert (cat.mount_height is not None) == (cat.support == "wall" or "wall_mountable" in cat.roles)
    if cat.mount_height is not None:
        assert cat.size_typical[2] / 2 < cat.mount_height < 2.5
    assert cat.rooms
    if cat.kind_of:  # names a real, different category of the same support (a loveseat stands where a sofa does)
        general = catalog.get(cat.kind_of)
        assert cat.kind_of in catalog.CATALOG and cat.kind_of != cat.name and general.support == cat.support


def test_specific_priors() -> None:
    assert catalog.get("painting").mount_height == pytest.approx(1.5)
    assert catalog.get("mirror").mount_height == pytest.approx(1.4)
    assert catalog.get("wall_clock").mount_height == pytest.approx(1.9)
    assert catalog.get("ceiling_fan").support == "ceiling"
    assert catalog.get("plant").support == "floor"
    assert {"tv_stand", "dresser", "sideboard"} <= set(catalog.get("tv").supported_by)
    assert "desk" in catalog.get("monitor").supported_by
    for name in ("bed", "wardrobe", "dresser", "bookshelf", "sofa", "tv_stand", "fridge", "stove", "toilet", "piano"):
        assert catalog.get(name).against_wall, name
    for name in ("nightstand", "desk", "dresser", "side_table", "coffee_table", "dining_table", "kitchen_island"):
        assert catalog.get(name).has_top, name


def test_size_words() -> None:
    bed = catalog.get("bed")
    assert catalog.size_for_word(bed, "queen")[0] == pytest.approx(1.6)
    assert catalog.size_for_word(bed, "King-size") == bed.size_words["king"]
    assert catalog.size_for_word(catalog.get("sofa"), "3-seater") == catalog.get("sofa").size_words["three seater"]
    assert catalog.size_for_word(bed, "enormous") is None
    assert catalog.size_class("Big") == "large" and catalog.size_class("tiny") == "small"
    assert catalog.size_class("blue") is None


def test_get_unknown_and_generic() -> None:
    assert catalog.get("generic") is catalog.GENERIC
    with pytest.raises(KeyError):
        catalog.get("spaceship")


def test_roles_are_catalog_data_that_the_solver_and_validators_share() -> None:
    assert {"rug", "yoga_mat"} <= catalog.with_role("flat")
    assert all(catalog.get(n).size_max[2] <= 0.03 for n in catalog.with_role("flat"))  # walked over, lie under
    assert {"chair", "office_chair", "bar_stool", "stool"} <= catalog.with_role("seat")
    assert {"desk", "dining_table", "kitchen_island"} <= catalog.with_role("knee_top")
    assert "plant" in catalog.with_role("corner") and "bed" not in catalog.with_role("corner")
    assert "dining_table" in catalog.with_role("free_standing") and "wardrobe" not in catalog.with_role("free_standing")
    assert catalog.companions("nightstand") == (("bed", "next_to"),)
    assert catalog.companions("not_a_category") == ()
    assert catalog.flanks_head("nightstand", "bed") and not catalog.flanks_head("bed", "nightstand")
    assert catalog.get("dining_table").seats == 10 and catalog.get("desk").seats == 1
    for cat in catalog.CATALOG.values():
        assert set(cat.roles) <= set(catalog.ROLES), cat.name
        for anchor, _ in cat.companions:
            assert anchor in catalog.CATALOG, (cat.name, anchor)
    with pytest.raises(KeyError):
        catalog.with_role("throne")  # type: ignore[arg-type]


def test_no_module_keeps_a_private_copy_of_roles_or_thresholds() -> None:
    """The solver, free-space raster and validators read category roles from the catalog and thresholds from
    ``scenegen.thresholds``; none of them defines its own."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    names = (r"(NAV_)?ROBOT_RADIUS\w*|\w*_CATEGORIES|SEATS\w*|KNEE_TOPS|FLAT|COMPANIONS|FLANK_HEAD|MIN_NAV_SCORE|"
             r"MIN_ACC_SCORE|NAV_MIN|ACCESS_MIN|ACC_STRIP_\w+|SIDE_(OFFSET|DEPTH)|FLAT_HEIGHT|RUG_MAX_HEIGHT|KNEE_MIN_HEIGHT")
    pattern = re.compile(rf"^({names})\s*(:[^=]*)?=", re.M)
    for path in sorted([*(root / "scenegen").rglob("*.py"), *(root / "validators").rglob("*.py")]):
        if path.name != "thresholds.py":
            assert not pattern.search(path.read_text()), path


@pytest.mark.parametrize("plural, single", [
    ("knives", "knife"), ("shelves", "shelf"), ("bookshelves", "bookshelf"), ("benches", "bench"), ("boxes", "box"),
    ("dishes", "dish"), ("glasses", "glass"), ("mice", "mouse"), ("leaves", "leaf"), ("loaves", "loaf"),
    ("radii", "radius"), ("sofas", "sofa"), ("stoves", "stove"), ("microwaves", "microwave"), ("shoes", "shoe"),
    ("cookies", "cookie"), ("potatoes", "potato"), ("libraries", "library"), ("dressers", "dresser"), ("tvs", "tv"),
    ("cacti", "cactus"), ("buses", "bus"), ("vases", "vase"), ("chairs", "chair"), ("valves", "valve"),
])
def test_singular_irregular_plurals(plural: str, single: str) -> None:
    assert catalog.singular(plural) == single
    assert catalog.singular(single) == single  # a singular comes back unchanged


def test_plural_phrases_resolve_through_the_one_singulariser() -> None:
    assert catalog.resolve("two stoves") is None  # numbers are the planner's business; the noun alone resolves
    assert catalog.resolve("stoves").name == "stove"
    assert catalog.resolve("Bookshelves").name == "bookshelf"
    assert catalog.resolve("sofas").name == "sofa"
    assert catalog.normalise_phrase("Knife-Blocks") == "knife block"


def test_a_classroom_of_desks_and_chairs_votes_classroom_and_a_desk_with_a_chair_still_an_office() -> None:
    """Room lists describe real rooms: desks and chairs belong in classrooms and offices too (issue 20 item 17)."""
    from scenegen.plan.rules import plan_rules
    from validators.semantic import room_votes

    votes = room_votes(["desk"] * 10 + ["chair"] * 10)
    assert max(sorted(votes), key=lambda r: votes[r]) == "classroom"
    assert votes["classroom"] > votes.get("bedroom", 0.0)
    assert plan_rules("a classroom with ten desks and ten chairs", 0).room.type == "classroom"
    assert plan_rules("a desk and a chair", 0).room.type == "office"
    for cat in catalog.CATALOG.values():
        assert cat.rooms, cat.name
        assert len(set(cat.rooms)) == len(cat.rooms), cat.name


def test_kind_of_by_name_and_by_data() -> None:
    assert catalog.is_kind_of("sectional_sofa", "sofa") and catalog.is_kind_of("office_chair", "chair")
    assert catalog.is_kind_of("loveseat", "sofa") and catalog.is_kind_of("pendant_light", "ceiling_light")
    assert catalog.is_kind_of("gaming_chair", "chair")  # through office_chair, whose name ends in _chair
    assert not catalog.is_kind_of("sofa", "loveseat") and not catalog.is_kind_of("sofa", "sofa_bed")
    assert not catalog.is_kind_of("armchair", "sofa") and not catalog.is_kind_of("loveseat", "no_such_thing")
