"""Small things the plan gives no host spread over the tops in the room instead of crowding one (a user-facing
failure: 'table_lamp_2 could not be placed: the top of coffee_table_1 is full')."""

from __future__ import annotations

from scenegen.scene import AssetRef, LayoutPlan, PlannedObject, Relation, Room
from scenegen.solve.roles import HOST_FILL
from scenegen.solve.solver import object_roles


def _plan(objects: list[tuple[str, str]], relations: list[tuple[str, str, str]]) -> LayoutPlan:
    return LayoutPlan(prompt="test", room=Room.rectangle(4.0, 3.5, type="living_room"),
                      objects=[PlannedObject(id=i, category=c, description=c) for i, c in objects],
                      relations=[Relation(kind=k, subject=s, target=t) for s, k, t in relations])


def _refs(plan: LayoutPlan) -> dict[str, AssetRef]:
    return {o.id: AssetRef(backend="procedural", category=o.category, seed=0, params={}) for o in plan.objects}


def test_a_second_lamp_goes_to_another_top_when_the_first_host_is_filled():
    plan = _plan([("coffee", "coffee_table"), ("shelf", "bookshelf"), ("lamp1", "table_lamp"),
                  ("lamp2", "table_lamp"), ("mug", "cups")], [("mug", "on_top", "coffee")])
    sizes = {"coffee": (0.62, 0.44, 0.32), "shelf": (0.8, 0.35, 1.7), "lamp1": (0.31, 0.3, 0.47),
             "lamp2": (0.31, 0.3, 0.47), "mug": (0.12, 0.08, 0.09)}
    roles = object_roles(plan, _refs(plan), sizes)
    hosts = {roles["lamp1"][1], roles["lamp2"][1]}
    assert hosts == {"coffee", "shelf"}, roles
    assert 0.62 * 0.44 * HOST_FILL < 0.31 * 0.3 * 2 + 0.12 * 0.08  # the two lamps and the mug overfill the table


def test_one_top_with_room_for_all_keeps_them_together():
    plan = _plan([("desk", "desk"), ("shelf", "bookshelf"), ("lamp", "table_lamp"), ("mug", "cups")], [])
    sizes = {"desk": (1.6, 0.8, 0.75), "shelf": (0.8, 0.35, 1.7), "lamp": (0.31, 0.3, 0.47),
             "mug": (0.12, 0.08, 0.09)}
    roles = object_roles(plan, _refs(plan), sizes)
    assert roles["lamp"][1] == "desk" and roles["mug"][1] == "desk"
