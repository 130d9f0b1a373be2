"""Load reconciliation (`migctl recon`): what the target systems hold against what the legacy
held, through the mapping, every cent of a difference assigned to exactly one cause.

Roles: :mod:`fields` (causes, kinds, compare rules), :mod:`documents` (the run document),
:mod:`causes` (one cause per difference, mispostings paired, decisions applied),
:mod:`totals` (control totals), :mod:`balances` and :mod:`items` (the two engines),
:mod:`columnar` (the DuckDB path for big files), :mod:`read`, :mod:`write`, :mod:`runs`,
:mod:`importer` (TOML definitions), :mod:`demo`.
"""
