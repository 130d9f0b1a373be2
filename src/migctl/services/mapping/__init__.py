"""Charts of accounts, cost-object dimensions, mapping sets, their validation and translation.

``codes`` holds the shared vocabulary (codes, ranges, account types); ``charts`` imports charts
and dimensions; ``sets`` imports, resolves, compares and exports mapping sets; ``validate``
checks a set (M001–M011, M014); ``index`` is the rule matcher shared by ``validate --balances`` and
``translate``.
"""
