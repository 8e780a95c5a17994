"""Scale plausibility against the catalog's size priors. (Being written.)"""
