"""Stability validator: a short physics settle. (Being written.)"""
