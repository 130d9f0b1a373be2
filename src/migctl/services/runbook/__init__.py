"""The cutover runbook: tasks, dependencies, the planner, cutover runs, transitions and gates.

``planner`` and ``graph`` are pure (plain data in, plain data out, no Session), so they can be
property-tested and benchmarked on their own; ``data``, ``run_summary``, ``compare``,
``planning`` and ``status`` read through SQLAlchemy Core (a Session or a plain Connection); the
other modules work over a Session.
"""
