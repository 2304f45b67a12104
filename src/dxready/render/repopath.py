"""Where a finding's file is inside the repository, for ``check -f github`` and ``-f sarif``: GitHub places an
annotation or a code-scanning alert by a path relative to the repository root, whatever directory the job ran in."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


def repo_relative(file: str, base: Path | None) -> str | None:
    """``file`` (as a location shows it: relative to the working directory, or absolute) as a posix path relative to
    ``base`` (the repository root); None without a base or for a file outside it (the shipped catalogue)."""
    if base is None or not file:
        return None
    try:
        path = Path(file).resolve().relative_to(base.resolve())
    except (ValueError, OSError, RuntimeError):
        return None
    return str(PurePosixPath(*path.parts)).replace(os.sep, "/") if path.parts else None
