"""YAML → models with a source map. The one place where parser positions (0-based) become 1-based.

Every problem that makes a catalogue unusable is raised as :class:`LoadError` holding located problems; nothing else
escapes. Parsing uses ruamel.yaml's C parser (``ruamel.yaml.clib``) to compose nodes, and a small walker of our own
turns nodes into plain values while recording where each value and key stood, detecting duplicate keys, refusing
unsupported tags and bounding alias expansion.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from dxready.catalog import limits
from dxready.catalog.limits import excerpt
from dxready.catalog.problems import DUPLICATE_KEY as DUPLICATE_KEY
from dxready.catalog.problems import SCHEMA_VIOLATION as SCHEMA_VIOLATION
from dxready.catalog.problems import UNREADABLE as UNREADABLE
from dxready.catalog.problems import LoadError as LoadError
from dxready.errors import Problem as Problem  # re-exported: the loader's problems
from dxready.findings import Location, Msg, Path

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from dxready.catalog.models import (
        Procedure,
        ProceduresFile,
        RoadmapFile,
        RoadmapItem,
        System,
        SystemsFile,
    )
    from dxready.catalog.settings import Settings

MAX_BYTES = limits.MAX_BYTES
MAX_DEPTH = limits.MAX_DEPTH
FILES = ("procedures", "systems", "roadmap")
SETTINGS = "dxready"


@dataclass
class SourceMap:
    """Where each value (and each mapping key) stood in one file, by path from the document root."""

    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Iterable[object], *, key: bool = False) -> Location:
        parts = tuple(p for p in path if isinstance(p, str | int))
        if not key and parts in self.values:  # the common case: the exact value
            line, col = self.values[parts]
            return Location(self.file, line, col)
        for n in range(len(parts), -1, -1):
            prefix = parts[:n]
            if key and prefix in self.keys:
                line, col = self.keys[prefix]
                return Location(self.file, line, col)
            if prefix in self.values:
                line, col = self.values[prefix]
                return Location(self.file, line, col)
        return Location(self.file, 1, 1)


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
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_INT = "tag:yaml.org,2002:int"


def yaml_int(text: str) -> int:
    """A YAML 1.2 integer written in decimal; ValueError for 0x…, 0o…, 0b… (a catalogue records counts and numbers,
    and a hexadecimal one is a mistake or a disguise) and for more than 4,300 digits."""
    text = text.replace("_", "")
    body = text.lstrip("+-")
    if body[:2].lower() in ("0o", "0x", "0b"):
        raise ValueError("write integers in decimal (0x…, 0o…, 0b… are not accepted)")
    return int(text, 10)


def yaml_float(text: str) -> float:
    low = text.lower().replace("_", "")
    if low.lstrip("+-") in (".inf", "inf"):
        return float("-inf") if low.startswith("-") else float("inf")
    if low in (".nan", "nan"):
        return float("nan")
    return float(low)


def yaml_timestamp(text: str) -> dt.date | dt.datetime:
    text = text.strip()
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text.replace("t", "T").replace(" ", "T", 1).replace("Z", "+00:00"))


_SCALARS: dict[str, Any] = {
    _INT: yaml_int,
    "tag:yaml.org,2002:float": yaml_float,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:timestamp": yaml_timestamp,
}


class _Walker:
    """Nodes → plain values, recording 1-based positions; duplicate keys, odd tags and alias bombs are problems."""

    def __init__(self, file: str, budget: int, positions: bool = True) -> None:
        self.file = file
        self.budget = budget
        self.positions = positions
        self.source = SourceMap(file)

    def fail(self, node: Any, ja: str, en: str, code: str = UNREADABLE) -> LoadError:
        mark = node.start_mark
        return _problem(code, self.file, mark.line + 1, mark.column + 1, ja, en)

    def walk(self, node: Any, path: Path, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                "エイリアス（*参照）の展開が大きすぎます。アンカーとエイリアスを使わずに書いてください",
                "aliases expand to too much data (an alias bomb?); write the data without anchors and aliases",
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, "入れ子が深すぎます", f"nesting is deeper than {MAX_DEPTH} levels")
        if self.positions:
            mark = node.start_mark
            self.source.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _MAP:
            result: dict[Any, Any] = {}
            firsts: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.key(key_node)
                if key in result:
                    first = firsts[key]
                    raise self.fail(
                        key_node,
                        f"キー {excerpt(key)} が重複しています（最初は {first.line + 1} 行 {first.column + 1} 列）",
                        f"duplicate key {excerpt(key)} (first at line {first.line + 1}, column {first.column + 1})",
                        code=DUPLICATE_KEY,
                    )
                firsts[key] = key_node.start_mark
                sub = (*path, key)
                if self.positions:
                    mark = key_node.start_mark
                    self.source.keys[sub] = (mark.line + 1, mark.column + 1)
                result[key] = self.walk(value_node, sub, depth + 1)
            return result
        if tag == _SEQ:
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if tag in _SCALARS:
            try:
                return _SCALARS[tag](node.value)
            except (ValueError, OverflowError) as exc:  # e.g. the date 2023-02-30
                raise self.fail(
                    node,
                    f"値 {excerpt(node.value)} を読めません",
                    f"cannot read value {excerpt(node.value)}: {excerpt(str(exc))}",
                ) from None
        raise self.fail(
            node,
            f"タグ {tag} は使えません",
            f"tag {tag} is not supported (only plain YAML values)",
        )

    def key(self, node: Any) -> str | int:
        if node.tag == "tag:yaml.org,2002:merge":
            raise self.fail(node, "マージキー（<<）は使えません", "merge keys (<<) are not supported")
        if node.tag == _STR:
            return str(node.value)
        if node.tag == _INT:
            try:
                return yaml_int(node.value)
            except ValueError:  # over 4,300 digits
                raise self.fail(
                    node, f"キー {excerpt(node.value)} を読めません", f"cannot read key {excerpt(node.value)}"
                ) from None
        if node.tag in _SCALARS:
            return str(node.value)
        raise self.fail(node, "キーは文字列にしてください", "a mapping key must be a plain string")


_LOADER: Any = None
TAGS: dict[str, Any] = {}
"""One shared Tag object per resolved tag, so that the walker below compares tags by identity."""
_MEMO: dict[str, Any] = {}
"""Plain scalar → its Tag (values repeat across catalogues: keys, marks, names)."""
_MEMO_LIMIT = 200_000


def _loader_class() -> Any:
    """ruamel.yaml's C parser with a resolver that memoises plain scalars' tags (built once)."""
    global _LOADER
    if _LOADER is None:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
        from ruamel.yaml.nodes import ScalarNode, SequenceNode
        from ruamel.yaml.resolver import VersionedResolver

        for tag in (
            VersionedResolver.DEFAULT_SCALAR_TAG,
            VersionedResolver.DEFAULT_SEQUENCE_TAG,
            VersionedResolver.DEFAULT_MAPPING_TAG,
        ):
            TAGS[str(tag)] = tag

        class MemoResolver(VersionedResolver):
            # The C parser never reports a %YAML directive to the resolver, so ruamel's own resolver always ends up
            # at its default version (1.2), after two AttributeErrors per scalar. The tables are the same.
            @property
            def processing_version(self) -> Any:
                return (1, 2)

            def descend_resolver(self, current_node: Any, current_index: Any) -> None:
                pass  # path resolvers are never registered here

            def ascend_resolver(self) -> None:
                pass

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                if kind is ScalarNode:
                    if implicit[0]:
                        tag = _MEMO.get(value)
                        if tag is None:
                            found = VersionedResolver.resolve(self, kind, value, implicit)
                            tag = TAGS.setdefault(str(found), found)
                            if len(_MEMO) < _MEMO_LIMIT:
                                _MEMO[value] = tag
                        return tag
                    return self.DEFAULT_SCALAR_TAG
                if kind is SequenceNode:
                    return self.DEFAULT_SEQUENCE_TAG
                return self.DEFAULT_MAPPING_TAG

        class Loader(CParser, MemoResolver):  # type: ignore[misc]
            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                self._parser = self._composer = self
                MemoResolver.__init__(self, loadumper=self)

        _LOADER = Loader
    return _LOADER


def fast_compose(text: str) -> Any:
    """The node tree of ``text`` (first document), as ``YAML(typ="safe").compose`` gives it."""
    loader = _loader_class()(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
        # The loader refers to itself (parser, composer, resolver): break the cycles so that it is freed now.
        loader._parser = loader._composer = loader._resolver = loader.loadumper = None


def reset_scalar_memo() -> None:
    """Forget memoised scalar tags (a long run, such as compare, calls this to stay bounded and repeatable)."""
    _MEMO.clear()


def parse(text: str, file: str, *, positions: bool = True) -> tuple[Any, SourceMap]:
    """Text → plain values and their source map. Raises LoadError (DX001/DX002) with a located message."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from dxready.perf import collector_paused

    directive = _YAML_DIRECTIVE.search(text)
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
    limits.check_shape(text, file)
    with collector_paused():
        try:
            node = fast_compose(text)
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
        if node is None:
            return None, SourceMap(file)
        walker = _Walker(file, budget=min(len(text), limits.MAX_NODES) + 10_000, positions=positions)
        try:
            value = walker.walk(node, (), 0)
        except RecursionError:
            raise _problem(UNREADABLE, file, 1, 1, "入れ子が深すぎます", "nesting is too deep") from None
        return value, walker.source


# --------------------------------------------------------------------------------------------------- values → models

_TYPE_JA = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "未知のキーです",
    "enum": "使えない値です",
    "literal_error": "使えない値です",
    "int_type": "整数を書いてください",
    "int_parsing": "整数を書いてください",
    "bool_type": "true または false を書いてください",
    "bool_parsing": "true または false を書いてください",
    "string_type": "文字列を書いてください",
    "string_pattern_mismatch": "書式が違います",
    "string_too_short": "空にできません",
    "string_too_long": "長すぎます",
    "too_long": "項目が多すぎます",
    "finite_number": "有限の数を書いてください",
    "date_type": "日付（YYYY-MM-DD）を書いてください",
    "date_parsing": "日付（YYYY-MM-DD）を書いてください",
    "date_from_datetime_parsing": "日付（YYYY-MM-DD）を書いてください",
    "list_type": "リスト（- で始まる行）を書いてください",
    "model_type": "マッピング（キー: 値）を書いてください",
    "model_attributes_type": "マッピング（キー: 値）を書いてください",
    "dict_type": "マッピング（キー: 値）を書いてください",
    "greater_than_equal": "値が小さすぎます",
    "greater_than": "値が小さすぎます",
    "less_than_equal": "値が大きすぎます",
    "value_error": "値が不正です",
}


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model at ``loc`` accepts (for 'did you mean')."""
    import typing

    from pydantic import BaseModel as _BaseModel

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, _BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return list(current.model_fields)
        current = info.annotation
        for _ in range(4):  # unwrap Optional[list[Model]] and the like
            args = [a for a in typing.get_args(current) if a is not type(None)]
            if isinstance(current, type) and issubclass(current, _BaseModel):
                break
            models = [a for a in args if isinstance(a, type) and issubclass(a, _BaseModel)]
            if models:
                current = models[0]
                break
            if args:
                current = args[0]
    if isinstance(current, type) and issubclass(current, _BaseModel):
        return list(current.model_fields)
    return []


_ID_FIELDS = frozenset({"id", "systems", "procedures", "links", "roadmap"})


def _explain(error: Any, model: type[BaseModel], data: Any) -> Msg:
    loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
    kind = error["type"]
    # file:line:col already says where; the field's own name says what.
    name = next((excerpt_key(p) for p in reversed(loc) if isinstance(p, str)), "(document)")
    en = error["msg"]
    ja = _TYPE_JA.get(kind, "値が不正です")
    if kind == "extra_forbidden":
        key = excerpt_key(loc[-1])
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1])[:100], allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        hint_ja = f"（'{close[0]}' の誤りですか？）" if close else ""
        listing = ", ".join(allowed)
        return Msg(
            f"未知のキー '{key}' です{hint_ja}。使えるキー: {listing}",
            f"unknown key '{key}'{hint}; allowed keys: {listing}",
        )
    if kind == "missing":
        return Msg(
            f"必須の項目 '{excerpt_key(loc[-1])}' がありません",
            f"required key '{excerpt_key(loc[-1])}' is missing",
        )
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        got = error.get("input")
        expected_ja = expected
        if loc and loc[-1] == "status":
            expected = "online, partial, offline, not_applicable, unknown, or a mark ○ 一部 × —"
            expected_ja = "○ 一部 × — ？ の記号、または online, partial, offline, not_applicable, unknown"
        return Msg(
            f"{name}: {excerpt(got)} は使えません。使える値: {expected_ja}",
            f"{name}: {excerpt(got)} is not allowed; expected one of {expected}",
        )
    if kind == "value_error":
        cause = error.get("ctx", {}).get("error", en)
        text = excerpt_key(cause, 300)
        # A DateError says why in both languages.
        ja = excerpt_key(getattr(cause, "ja", text), 300)
        return Msg(f"{name}: {ja}", f"{name}: {excerpt_key(getattr(cause, 'en', text), 300)}")
    field_name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "string_pattern_mismatch" and field_name in _ID_FIELDS:
        return Msg(
            f"{name}: {excerpt(error.get('input'))} は id の書式（半角英小文字・数字・ハイフン）ではありません",
            f"{name}: {excerpt(error.get('input'))} is not an id (lowercase letters, digits and hyphens)",
        )
    got = error.get("input")
    shown = "" if isinstance(got, dict | list) else f"（{excerpt(got)}）"
    shown_en = "" if isinstance(got, dict | list) else f" (got {excerpt(got)})"
    return Msg(f"{name}: {ja}{shown}", f"{name}: {excerpt_key(en, 300)}{shown_en}")


def excerpt_key(value: object, limit: int = limits.EXCERPT) -> str:
    """A key or message as text, cut like :func:`excerpt` (without quotes)."""
    text = str(value) if not isinstance(value, int) else excerpt(value)
    return text if len(text) <= limit else f"{text[:limit]}…（{len(text):,} 文字 / chars）"


def validate(model: type[BaseModel], data: Any, source: SourceMap) -> Any:
    """Plain values → a model instance, or LoadError (DX003) with each error at its line and column."""
    from pydantic import ValidationError

    if data is None:
        data = {}
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        if required:
            keys = ", ".join(required)
            raise LoadError(
                [
                    Problem(
                        SCHEMA_VIOLATION,
                        source.locate(()),
                        Msg(
                            f"ファイルが空です。少なくとも {keys} が必要です",
                            f"the file is empty; it needs at least: {keys}",
                        ),
                    )
                ]
            )
    if not isinstance(data, dict):
        loc = source.locate(())
        kind = "リスト" if isinstance(data, list) else "値"
        raise LoadError(
            [
                Problem(
                    SCHEMA_VIOLATION,
                    loc,
                    Msg(
                        f"ファイルの最上位は マッピング（キー: 値）にしてください（{kind}が書かれています）",
                        "the top level of the file must be a mapping (key: value)",
                    ),
                )
            ]
        )
    model.model_rebuild()
    from dxready.catalog.normalise import normalise_identifiers

    try:
        return model.model_validate(normalise_identifiers(data))
    except ValidationError as exc:
        found, more = _problems(exc, model, data, source)
        raise LoadError(found, more) from None


def _problems(
    exc: ValidationError, model: type[BaseModel], data: Any, source: SourceMap
) -> tuple[list[Problem], int]:
    problems: dict[tuple[Location, str], Problem] = {}
    errors, more = limits.bounded_errors(exc, model, data)
    # A misspelt key also makes the right one "missing": report the misspelling only.
    suggested: set[tuple[Any, Any]] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            allowed = _field_names(model, loc[:-1])
            suggested.update(
                (loc[:-1], m) for m in difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            )
    for error in errors:
        kind = error["type"]
        if kind == "missing" and suggested:
            loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
            if (loc[:-1], loc[-1]) in suggested:
                continue
        if len(problems) >= limits.MAX_PROBLEMS:  # counted, not explained nor kept
            more += 1
            continue
        loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
        location = source.locate(loc, key=error["type"] == "extra_forbidden")
        msg = _explain(error, model, data)
        problems.setdefault((location, msg.en), Problem(SCHEMA_VIOLATION, location, msg))
    return sorted(problems.values(), key=lambda p: (p.location.line, p.location.column)), more


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


def resolve(catalog: str | os.PathLike[str] | None) -> tuple[FsPath, str]:
    """--catalog DIR, then $DXREADY_CATALOG, then the current directory when it holds procedures.yaml (a
    catalogue made by ``dxready init``), then ./data when it does, else the embedded copy."""
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


def load_catalog(catalog: str | os.PathLike[str] | None = None) -> Catalog:
    """Resolve, read, parse and validate a catalogue directory.

    Cross-file integrity (duplicate ids, unknown references) is a rule's job: :func:`dxready.engine.integrity.load`
    runs those rules after this and makes their findings fatal. Commands load through it.
    """
    from dxready.catalog.models import FILE_MODELS
    from dxready.catalog.settings import Settings

    root, label = resolve(catalog)
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
            models[name] = Settings() if name == SETTINGS else FILE_MODELS[name]()
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
