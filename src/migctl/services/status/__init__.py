"""Status: see ARCHITECTURE.md for the module roles."""
