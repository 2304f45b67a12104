import os

import pytest

os.environ.setdefault("COLUMNS", "120")
os.environ.pop("DXREADY_CATALOG", None)
os.environ.pop("DXREADY_LANG", None)


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("DXREADY_CATALOG", raising=False)
    monkeypatch.delenv("DXREADY_LANG", raising=False)
