"""The cutover runbook: tasks, dependencies, the planner, cutover runs, transitions and gates.

Module roles:

* ``read`` — Core reads (a Session or a plain Connection, no ORM): the runbook in one go,
  runs as rows and as documents (``run_document``), settings, decisions;
* ``critical_path`` and ``graph`` — the planner, pure (plain data in and out, no store):
  property-tested and benchmarked on their own;
* ``plan`` — the planner applied to the store: plan start, forecast/baseline, late, ready, the
  plan documents; ``compare`` and ``burndown`` — plan against actuals (Core reads);
* ``runs`` — cutover runs written (start, finish, the active run; ORM + audit);
* ``tasks``, ``transitions``, ``importer``, ``actuals`` — audited writes over a Session;
* ``documents`` — the typed JSON documents; ``fields`` — vocabularies and normalisers;
  ``settings`` — the cutover settings; ``status`` — the status section; ``demo`` — the demo.
"""
