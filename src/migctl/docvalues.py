"""Values read back from status documents, where a time may be a datetime or its ISO text.

Sections hand over Python objects in-process, but their documented JSON shape has ISO strings;
readers of the document (KPI extractors, the header, the report) accept both.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


def as_datetime(value: Any) -> datetime | None:
    """An aware datetime from a datetime or ISO 8601 text (``Z`` accepted); None otherwise."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else None
    return None
