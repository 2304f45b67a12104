"""English counts of findings by severity: `gaps` says them with check's words (13 warnings, 53 info)."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from dxready.cli import app

runner = CliRunner()


def _out(*args: str) -> str:
    result = runner.invoke(app, [*args, "--lang", "en"], env={"COLUMNS": "80"})
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def test_gaps_counts_in_checks_words() -> None:
    gaps = next(line for line in _out("gaps").splitlines() if " findings (" in line)
    counted = re.search(r"\((.*)\)", gaps)
    assert counted is not None
    summary = _out("check").splitlines()[-1]
    # every count gaps gives is worded exactly as check's summary words it ("0 errors" is left out by gaps)
    for part in counted.group(1).split(", "):
        assert part in summary.split(": ", 1)[1].split(", "), (part, summary)
    assert "warnings" in counted.group(1)


def test_one_warning_is_singular() -> None:
    from dxready.render.text import severity_count

    assert [severity_count(n, s) for n, s in ((1, "warning"), (2, "error"), (1, "info"), (53, "info"))] == [
        "1 warning",
        "2 errors",
        "1 info",
        "53 info",
    ]
