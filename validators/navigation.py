"""Navigation validators: navigability (free floor connected to the doors), accessibility of functional sides, and
opening clearance. (Being written.)"""
