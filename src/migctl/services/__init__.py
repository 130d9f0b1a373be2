"""The domain. Keyword-only functions over a Session; no terminal, no Typer, no Rich."""
