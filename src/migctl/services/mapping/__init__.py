"""Charts of accounts, cost-object dimensions, mapping sets, their validation and translation.

``fields`` holds the shared vocabulary (codes, ranges, account types); ``documents`` the typed
JSON documents every builder here returns and render/mapping.py reads; ``charts`` imports
charts and dimensions; ``sets`` imports, resolves and lists mapping sets (``compare`` diffs
them, ``export`` writes them back); ``validate`` checks a set (M001–M014); ``index`` is the
rule matcher shared by ``validate --balances`` and ``translate``; ``ledger`` reads ledger lines.
"""
