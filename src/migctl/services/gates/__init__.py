"""Evidence-based gates and a runbook CI can check: gate criteria, their evaluation from the
store, decisions with evidence, runbook lint (R001–R007) and duration estimates.

Module roles: ``criterion`` — the :class:`CriterionKind` protocol every criterion kind
implements; ``kinds/`` — the kinds, one module per domain whose records are the evidence;
``spec`` — the one registry of kinds (``KINDS``) and the parser; ``evaluate`` and ``check`` —
evaluation through SQLAlchemy Core (a Session or the status screen's Connection); ``read`` —
gates and stored criteria (Core); ``criteria`` — adding and removing criteria (audited);
``references`` — whether the names a criterion uses exist; ``documents`` — the typed JSON
documents; ``decide``, ``lint``, ``estimate``, ``rehearsals``, ``window`` — the commands'
services; ``status`` — the status rows; ``demo`` — the demo step.
"""
