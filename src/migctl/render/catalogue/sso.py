"""Words of the SSO checks' certificate calendar (issue 22)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "sso.next_expiries": ("Next certificate expiries", "Seuraavaksi vanhenevat varmenteet"),
    "sso.expires": ("Expires", "Vanhenee"),
    "sso.days_left": ("Days left", "Päiviä jäljellä"),
    "sso.collides_with": ("Collides with", "Osuu"),
    "sso.subject": ("Certificate", "Varmenne"),
    "sso.checks": ("Checks", "Tarkistukset"),
    "sso.collides.expired": ("expired", "vanhentunut"),
    "sso.collides.before go-live": ("before go-live", "ennen käyttöönottoa"),
    "sso.collides.cutover window": ("cutover window", "siirtoikkuna"),
    "sso.collides.hypercare": ("hypercare", "tehostettu tuki"),
    "sso.collides.30 days after hypercare": ("30 days after hypercare",
                                             "30 päivää tehostetun tuen jälkeen"),
}
