"""A CSV export writes every sheet or none: a review found 手続.csv and 件数.csv replaced with another catalogue's
data and 概況 missing after an export that failed on its third sheet."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.catalogs import SHIPPED
from tests.helpers.pages import invoke, partial


def test_a_csv_export_that_cannot_write_one_sheet_writes_none(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(SHIPPED))
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) >= 3
    victim = sorted(before)[-1]  # the last sheet written: the others would go first
    (out / victim).unlink()
    (out / victim).mkdir()
    code, _, err = invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(partial(tmp_path)))
    assert code == 2
    assert victim in err and "何も書いていません" in err
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == {name: data for name, data in before.items() if name != victim}
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_dangling_link_in_place_of_a_sheet_writes_none(tmp_path: Path) -> None:
    """A review: a dangling symlink passed the first check, and the sheets before it were replaced."""
    out = tmp_path / "out"
    assert invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(SHIPPED))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    victim = sorted(before)[-1]
    (out / victim).unlink()
    (out / victim).symlink_to(tmp_path / "nowhere" / "x.csv")
    code, _, err = invoke("export", "-f", "csv", "-o", str(out), "--catalog", str(partial(tmp_path)))
    assert code == 2 and "何も書いていません" in "".join(err.split()), err
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.is_symlink()}
    assert after == {name: data for name, data in before.items() if name != victim}
