"""The gate-criterion kinds, one module per domain whose records are the evidence; each kind
implements :class:`migctl.services.gates.criterion.CriterionKind` and is listed once in
:data:`migctl.services.gates.spec.KINDS`."""
