"""``dxready page``: the published status page as one HTML file, and its PDF through a headless Chromium.

The page's data is the JSON the other commands print (``gaps``, ``trend``, ``compare``), parsed back and drawn by
:mod:`dxready.render.html`, so the page cannot say anything those outputs do not. Files are written whole or not
at all (a temporary file in the same directory, then a rename).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dxready.catalog.load import LoadError, Problem
from dxready.findings import Location, Msg
from dxready.fsio import WriteError
from dxready.i18n import t as _t

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
"""Looked up on PATH, after ``$DXREADY_CHROMIUM``."""

PDF_TIMEOUT = 120


@dataclass(frozen=True)
class PageResult:
    html: str
    trend_note: str | None = None
    """Why the page has no trend (the catalogue is not in git, …), or None."""
    notes: str = ""
    """For stderr, as ``compare`` prints them: catalogues that share a code, catalogues left out."""
    exit_code: int = 0
    """As ``compare``'s: 2 when a catalogue given could not be read (the page of the others is written all the same)."""


def _version() -> str:
    from dxready import __version__

    return __version__


def city_data(catalog: Path | None, as_of: dt.date, lang: str) -> dict[str, Any]:
    """What ``gaps --format json`` says, as data."""
    from dxready.catalog.load import load_catalog
    from dxready.engine.run import run
    from dxready.render.json_gaps import gaps

    report = run(load_catalog(catalog), as_of)
    data: dict[str, Any] = json.loads(gaps(report, lang))
    return data


def trend_data(catalog: Path | None, lang: str) -> tuple[dict[str, Any] | None, str | None]:
    """What ``trend --format json`` says, or (None, what the page says instead) when there is no git history: a
    plain statement for the page's readers, never the command line's hint."""
    from dxready.commands import trend
    from dxready.errors import GitError

    try:
        history = trend.run_trend(catalog=catalog, since=None)
    except GitError:  # not in git, or git missing: the page says so instead of failing
        return None, _t(lang, "推移はまだありません。", "There is no trend yet.")
    except LoadError as exc:
        return None, _t(
            lang,
            f"推移は示せません: {exc.problems[0].message.ja}",
            f"No trend: {exc.problems[0].message.en}",
        )
    from dxready.render.trend import json_

    data: dict[str, Any] = json.loads(json_(history, lang))
    return data, None


def build_city(catalog: Path | None, as_of: dt.date, lang: str, *, with_trend: bool = True) -> PageResult:
    from dxready.render import html

    data = city_data(catalog, as_of, lang)
    trend, note = trend_data(catalog, lang) if with_trend else (None, None)
    return PageResult(html.page(data, trend, note, lang, _version()), note)


def compare_data(directories: list[Path], as_of: dt.date, lang: str, use_cache: bool) -> dict[str, Any]:
    """What ``compare --format json`` says, as data. LoadError when no catalogue could be read."""
    return _compare(directories, as_of, lang, use_cache)[0]


def _compare(
    directories: list[Path], as_of: dt.date, lang: str, use_cache: bool
) -> tuple[dict[str, Any], str, int]:
    """compare's data, its stderr notes (shared codes, broken catalogues) and its exit code."""
    from dxready.commands.compare import load_rows
    from dxready.render.compare import notes, to_json

    comparison = load_rows(directories, use_cache=use_cache)
    comparison.as_of = as_of
    if not comparison.rows:
        problems = [p for b in comparison.broken for p in b.problems] or [
            _problem("比較できるカタログがありません", "no catalogue to compare")
        ]
        raise LoadError(problems)
    data: dict[str, Any] = json.loads(to_json(comparison, lang))
    return data, notes(comparison, lang), comparison.exit_code


def build_compare(
    directories: list[Path], as_of: dt.date, lang: str, *, use_cache: bool = True
) -> PageResult:
    from dxready.render import html

    data, said, code = _compare(directories, as_of, lang, use_cache)
    return PageResult(html.compare_page(data, lang, _version()), notes=said, exit_code=code)


# --------------------------------------------------------------------------------------------------- files


def _problem(ja: str, en: str, where: str = "dxready") -> Problem:
    return Problem("DX001", Location(where), Msg(ja, en))


def write_file(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: an existing file through :func:`dxready.fsio.atomic_write` (which
    refuses what must not be replaced), a new one through an exclusive temporary file renamed into place.
    WriteError (exit 2: ``dxready: PATH: why``, no catalogue code) when it cannot be written."""
    from dxready.fsio import atomic_write
    from dxready.render.safe import oneline

    shown = oneline(str(path))
    if path.is_dir():
        raise WriteError(Msg(f"{shown}: 出力先がディレクトリです", f"{shown}: the output is a directory"))
    if path.exists() or path.is_symlink():
        atomic_write(path, data)
        return
    parent = path.absolute().parent
    if not parent.is_dir():
        where = oneline(str(path.parent))
        raise WriteError(Msg(f"{where}: 出力先のディレクトリがありません", f"{where}: no such directory"))
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        from dxready.fsio import cannot_write

        raise cannot_write(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# --------------------------------------------------------------------------------------------------- pdf


def find_chromium() -> str | None:
    """``$DXREADY_CHROMIUM`` when set (empty: none), else the first Chromium or Chrome on PATH."""
    env = os.environ.get("DXREADY_CHROMIUM")
    if env is not None:
        return shutil.which(env) if env else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def no_chromium_message(lang: str) -> str:
    return _t(
        lang,
        "dxready: PDF の作成にはヘッドレスの Chromium が必要ですが、見つかりません。\n"
        "  Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk\n"
        "  macOS: brew install --cask chromium（または Google Chrome）\n"
        "  ほかの場所にあるときは DXREADY_CHROMIUM=/path/to/chromium で指定してください。\n",
        "dxready: making a PDF needs a headless Chromium, and none was found.\n"
        "  Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk\n"
        "  macOS: brew install --cask chromium (or Google Chrome)\n"
        "  Elsewhere, point DXREADY_CHROMIUM at the executable.\n",
    )


def chromium_args(profile: str) -> list[str]:
    """Headless, and nothing in the background: no network of its own, no first-run, no sync."""
    return [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
    ]


def print_pdf(html_text: str, pdf: Path, chromium: str, lang: str) -> None:
    """Print the page to an A4 PDF (the page's print styles choose the size and the page breaks)."""
    from dxready.render.safe import oneline

    shown = oneline(chromium)
    with tempfile.TemporaryDirectory(prefix="dxready-pdf-") as work:
        source = Path(work) / "page.html"
        source.write_text(html_text, encoding="utf-8")
        out = Path(work) / "page.pdf"
        command = [
            chromium,
            *chromium_args(str(Path(work) / "profile")),
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise WriteError(
                Msg(
                    f"{shown}: Chromium で PDF を作れません: {exc}",
                    f"{shown}: Chromium could not print: {exc}",
                )
            ) from None
        if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise WriteError(
                Msg(
                    f"{shown}: Chromium で PDF を作れません（終了コード {done.returncode}）: {oneline(tail[0])}",
                    f"{shown}: Chromium could not print (exit {done.returncode}): {oneline(tail[0])}",
                )
            )
        write_file(pdf, out.read_bytes())
