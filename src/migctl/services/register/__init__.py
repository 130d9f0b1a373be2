"""The programme register: actions, risks, decisions (ARCHITECTURE.md has the module roles)."""
