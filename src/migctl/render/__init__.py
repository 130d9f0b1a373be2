"""Turning results into output: Rich tables for people, stable documents for machines.

Renderers take plain documents (dicts, lists) or :class:`migctl.checks.CheckReport`s, never ORM
objects, and return text or Rich renderables. Only :mod:`migctl.render.console` knows where the
text goes.
"""
