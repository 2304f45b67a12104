"""YAML → models with a source map (positions 1-based, made so by :mod:`dxready.catalog.yaml`).

Every problem that makes a catalogue unusable is raised as :class:`LoadError` holding located problems; nothing else
escapes. Parsing is :mod:`dxready.catalog.yaml` (the one YAML module): values composed straight from the events of
ruamel.yaml's C parser (``ruamel.yaml.clib``) while recording where each value and key stood, detecting duplicate keys,
refusing unsupported tags and bounding alias expansion.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from dxready.catalog import limits
from dxready.catalog.problems import DUPLICATE_KEY as DUPLICATE_KEY
from dxready.catalog.problems import SCHEMA_VIOLATION as SCHEMA_VIOLATION
from dxready.catalog.problems import UNREADABLE as UNREADABLE
from dxready.catalog.problems import LoadError as LoadError
from dxready.catalog.sourcemap import SourceMap as SourceMap
from dxready.catalog.usage import LatestUsage, latest_usage
from dxready.catalog.validate import excerpt_key as excerpt_key
from dxready.catalog.validate import validate as validate
from dxready.catalog.yaml import yaml_float as yaml_float
from dxready.catalog.yaml import yaml_int as yaml_int
from dxready.catalog.yaml import yaml_timestamp as yaml_timestamp
from dxready.errors import Problem as Problem  # re-exported: the loader's problems
from dxready.findings import Location, Msg, Path

if TYPE_CHECKING:
    from pydantic import BaseModel

    from dxready.catalog.models import (
        Procedure,
        ProceduresFile,
        RoadmapFile,
        RoadmapItem,
        System,
        SystemsFile,
    )
    from dxready.catalog.settings import Settings
    from dxready.catalog.textscan import TextScan

MAX_BYTES = limits.MAX_BYTES
MAX_DEPTH = limits.MAX_DEPTH
FILES = ("procedures", "systems", "roadmap")
SETTINGS = "dxready"


# --------------------------------------------------------------------------------------------------- bytes → text


def _problem(code: str, file: str, line: int, col: int, ja: str, en: str) -> LoadError:
    """One located problem; line 0: the file or directory itself, which has no position to show."""
    return LoadError([Problem(code, Location(file, line, col), Msg(ja, en))])


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(data: bytes, file: str) -> str:
    """Bytes → text: UTF-8 with or without BOM; CP932 is recognised and refused with how to fix it."""
    if len(data) > MAX_BYTES:
        raise _problem(
            UNREADABLE,
            file,
            1,
            1,
            f"ファイルが大きすぎます（{len(data):,} バイト、上限 {MAX_BYTES:,} バイト）",
            f"file is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        line, col = _line_col(data, nul)
        hint_ja = (
            "UTF-16 で保存されています。UTF-8 で保存し直してください" if utf16 else "バイナリファイルです"
        )
        hint_en = "it is saved as UTF-16; re-save it as UTF-8" if utf16 else "this is a binary file"
        raise _problem(
            UNREADABLE, file, line, col, f"NUL バイトがあります（{hint_ja}）", f"NUL byte in file ({hint_en})"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        try:
            data.decode("cp932")
        except UnicodeDecodeError:
            raise _problem(
                UNREADABLE,
                file,
                line,
                col,
                "UTF-8 として読めません。文字コードを UTF-8 にして保存し直してください",
                "not valid UTF-8; re-save the file with UTF-8 encoding",
            ) from None
        raise _problem(
            UNREADABLE,
            file,
            line,
            col,
            "Shift_JIS（CP932）で保存されているようです。UTF-8 で保存し直してください"
            "（例: メモ帳の「名前を付けて保存」で文字コード UTF-8、または iconv -f CP932 -t UTF-8）",
            "the file looks like Shift_JIS (CP932); re-save it as UTF-8 "
            "(e.g. Notepad 'Save as' with encoding UTF-8, or iconv -f CP932 -t UTF-8)",
        ) from None


# --------------------------------------------------------------------------------------------------- text → values

_YAML_DIRECTIVE = re.compile(r"^%YAML[ \t]+([0-9.]+)", re.MULTILINE)


def reset_scalar_memo() -> None:
    """Forget memoised scalars (a long run, such as compare, calls this to stay bounded and repeatable)."""
    from dxready.catalog.yaml import reset_memo

    reset_memo()


def parse(text: str, file: str, *, positions: bool = True) -> tuple[Any, SourceMap]:
    """Text → plain values and their source map. Raises LoadError (DX001/DX002) with a located message."""
    from dxready.catalog.yaml import YamlProblem, compose, syntax_errors
    from dxready.perf import collector_paused

    MarkedYAMLError, YAMLError = syntax_errors()

    directive = _YAML_DIRECTIVE.search(text) if "%YAML" in text else None  # the regex tries every line
    if directive is not None and directive.group(1) != "1.2":
        line = text.count("\n", 0, directive.start()) + 1
        raise _problem(
            UNREADABLE,
            file,
            line,
            1,
            f"YAML {directive.group(1)} の指定は使えません。dxready は YAML 1.2 で読みます（%YAML の行を消してください）",
            f"YAML {directive.group(1)} is declared, but dxready reads YAML 1.2 (yes/no are strings there);"
            " delete the %YAML line",
        )
    # Depth and the number of values (limits.check_shape) are enforced by the composer itself, at the same events.
    with collector_paused():
        try:
            value, root, tree = compose(
                text, positions=positions, budget=min(len(text), limits.MAX_NODES) + 10_000
            )
        except YamlProblem as exc:
            raise _problem(exc.code, file, exc.line, exc.column, exc.ja, exc.en) from None
        except MarkedYAMLError as exc:
            from dxready.catalog.yaml_messages import explain

            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            what = " ".join(str(s) for s in (exc.context, exc.problem) if s)
            said = explain(text, line, col, what)
            raise LoadError(
                [Problem("DX001", Location(file, said.line, said.column), Msg(said.ja, said.en), detail=what)]
            ) from None
        except YAMLError as exc:
            raise _problem(
                UNREADABLE, file, 1, 1, f"YAML の構文エラー: {exc}", f"YAML syntax error: {exc}"
            ) from None
        except RecursionError:
            raise _problem(UNREADABLE, file, 1, 1, "入れ子が深すぎます", "nesting is too deep") from None
        return value, SourceMap(file, root, tree)


# --------------------------------------------------------------------------------------------------- the catalogue


@dataclass
class Catalog:
    """A loaded, validated catalogue: the three files, the settings and where every value came from."""

    root: FsPath
    label: str
    procedures_file: ProceduresFile
    systems_file: SystemsFile
    roadmap_file: RoadmapFile
    settings: Settings
    sources: dict[str, SourceMap]
    paths: dict[str, FsPath]
    _by_id: dict[str, Procedure] | None = field(default=None, repr=False, compare=False)
    _scans: dict[str, TextScan] = field(default_factory=dict, repr=False, compare=False)
    _usages: dict[int, tuple[Procedure, LatestUsage | None]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        return tuple(self.procedures_file.procedures)

    @property
    def systems(self) -> tuple[System, ...]:
        return tuple(self.systems_file.systems)

    @property
    def roadmap(self) -> tuple[RoadmapItem, ...]:
        return tuple(self.roadmap_file.roadmap)

    def procedure(self, pid: str) -> Procedure | None:
        """The procedure with this id, or None."""
        if self._by_id is None:
            self._by_id = {p.id: p for p in self.procedures_file.procedures}
        return self._by_id.get(pid)

    def text_scan(self, file: str) -> TextScan:
        """Every text of ``file`` (procedures, systems or roadmap) at once (:mod:`dxready.catalog.textscan`),
        found once per catalogue."""
        found = self._scans.get(file)
        if found is None:
            from dxready.catalog.textscan import scan

            models = {
                "procedures": self.procedures_file,
                "systems": self.systems_file,
                "roadmap": self.roadmap_file,
            }
            found = self._scans[file] = scan(models[file])
        return found

    def latest_usage(self, p: Procedure) -> LatestUsage | None:
        """:func:`dxready.catalog.usage.latest_usage` of ``p``, found once per catalogue (a rule and the views
        ask for it of the same procedures). Kept by the procedure's identity, with the procedure itself (so that no
        other model, such as one made for the moment by ``model_copy``, can come to have its address)."""
        kept = self._usages.get(id(p))
        if kept is None:
            kept = self._usages[id(p)] = (p, latest_usage(p))
        return kept[1]

    def locate(self, file: str, path: Path, *, key: bool = False) -> Location:
        source = self.sources.get(file)
        if source is None:
            return Location(self.display(file))
        return source.locate(path, key=key)

    def display(self, file: str) -> str:
        path = self.paths.get(file)
        return str(path) if path is not None else f"{file}.yaml"


EMBEDDED = "(embedded)"
"""The label of the catalogue shipped in the package; renderers word it per language."""


def embedded_catalog() -> FsPath:
    """The catalogue shipped with the package (Kamogawa City)."""
    here = FsPath(__file__).resolve().parent.parent
    packaged = here / "_data"
    if (packaged / "procedures.yaml").is_file():
        return packaged
    return here.parent.parent / "data"  # a source checkout / editable install


def resolve(catalog: str | os.PathLike[str] | None, *, embedded: bool = False) -> tuple[FsPath, str]:
    """--catalog DIR, then $DXREADY_CATALOG, then the current directory when it holds procedures.yaml (a
    catalogue made by ``dxready init``), then ./data when it does, else the embedded copy (``embedded``: that copy
    whatever else there is, as ``check --embedded`` asks)."""
    if embedded:
        return embedded_catalog(), EMBEDDED
    if catalog is not None:
        return FsPath(catalog), str(catalog)
    env = os.environ.get("DXREADY_CATALOG")
    if env:
        return FsPath(env), env
    if FsPath("procedures.yaml").is_file():
        return FsPath("."), "."
    local = FsPath("data")
    if (local / "procedures.yaml").is_file():
        return local, "data"
    return embedded_catalog(), EMBEDDED


def display_name(root: FsPath, file: str) -> str:
    return str(root / f"{file}.yaml")


def read_file(path: FsPath, shown: str) -> str:
    return decode(limits.read_bounded(path, shown), shown)


def load_file(path: FsPath, model: type[BaseModel], shown: str | None = None) -> tuple[Any, SourceMap]:
    shown = shown or str(path)
    text = read_file(path, shown)
    data, source = parse(text, shown)
    return validate(model, data, source), source


def load_catalog(catalog: str | os.PathLike[str] | None = None, *, embedded: bool = False) -> Catalog:
    """Resolve, read, parse and validate a catalogue directory.

    Cross-file integrity (duplicate ids, unknown references) is a rule's job: :func:`dxready.engine.integrity.load`
    runs those rules after this and makes their findings fatal. Commands load through it.
    """
    from dxready.catalog.models import FILE_MODELS
    from dxready.catalog.settings import Settings

    root, label = resolve(catalog, embedded=embedded)
    if not root.exists():
        raise _problem(
            UNREADABLE, str(root), 0, 0, "カタログのディレクトリがありません", "catalogue directory not found"
        )
    if not root.is_dir():
        raise _problem(
            UNREADABLE,
            str(root),
            0,
            0,
            "カタログはディレクトリで指定してください",
            "a catalogue is a directory",
        )
    problems: list[Problem] = []
    more = 0
    models: dict[str, Any] = {}
    sources: dict[str, SourceMap] = {}
    paths: dict[str, FsPath] = {}
    for name in (*FILES, SETTINGS):
        path = root / f"{name}.yaml"
        shown = display_name(root, name)
        if not path.exists() and name != "procedures":
            # The defaults, valid as written: made without building the model's validator (pydantic builds it on
            # first use, a few milliseconds of every check in a catalogue without a settings file).
            models[name] = (Settings if name == SETTINGS else FILE_MODELS[name]).model_construct()
            continue
        paths[name] = path
        model = Settings if name == SETTINGS else FILE_MODELS[name]
        try:
            models[name], sources[name] = load_file(path, model, shown)
        except LoadError as exc:
            problems.extend(exc.problems)
            more += exc.more
    if problems:
        raise LoadError(problems, more)
    result = Catalog(
        root=root,
        label=label,
        procedures_file=models["procedures"],
        systems_file=models["systems"],
        roadmap_file=models["roadmap"],
        settings=models[SETTINGS],
        sources=sources,
        paths=paths,
    )
    return result
