"""SSO integration checks: configuration, the HTTPS probes, runs and their results.

``config`` validates and stores checks (add, list, remove, TOML import); ``probe`` runs them
concurrently over HTTPS with ``saml``, ``oidc`` and ``certs`` judging what comes back; ``runs``
stores each run; ``results`` answers "what is the latest result of every check" through Core;
``status_section`` feeds `migctl status`.
"""
