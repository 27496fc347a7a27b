"""Reflections: the Emotional Safety Reflection, answered per relationship, with reports."""
