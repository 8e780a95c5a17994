"""The photograph a text is about, not a thing in the room: "a photo of a bedroom", "Editorial Style Photo", "in the
photo above", "I stood by the sideboard to take this picture"."""

from __future__ import annotations

from scenegen.plan import text as tx


def is_framing(words: list[str], i: int) -> bool:
    """Whether the one-word noun at ``i`` names the picture the prompt asks for, not a thing in the room: a framing
    noun after a picture-kind word ("editorial style photo", "a realistic render") or followed by "of" and a room
    ("a photo of a cozy bedroom"), or the photograph of the room the text speaks of ("the photo above", "the picture
    was taken from the door", "to take this picture")."""
    if words[i] not in tx.FRAMING_NOUNS:
        return False
    if i > 0 and words[i - 1] in tx.FRAMING_MODIFIERS:
        return True
    if i + 1 < len(words) and words[i + 1] in tx.SHOWING_VERBS:
        return True  # "Photo shows a parlor of the Delger house": the caption's photograph
    if i > 0 and words[i - 1] in ("this", "that") and (i < 2 or words[i - 2] in ("saw", "see", "in", "seen")):
        return True  # "When I first saw this photo", "in this picture": the photograph the text is about
    if i + 1 < len(words) and (words[i + 1] in PHOTO_AFTER or tuple(words[i + 1:i + 3]) in PHOTO_TAKEN):
        return True  # "in the photo above", "the photo was taken from the door", "a photo tour of the room"
    if i > 1 and words[i - 2] in TAKING and words[i - 1] in ("this", "that", "the", "a"):
        return True  # "I stood by the sideboard to take this picture"
    if i + 1 < len(words) and words[i + 1] == "of":
        return any(tx.match_longest(words, j, tx.ROOM_PHRASES) for j in range(i + 2, min(i + 6, len(words))))
    return False


PHOTO_AFTER = frozenset({"above", "below", "tour", "credit", "credits", "courtesy", "via"})
"""Words after a framing noun that make it a photograph of the room in the text ("the photo above", "photo credit")."""
PHOTO_TAKEN = frozenset({("is", "taken"), ("was", "taken"), ("were", "taken"), ("is", "from"), ("was", "shot")})
TAKING = frozenset({"take", "took", "taking", "taken", "snap", "snapped"})
"""Verbs before a framing noun that make it the photograph someone took of the room."""
