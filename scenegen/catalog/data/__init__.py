"""The catalog's entries, one small module per family of objects, each defining ``ENTRIES``.

``FAMILIES`` fixes the order categories are read in (the synonym index keeps the first category that claims a
phrase, and listings follow it). A new family is one more module here and one more name in ``FAMILIES``.
"""

FAMILIES: tuple[str, ...] = ("bedroom", "living", "kitchen", "office", "bath", "gym", "decor", "furniture", "kids",
                             "storage", "kitchenware", "homewares", "media", "activities",
                             "household", "fitness")
