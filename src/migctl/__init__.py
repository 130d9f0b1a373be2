"""migctl — the control room of a city's finance and HR system migration."""

__version__ = "0.1.0"
