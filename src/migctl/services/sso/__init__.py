"""SSO integration checks: configuration, the HTTPS probes, runs and their results.

``config`` validates and stores checks (add, remove; ``importer`` reads the TOML file);
``probe`` runs them concurrently over HTTPS with ``saml``, ``oidc`` and ``certs`` judging what
comes back; ``runs`` stores each run; ``read`` answers "what is the latest result of every
check" through Core; ``documents`` holds the JSON shapes; ``status`` feeds `migctl status`.
"""
