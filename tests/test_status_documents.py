"""`status -f markdown|html` on the demo: every section that has data, laid out."""

from __future__ import annotations

from tests.conftest import Cli


def test_demo_status_as_markdown_and_html_has_every_section(bare_cli: Cli) -> None:
    bare_cli("demo")
    markdown = bare_cli("status", "-f", "markdown", "--as-of", "2026-11-22 12:00").stdout
    for heading in ("## Cutover", "## Account mappings", "## SSO matrix", "## Incidents",
                    "## KPIs"):
        assert heading in markdown, heading
    assert "| tilimappaus@1 | accounts | 436 | 99.54 % | 8 | 0 |" in markdown
    assert "- Progress: 0 of 71 tasks done" in markdown
    assert "| GATE-0 |" in markdown  # the next task ready to start
    assert "**Go/no-go gates**" in markdown
    assert "mapping-valid:tilimappaus: validation 1 of tilimappaus@1" in markdown

    html = bare_cli("status", "-f", "html", "--as-of", "2026-11-22 12:00").stdout
    assert "<h2>Cutover</h2>" in html and "<h2>Account mappings</h2>" in html
    assert "tilimappaus@1" in html and "GATE-0" in html
