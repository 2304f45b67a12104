"""The layers of ARCHITECTURE.md, checked: every import inside ``src/dxready`` (function-local and
``TYPE_CHECKING`` ones included) points to the same layer or one below, and the import graph has no cycle.

Also: only ``render/`` and ``cli/`` write to stdout or stderr, and only they import renderers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "dxready"

# Lowest first; a module may import its own layer or any lower one. Kept in step with ARCHITECTURE.md.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "base",
        (
            "dxready",
            "dxready.findings",
            "dxready.fsio",
            "dxready.perf",
            "dxready.i18n",
            "dxready.errors",
            "dxready.inert",
        ),
    ),
    ("catalog", ("dxready.catalog",)),
    ("rules", ("dxready.rules",)),
    ("engine", ("dxready.engine",)),
    ("commands", ("dxready.commands",)),
    ("render", ("dxready.render",)),
    (
        "cli",
        (
            "dxready.cli",
            "dxready.__main__",
            "dxready.guard",
            "dxready.fastpath",
            "dxready.clitext",
            "dxready.completion",
            "dxready.entry",
            "dxready._help",
        ),
    ),
)
OUTPUT_LAYERS = frozenset({"render", "cli"})

# Known upward edges, each to be removed (never added to). None left: export's worded sheets are built in
# render/workbook.py now.
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def layer_of(module: str) -> int:
    best, depth = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            exact = prefix == "dxready"
            inside = module == prefix or (not exact and module.startswith(prefix + "."))
            if inside and len(prefix) > depth:
                best, depth = index, len(prefix)
    if best < 0:
        raise AssertionError(f"{module} is in no layer: add it to ARCHITECTURE.md and LAYERS")
    return best


def imports(module: str) -> dict[str, int]:
    """The dxready modules that ``module`` imports anywhere in its body, with the first line of each."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            for alias in node.names:
                sub = f"{origin}.{alias.name}"
                targets.append(sub if sub in MODULES else origin)
        for target in targets:
            while target and target not in MODULES:  # import dxready.catalog.load.x → its module
                target = target.rpartition(".")[0]
            if target.startswith("dxready") and target != module:
                found.setdefault(target, node.lineno)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_imports_point_down() -> None:
    upward = [
        f"{MODULES[m].relative_to(SRC.parent)}:{line}: {m} ({LAYERS[layer_of(m)][0]}) imports {target}"
        f" ({LAYERS[layer_of(target)][0]})"
        for m, targets in GRAPH.items()
        for target, line in targets.items()
        if layer_of(target) > layer_of(m) and (m, target) not in KNOWN_UPWARD
    ]
    assert upward == []
    assert all(target in GRAPH[m] for m, target in KNOWN_UPWARD), "an exception is gone: take it off the list"


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(GRAPH):
        if module not in state and (found := visit(module)) is not None:
            return found
    return None


def test_no_import_cycle() -> None:
    assert _cycle() is None


def test_the_checker_sees_function_local_imports_and_cycles(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: a function-local import and a planted cycle are both found."""
    assert "dxready.rules" in imports("dxready.engine.run")  # only inside ``_run``
    assert layer_of("dxready.render.table") > layer_of("dxready.commands.diff") > layer_of("dxready.findings")
    monkeypatch.setitem(GRAPH, "dxready.findings", {**GRAPH["dxready.findings"], "dxready.cli": 1})
    monkeypatch.setitem(GRAPH, "dxready.cli", {**GRAPH["dxready.cli"], "dxready.findings": 1})
    assert _cycle() is not None


_WRITERS = ("sys.stdout", "sys.stderr", "print", "Console")


def _writes(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and ast.unparse(node) in _WRITERS[:2]) or (
            isinstance(node, ast.Call) and ast.unparse(node.func) in _WRITERS[2:]
        ):
            lines.append(node.lineno)
    return lines


def test_only_render_and_cli_write_output_or_import_renderers() -> None:
    render = layer_of("dxready.render")
    offenders = []
    for module, path in MODULES.items():
        if LAYERS[layer_of(module)][0] in OUTPUT_LAYERS:
            continue
        offenders += [f"{path.relative_to(SRC.parent)}:{line}: writes output" for line in _writes(path)]
        offenders += [
            f"{path.relative_to(SRC.parent)}:{line}: imports {target}"
            for target, line in GRAPH[module].items()
            if layer_of(target) == render and (module, target) not in KNOWN_UPWARD
        ]
    assert offenders == []


# A module a reader can hold: split one that grows past this (ARCHITECTURE.md, "Layers").
MAX_LINES = 500


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_500_lines() -> None:
    over = sorted(f"{m} ({_lines(p)})" for m, p in MODULES.items() if _lines(p) > MAX_LINES)
    assert not over, f"modules over {MAX_LINES} lines: split them (ARCHITECTURE.md, 'Layers')"


def _ruff_lint() -> dict[str, object]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    pyproject = SRC.parents[1] / "pyproject.toml"
    config: dict[str, object] = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    return config


def test_complexity_is_checked_everywhere() -> None:
    lint = _ruff_lint()
    assert "C90" in lint["select"]  # type: ignore[operator]
    assert lint["mccabe"] == {"max-complexity": 20}
    ignores: dict[str, list[str]] = lint.get("per-file-ignores", {})  # type: ignore[assignment]
    exempt = sorted(path for path, codes in ignores.items() if any(c.startswith("C9") for c in codes))
    assert not exempt, "no per-file C90 ignore: split the function instead"


def test_no_function_is_over_complexity_20() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "C901", str(SRC)],
        capture_output=True,
        text=True,
        check=False,
        cwd=SRC.parents[1],
    )
    assert done.returncode == 0, done.stdout + done.stderr
