"""JSON output: see :mod:`migctl.jsoncodec` for the one encoding every document uses."""

from migctl.jsoncodec import dumps

__all__ = ["dumps"]
