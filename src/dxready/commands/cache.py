"""A cache of validated catalogues' comparison rows, keyed by the content hash of their files and dxready's version.

It lives in ``$XDG_CACHE_HOME/dxready`` (default ``~/.cache/dxready``) as one SQLite file, so that a national set of
1,741 catalogues is one open and 1,741 indexed look-ups rather than 1,741 small files. Nothing depends on it: an entry
is only ever the result of validating exactly the bytes its key hashes, a missing, unreadable, corrupt or read-only
cache is silently skipped, and ``--no-cache`` bypasses it. Values read back are not trusted: a value that is not
JSON is skipped alone (not the whole cache), and the caller validates each row (see ``compare.Row.from_cache``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

SCHEMA = 8  # 5: a group's latest usage may be its sub-procedures' sum (catalog/usage.py); 6: no older year
# (usage), a bundle open while a row short of ○ has no life events (levels); 7: a row carries its catalogue's status
# date (compare); 8: a row's usage says whether its rate is published and to which date a part year runs: rows
# cached before are recomputed


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dxready"


def content_key(files: list[tuple[str, bytes]]) -> str:
    """sha256 over dxready's version and each file's name, length and bytes."""
    from dxready import __version__

    digest = hashlib.sha256(f"dxready {__version__} cache {SCHEMA}\0".encode())
    for name, data in files:
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Get and put JSON values by key; every failure turns the cache off for the rest of the run."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "compare.sqlite3"
        self._db: Any = None
        self._pending = 0
        self.enabled = True

    def _open(self) -> Any:
        if self._db is None and self.enabled:
            import sqlite3

            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                self._db = db
            except (OSError, sqlite3.Error):
                self.enabled = False
        return self._db

    def get(self, key: str) -> Any | None:
        import sqlite3

        db = self._open()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return None if row is None else json.loads(row[0])
        except (sqlite3.Error, ValueError):
            self.enabled = False
            return None

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        """The cached values of those ``keys`` that have one (one query)."""
        import sqlite3

        db = self._open()
        if db is None or not keys:
            return {}
        try:
            marks = ",".join("?" * len(keys))
            rows = db.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", keys).fetchall()
        except sqlite3.Error:
            self.enabled = False
            return {}
        found = {}
        for key, value in rows:
            if isinstance(key, str) and isinstance(value, str) and len(value) <= 100_000:
                try:
                    found[key] = json.loads(value)
                except (ValueError, RecursionError):
                    continue  # a bad row is dropped (and recomputed), not trusted
        return found

    def put(self, key: str, value: Any) -> None:
        import sqlite3

        db = self._open()
        if db is None:
            return
        try:
            if self._pending == 0:
                db.execute("BEGIN")
            db.execute(
                "INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)",
                (key, json.dumps(value, ensure_ascii=False, separators=(",", ":"))),
            )
            self._pending += 1
            if self._pending >= 500:
                db.execute("COMMIT")
                self._pending = 0
        except sqlite3.Error:
            self.enabled = False

    def close(self) -> None:
        import sqlite3

        if self._db is None:
            return
        try:
            if self._pending:
                self._db.execute("COMMIT")
            self._db.close()
        except sqlite3.Error:
            pass
        self._db = None
        self._pending = 0
