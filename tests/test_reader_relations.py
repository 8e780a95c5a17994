"""The rules reader on phrasings other people write: anchors, distributive and side phrases, room frames, mounting,
containment and lists sharing one relation. Each prompt is written for the test (none is from an evaluation set) and
each test asserts the relation read, at the level of categories (what ``scenegen eval plan`` scores)."""

from __future__ import annotations

from scenegen.plan import plan
from scenegen.training.plan.evaluate import plan_facts


def facts(prompt: str) -> tuple[dict[str, int], set[tuple]]:
    """(counts per category, relation triples by category) of the rules plan of ``prompt``."""
    counts, _attrs, rels = plan_facts(plan(prompt, "rules"))
    return counts, rels


def test_a_plainer_noun_names_the_narrower_thing_before_it():
    counts, rels = facts("an armchair next to the fireplace and a reading lamp behind the chair")
    assert ("reading_lamp", "behind", "armchair") in rels or ("floor_lamp", "behind", "armchair") in rels
    assert "chair" not in counts


def test_each_with_a_plainer_noun_multiplies_by_the_narrower_group():
    counts, rels = facts("four armchairs around an ottoman, with a plant next to each chair")
    assert counts["plant"] == 4 and "chair" not in counts
    assert ("plant", "next_to", "armchair") in rels


def test_it_after_a_comma_with_names_the_clause_subject():
    _, rels = facts("a sideboard against the wall beside the window, with a mirror above it and a plant next to it")
    assert ("plant", "next_to", "sideboard") in rels


def test_between_them_names_the_plural_group():
    _, rels = facts("two sofas by the fireplace and a low table between them")
    assert ("coffee_table", "next_to", "sofa") in rels
    assert not any(t == "generic:fireplace" and s == "coffee_table" for s, _k, t in rels)


def test_seats_held_by_a_table_go_around_it():
    _, rels = facts("a kitchen with a round table with three stools and a fridge")
    assert ("stool", "around", "dining_table") in rels


def test_a_chair_held_by_a_desk_is_in_front_of_it():
    _, rels = facts("an office with a desk with an office chair")
    assert ("office_chair", "in_front_of", "desk") in rels


def test_seating_on_one_side_and_the_other_of_a_table_goes_around_it():
    counts, rels = facts("a dining table with a long bench on one side and three chairs on the other")
    assert counts["chair"] == 3
    assert {("bench", "around", "dining_table"), ("chair", "around", "dining_table")} <= rels


def test_one_side_and_the_other_of_a_non_table_gives_no_seat_relation():
    _, rels = facts("a sofa on one side of the room and a bookcase on the other side")
    assert not any(k == "around" or (s == "bookshelf" and t == "sofa") for s, k, t in rels)


def test_a_cabinet_above_a_floor_object_is_a_wall_cabinet_on_the_wall():
    counts, rels = facts("a utility room with a dryer and a cabinet above it")
    assert counts.get("wall_cabinet") == 1 and "cabinet" not in counts
    assert ("wall_cabinet", "on_wall", "wall") in rels


def test_a_raised_bed_above_a_desk_puts_the_desk_under_it():
    _, rels = facts("a kids room with a loft bed above a small desk")
    assert ("desk", "under", "loft_bed") in rels


def test_a_floor_lamp_over_a_sofa_is_not_mounted():
    _, rels = facts("a floor lamp over the sofa")
    assert not any(s == "floor_lamp" and k in ("on_wall", "on_top") for s, k, _t in rels)


def test_a_relation_after_a_comma_goes_on_describing_the_subject():
    _, rels = facts("an ottoman in the centre of the room, behind the loveseat")
    assert {("ottoman", "middle_of_room", "room"), ("ottoman", "behind", "loveseat")} <= rels


def test_unknown_words_between_the_article_and_a_room_part_are_skipped():
    _, rels = facts("a reading chair by the tall arched window")
    assert ("armchair", "next_to_window", "window") in rels


def test_into_the_corner():
    _, rels = facts("the desk is tucked into a corner")
    assert ("desk", "corner", "room") in rels


def test_things_covering_a_wall_stand_against_it():
    _, rels = facts("a study with bookshelves covering the back wall")
    assert ("bookshelf", "against_wall", "wall") in rels


def test_a_desk_facing_the_wall_stands_against_it():
    _, rels = facts("a desk facing the wall and a bed")
    assert ("desk", "against_wall", "wall") in rels


def test_to_its_left_names_the_thing_before():
    _, rels = facts("a sofa with a side table to its right")
    assert ("side_table", "right_of", "sofa") in rels


def test_a_left_out_target_names_the_thing_the_others_are_placed_by():
    _, rels = facts("a fireplace with two armchairs beside it and a sofa opposite")
    assert ("sofa", "across_from", "fireplace") in rels
    assert not any(s == "sofa" and t == "armchair" for s, _k, t in rels)


def test_a_left_out_target_under_a_raised_bed():
    _, rels = facts("a bunk bed with a desk underneath, and a wardrobe")
    assert ("desk", "under", "bunk_bed") in rels


def test_instead_of_negates():
    counts, _ = facts("a bathroom with a shower stall rather than a bathtub, and a sink")
    assert counts.get("bathtub", 0) == 0 and counts["sink"] == 1
    counts, _ = facts("an office with a standing desk instead of a sofa")
    assert counts.get("sofa", 0) == 0


def test_a_stack_of_a_countable_noun_is_one_object():
    counts, rels = facts("a bench with a pile of cushions on it, and a stack of towels next to the bathtub")
    assert counts["cushions"] == 1 and counts["towel"] == 1
    assert ("towel", "next_to", "bathtub") in rels
    assert not any(k.startswith("generic:") for k in counts)


def test_a_low_table_is_a_coffee_table_whatever_stands_between():
    counts, rels = facts("two sofas facing each other across a low rectangular central table")
    assert counts.get("coffee_table") == 1 and "dining_table" not in counts


def test_a_floating_or_wall_mounted_thing_is_on_the_wall():
    _, rels = facts("an office with a desk, a floating shelf and a wall-mounted television")
    assert {("wall_shelf", "on_wall", "wall"), ("tv", "on_wall", "wall")} <= rels


def test_a_mounting_word_does_not_hang_a_floor_thing():
    _, rels = facts("a wall-mounted reading lamp and a bed")
    assert not any(s == "reading_lamp" for s, _k, _t in rels)


def test_a_relation_whose_target_is_it_goes_on_describing_the_subject():
    _, rels = facts("an ottoman in front of the loveseat and facing it")
    assert {("ottoman", "in_front_of", "loveseat"), ("ottoman", "face_to", "loveseat")} <= rels


def test_what_follows_a_rug_describes_the_thing_on_it_and_it_skips_the_rug():
    _, rels = facts("a rocking chair sits on a wool rug near the door, and a basket stands beside it")
    assert ("rug", "under", "rocking_chair") in rels
    assert ("rocking_chair", "next_to_door", "door") in rels
    assert ("rug", "next_to_door", "door") not in rels
    assert ("storage_basket", "next_to", "rocking_chair") in rels


def test_a_container_and_its_contents_are_placed_by_the_container():
    _, rels = facts("a crate containing folded blankets beside the sofa")
    assert any(k == "next_to" and t == "sofa" and s != "throw_blanket" for s, k, t in rels)
    assert ("throw_blanket", "next_to", "sofa") not in rels


def test_each_with_puts_one_on_every_member_of_the_group():
    counts, rels = facts("a reading room with four tables in two rows, each with a lamp")
    assert counts["table_lamp"] == 4 and ("table_lamp", "on_top", "dining_table") in rels
    counts, rels = facts("two nightstands, each with a vase on it, and a bed")
    assert counts["vase"] == 2 and ("vase", "on_top", "nightstand") in rels
    assert not any(k.startswith("generic:") for k in counts)


def test_back_to_back_leaves_the_relation_after_it_to_the_subject():
    _, rels = facts("two sofas back to back in the centre of the room")
    assert ("sofa", "middle_of_room", "room") in rels


def test_a_leading_relation_is_shared_by_its_list():
    _, rels = facts("A dresser stands by the door. On the dresser there are a vase, some candles and a photo frame.")
    assert {("vase", "on_top", "dresser"), ("candles", "on_top", "dresser"), ("picture_frame", "on_top", "dresser")
            } <= rels


def test_a_leading_relation_is_not_shared_with_an_item_placed_elsewhere():
    _, rels = facts("Next to the bed is a nightstand and a lamp stands on the desk.")
    assert ("table_lamp", "next_to", "bed") not in rels and ("table_lamp", "on_top", "desk") in rels


def test_two_synonyms_named_apart_are_two_objects():
    counts, rels = facts("a side table beside a couch and a sofa facing it")
    assert counts["sofa"] == 2 and ("sofa", "face_to", "sofa") in rels


def test_under_a_ceiling_thing_hangs_it_from_the_ceiling():
    _, rels = facts("a round table under a chandelier")
    assert ("chandelier", "hang_from_ceiling", "ceiling") in rels
    assert not any(s == "dining_table" and t == "chandelier" for s, _k, t in rels)


def test_under_a_wall_thing_mounts_it_on_the_wall():
    _, rels = facts("a console table sits under a painting")
    assert ("painting", "on_wall", "wall") in rels


def test_an_unknown_noun_after_holding_is_an_object_on_its_holder():
    counts, rels = facts("a bookcase holding vinyl records")
    assert "generic:vinyl record" in counts or "generic:record" in counts
    assert any(k == "on_top" and t == "bookshelf" for _s, k, t in rels)


def test_flank_as_a_verb():
    counts, rels = facts("A bed stands against the wall. Two lamps flank the bed.")
    assert counts["table_lamp"] == 2 and ("table_lamp", "next_to", "bed") in rels


def test_between_them_after_two_single_things_names_both():
    _, rels = facts("The armchair faces the bookcase, and an ottoman sits between them.")
    assert {("ottoman", "next_to", "armchair"), ("ottoman", "next_to", "bookshelf")} <= rels


def test_a_relative_clause_after_a_target_describes_the_target():
    _, rels = facts("A plant stands beside the sofa, which is against the wall.")
    assert ("sofa", "against_wall", "wall") in rels and ("plant", "against_wall", "wall") not in rels


def test_lines_the_wall():
    _, rels = facts("A long bookcase lines the wall behind the sofa.")
    assert {("bookshelf", "against_wall", "wall"), ("bookshelf", "behind", "sofa")} <= rels


def test_small_things_listed_before_on_share_it():
    _, rels = facts("an armchair, a candle and a clock radio on the side table")
    assert ("candles", "on_top", "side_table") in rels
    assert not any(s == "armchair" and k == "on_top" for s, k, _t in rels)


def test_seats_listed_before_around_share_it():
    _, rels = facts("a loveseat and three stools around the coffee table")
    assert {("loveseat", "around", "coffee_table"), ("stool", "around", "coffee_table")} <= rels


def test_a_plural_verb_makes_the_list_its_subject():
    _, rels = facts("the bookcase and the desk are against the left wall")
    assert {("bookshelf", "against_wall", "wall"), ("desk", "against_wall", "wall")} <= rels


def test_a_room_list_does_not_share_its_last_item_s_place():
    _, rels = facts("a lounge with a couch, two armchairs and an ottoman in the middle")
    assert ("ottoman", "middle_of_room", "room") in rels
    assert not any(s in ("sofa", "armchair") and k == "middle_of_room" for s, k, _t in rels)


def test_in_between_with_no_target_names_the_pair_before():
    _, rels = facts("two beds facing each other with a nightstand in between")
    assert ("nightstand", "next_to", "bed") in rels


def test_centred_before_another_phrase_is_not_the_middle_of_the_room():
    _, rels = facts("the bed is centred against the far wall, flanked by two nightstands")
    assert ("bed", "against_wall", "wall") in rels and ("bed", "middle_of_room", "room") not in rels
    assert ("nightstand", "next_to", "bed") in rels


def test_wrapping_around_the_corner():
    _, rels = facts("a sectional sofa wraps around the corner")
    assert ("sectional_sofa", "corner", "room") in rels


def test_at_its_foot_and_draped_over_it():
    _, rels = facts("The bed stands by the window, with an ottoman at its foot and a throw draped over it.")
    assert ("ottoman", "in_front_of", "bed") in rels
    assert ("throw_blanket", "on_top", "bed") in rels


def test_room_relative_frames_beside_an_opening():
    _, rels = facts("a coat rack to the left of the door and a bed between the windows")
    assert {("coat_rack", "next_to_door", "door"), ("bed", "next_to_window", "window")} <= rels


def test_mounted_to_and_overhead():
    _, rels = facts("a mirror mounted to the wall and a ceiling fan overhead")
    assert {("mirror", "on_wall", "wall"), ("ceiling_fan", "hang_from_ceiling", "ceiling")} <= rels


def test_one_in_each_corner_is_four():
    counts, rels = facts("a living room with a sofa and a tall plant in each corner")
    assert counts["indoor_tree"] == 4
    assert any(k == "corner" for _s, k, _t in rels)


def test_a_sentence_opening_with_it_continues_the_last_subject():
    _, rels = facts("There is a tall bookcase. It stands next to the fireplace.")
    assert ("bookshelf", "next_to", "fireplace") in rels


def test_its_names_the_catalog_companion():
    counts, rels = facts("A desk faces the window. Its chair is black, and a lamp stands nearby.")
    assert ("chair", "in_front_of", "desk") in rels


def test_each_holds_puts_one_on_every_member():
    counts, rels = facts("Two side tables flank the sofa, and each holds a small vase.")
    assert counts["vase"] == 2 and ("vase", "on_top", "side_table") in rels


def test_a_container_for_small_things_keeps_them_on_its_top():
    _, rels = facts("a sideboard for the telephone and a desk for the kids")
    assert any(k == "on_top" and t == "sideboard" for _s, k, t in rels)
    assert not any(t == "desk" for _s, _k, t in rels)


def test_at_the_edge_of_the_room():
    _, rels = facts("a piano at the edge of the room")
    assert ("piano", "against_wall", "wall") in rels


def test_a_rug_under_everything():
    _, rels = facts("a sofa, a coffee table and two armchairs, with a wool rug under everything")
    assert {("rug", "under", "sofa"), ("rug", "under", "coffee_table"), ("rug", "under", "armchair")} <= rels


def test_holds_as_a_verb_puts_the_list_on_the_holder():
    _, rels = facts("Beside the bed, a nightstand holds a lamp and an alarm clock.")
    assert ("table_lamp", "on_top", "nightstand") in rels and ("nightstand", "next_to", "bed") in rels
    assert sum(1 for _s, k, t in rels if k == "on_top" and t == "nightstand") == 2


def test_frame_the_as_a_verb_flanks():
    _, rels = facts("Two tall bookcases frame the sofa.")
    assert any(s == "bookshelf" and k == "next_to" for s, k, _t in rels)


def test_a_leading_it_names_the_previous_sentence_subject():
    _, rels = facts("A dresser stands by the door. Beside it is a laundry hamper.")
    assert ("laundry_basket", "next_to", "dresser") in rels


def test_a_possessive_before_a_plural_asks_for_a_couple():
    counts, _ = facts("a music corner with a stand for her violins and a piano")
    assert counts["generic:violin"] == 2 and counts["piano"] == 1


def test_kinds_of_is_transparent_to_the_quantifier():
    counts, _ = facts("a garden room with many kinds of plants and a bench")
    assert counts["plant"] >= 4 and counts["bench"] == 1


def test_a_purpose_phrase_does_not_swallow_the_relation_after_it():
    _, rels = facts("an armchair for reading by the window")
    assert ("armchair", "next_to_window", "window") in rels


def test_two_room_parts_joined_by_and_share_the_relation():
    _, rels = facts("a bench close to the window and the door")
    assert {("bench", "next_to_window", "window"), ("bench", "next_to_door", "door")} <= rels


def test_a_terse_brief_with_a_parenthesis_and_either_side():
    _, rels = facts("Bedroom: bed (king) against the north wall; nightstands either side; wardrobe on the east wall.")
    assert {("bed", "against_wall", "wall"), ("nightstand", "next_to", "bed")} <= rels


def test_plus_continues_a_with_list():
    _, rels = facts("A desk with a monitor and a keyboard, plus a desk lamp.")
    assert ("desk_lamp", "on_top", "desk") in rels


def test_indexed_object_names_are_objects_not_counts():
    counts, rels = facts("bedroom: bed-0 against the wall, nightstand-0 left of bed-0, nightstand-1 right of bed-0, "
                         "lamp-0 on nightstand-0")
    assert counts == {"bed": 1, "nightstand": 2, "table_lamp": 1}
    assert {("nightstand", "left_of", "bed"), ("nightstand", "right_of", "bed"),
            ("table_lamp", "on_top", "nightstand")} <= rels


def test_a_wall_thing_along_the_wall_hangs_on_it():
    _, rels = facts("floating shelves line the wall and a mirror along the far wall")
    assert {("wall_shelf", "on_wall", "wall"), ("mirror", "on_wall", "wall")} <= rels
    assert not any(k == "against_wall" for _s, k, _t in rels)


def test_above_with_its_target_left_out():
    _, rels = facts("a round table with four chairs around it and a pendant light above")
    assert ("pendant_light", "hang_from_ceiling", "ceiling") in rels
