"""Organisational accountability: a self-assessment and an anonymous incident log.

Pure data and arithmetic (no widgets, no storage), like ``circlekit.model``.
"""
