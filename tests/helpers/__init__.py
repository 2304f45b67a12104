"""Test helpers (kept apart from the tests, as pre-commit does)."""
