"""Lists of support surfaces that many small categories share (kept once)."""

TABLE_TOPS = ("dining_table", "coffee_table", "side_table", "kitchen_island", "sideboard", "console_table",
              "bistro_table", "bar_table", "desk")
"""Tops a person sets things down on in living and dining rooms."""
KITCHEN_TOPS = ("kitchen_cabinet", "kitchen_island", "dining_table", "sideboard", "serving_cart", "bar_cart")
"""Kitchen work surfaces and what stands in for them."""
DESK_TOPS = ("desk", "teachers_desk", "school_desk", "lab_bench", "dining_table", "kitchen_island")
"""Work surfaces for computers and stationery."""
SHELF_TOPS = ("bookshelf", "wall_shelf", "sideboard", "dresser", "chest_of_drawers", "nightstand", "side_table",
              "console_table", "cabinet", "tv_stand", "coffee_table", "desk", "cubbies", "fireplace")
"""Tops and shelves that hold decor."""
