"""Evidence-based gates and a runbook CI can check: gate criteria, their evaluation from the
store, decisions with evidence, runbook lint (R001–R007) and duration estimates.

``spec`` is pure (text in, typed criterion out); ``stored``, ``evaluate`` and ``check`` read
through SQLAlchemy Core (a Session or the status screen's Connection); the other modules work
over a Session.
"""
