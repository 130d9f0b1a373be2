"""The command line: thin Typer modules that parse options, call a service, render the result.

Importing this package must stay cheap (no SQLModel, Alembic, httpx or Rich), so
``migctl --help`` is instant; heavy modules are imported inside the commands.
"""
