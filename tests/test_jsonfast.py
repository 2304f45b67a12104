"""render/jsonfast.dumps writes exactly what json.dumps(..., ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxready.render.jsonfast import Lazy, chunks, dumps, utf8_chunks
from dxready.render.safe import JSON_ESCAPED, json_inert

_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(), max_size=12)
    | st.sampled_from(
        ["○", "一部", "\u2028", '"\\/', "\x00\x1f\x7f", "\U0001f600", "a\u202eb", "\x85", "\U000e0041"]
    )
)
_KEYS = st.text(max_size=6) | st.integers() | st.booleans() | st.none() | st.floats()
_JSON = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4) | st.tuples(inner, inner)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(data=_JSON)
def test_same_bytes_as_json(data: Any) -> None:
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


class Colour(str, enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    TWO = 2


def test_subclasses_and_odd_values() -> None:
    data = {
        Colour.RED: [Colour.RED, Level.TWO, (1, 2)],
        Level.TWO: {"x": math.inf, "y": -math.inf, "z": math.nan},
        1.5: [],
        None: {},
        True: [[]],
    }
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): 1})


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(_KEYS, _JSON | st.lists(_JSON, max_size=5), max_size=5), lazy=st.booleans())
def test_chunks_join_to_the_same_bytes(data: dict[Any, Any], lazy: bool) -> None:
    """Written in pieces, with lists made while writing (Lazy), the bytes are json's all the same."""
    expected = json.dumps(data, ensure_ascii=False, indent=2)
    given_ = {k: Lazy(iter(v)) if lazy and type(v) is list else v for k, v in data.items()}
    assert "".join(chunks(given_)) == expected
    again = {k: Lazy(iter(v)) if lazy and type(v) is list else v for k, v in data.items()}
    assert "".join(chunks(again, escape=json_inert, escaped=JSON_ESCAPED)) == json_inert(expected)  # the sink
    # As UTF-8 (what gaps -f json writes): the sink leaves no lone surrogate to encode.
    once_more = {k: Lazy(iter(v)) if lazy and type(v) is list else v for k, v in data.items()}
    written = b"".join(utf8_chunks(once_more, escape=json_inert, escaped=JSON_ESCAPED))
    assert written == json_inert(expected).encode("utf-8")


def test_chunks_are_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    from dxready.render import jsonfast

    monkeypatch.setattr(jsonfast, "_CHUNK", 3)
    data = {"a": Lazy({"n": i, "s": "日本"} for i in range(50)), "b": list(range(10))}
    pieces = list(chunks(data))
    assert len(pieces) > 10
    assert "".join(pieces) == json.dumps(
        {"a": [{"n": i, "s": "日本"} for i in range(50)], "b": list(range(10))}, ensure_ascii=False, indent=2
    )


def test_items_orjson_would_write_otherwise_take_the_python_writer() -> None:
    """Floats with an exponent, NaN, big ints, non-str keys, tuples, lone surrogates and what the sink escapes: the
    C writer is not used for those items, and the bytes are json's."""
    items = [
        {"rate": 1e-05, "n": 1},
        {"x": math.nan},
        {"big": 2**70},
        {1: "int key"},
        {"t": (1, 2)},
        {"s": "lone \ud800 surrogate"},
        {"s": "zero\u200bwidth", "a": "del\x7f"},
        {"ok": [0.5, -0.0, 123.25, "○", None, True]},
    ]
    data = {"procedures": Lazy(iter(items))}
    expected = json.dumps({"procedures": items}, ensure_ascii=False, indent=2)
    assert "".join(chunks(data)) == expected
    again = {"procedures": Lazy(iter(items))}
    assert "".join(chunks(again, escape=json_inert, escaped=JSON_ESCAPED)) == json_inert(expected)
    once_more = {"procedures": Lazy(iter(items))}
    written = b"".join(utf8_chunks(once_more, escape=json_inert, escaped=JSON_ESCAPED))
    assert written == json_inert(expected).encode("utf-8")


def test_the_c_writer_takes_plain_items_and_leaves_the_rest() -> None:
    from dxready.render.jsonfast import _orjson_writer

    fast = _orjson_writer(json_inert, JSON_ESCAPED)
    assert fast is not None
    plain = {"id": "p-1", "name": "手続（申請）", "n": [1, 0.5, None, True], "sub": {"k": []}}
    assert fast(plain) == json.dumps(plain, ensure_ascii=False, indent=2).encode("utf-8")
    assert fast({"name": "zero\u200bwidth"}) is None
    assert fast({"rate": 1e-05}) is None
    assert _orjson_writer(str.upper, None) is None  # another sink: the Python writer only


def test_the_sink_escapes_only_what_isprintable_refuses() -> None:
    """jsonfast passes printable text without searching it for the sink's characters: every one of them must be a
    character that str.isprintable refuses (checked over every code point of this Python's Unicode database)."""
    import sys

    printable_escaped = [
        hex(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable() and JSON_ESCAPED.match(chr(c))
    ]
    assert printable_escaped == []


def test_printable_non_ascii_text_is_written_as_it_is() -> None:
    data = {"s": Lazy(iter([{"name": "手続（申請）※①", "k": ["é", "\u3000全角"]}])), "t": "名前\u200b"}
    expected = json.dumps(
        {"s": [{"name": "手続（申請）※①", "k": ["é", "\u3000全角"]}], "t": "名前\u200b"},
        ensure_ascii=False,
        indent=2,
    )
    assert "".join(chunks(data, escape=json_inert, escaped=JSON_ESCAPED)) == json_inert(expected)
    assert "\\u200b" in json_inert(expected)
    data = {"s": Lazy(iter([{"name": "手続（申請）※①", "k": ["é", "\u3000全角"]}])), "t": "名前\u200b"}
    written = b"".join(utf8_chunks(data, escape=json_inert, escaped=JSON_ESCAPED))
    assert written == json_inert(expected).encode("utf-8")


def test_utf8_chunks_refuse_a_lone_surrogate_without_the_sink() -> None:
    with pytest.raises(UnicodeEncodeError):
        b"".join(utf8_chunks({"s": "\ud800"}))


def test_write_puts_utf8_pieces_between_text_pieces_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """render.safe.write: bytes pieces go to a UTF-8 stdout's byte stream as they are, after the text before them;
    a stream of another encoding (or without a byte stream) gets them decoded, as text."""
    import io
    import sys

    from dxready.render.safe import write

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8"))
    write(["{\n", "手続".encode(), "（", "\u3000".encode(), "}\n"])
    assert raw.getvalue().decode("utf-8") == "{\n手続（\u3000}\n"
    legacy = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(legacy, encoding="cp932", errors="replace"))
    write(["a", "手続".encode(), "é".encode()])
    assert legacy.getvalue() == "a手続?".encode("cp932")
    text = io.StringIO()
    monkeypatch.setattr(sys, "stdout", text)
    write([b"x", "\u3000".encode()])
    assert text.getvalue() == "x\u3000"


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.dictionaries(st.text(max_size=6), _JSON, max_size=4) | _JSON, max_size=150))
def test_vouched_items_in_runs_are_json(items: list[Any]) -> None:
    """Items vouched for by their producer are written by the C writer in runs (jsonfast._runs, _batch_writer): the
    same bytes as json where the vouch is true (plain mappings), and where a run holds what the C writer refuses."""
    from dxready.render.jsonfast import _plain

    def vouch(item: Any) -> bool:
        return type(item) is dict and _plain(item, JSON_ESCAPED.search, set())

    expected = json_inert(json.dumps({"p": items, "n": 1}, ensure_ascii=False, indent=2))
    data = {"p": Lazy(iter(items), vouch), "n": 1}
    assert b"".join(utf8_chunks(data, escape=json_inert, escaped=JSON_ESCAPED)) == expected.encode("utf-8")
    refused = [{"a": i} for i in range(70)] + [{"big": 2**70}] + [{"b": "x"}] * 3
    expected = json.dumps({"p": refused}, ensure_ascii=False, indent=2)
    data = {"p": Lazy(iter(refused), lambda item: True)}  # the big int: the C writer refuses its run
    assert b"".join(utf8_chunks(data, escape=json_inert, escaped=JSON_ESCAPED)) == expected.encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(items=st.lists(st.dictionaries(st.text(max_size=6), _JSON, max_size=4) | _JSON, max_size=150))
def test_paired_items_are_json(items: list[Any]) -> None:
    """Items given with their producer's word (Lazy(..., paired=True), gaps' procedures): json's bytes where the word
    is the true one, as text and as UTF-8, and in a list nothing vouches for (chunks without a sink)."""
    from dxready.render.jsonfast import _plain

    pairs = [(item, type(item) is dict and _plain(item, JSON_ESCAPED.search, set())) for item in items]
    expected = json_inert(json.dumps({"p": items, "n": 1}, ensure_ascii=False, indent=2))
    data = {"p": Lazy(iter(pairs), paired=True), "n": 1}
    assert b"".join(utf8_chunks(data, escape=json_inert, escaped=JSON_ESCAPED)) == expected.encode("utf-8")
    data = {"p": Lazy(iter(pairs), paired=True), "n": 1}
    assert "".join(chunks(data, escape=json_inert, escaped=JSON_ESCAPED)) == expected
    data = {"p": Lazy(iter([(item, True) for item in items]), paired=True), "n": 1}
    plain = json.dumps({"p": items, "n": 1}, ensure_ascii=False, indent=2)
    assert "".join(chunks(data)) == plain  # no sink: the word is not taken


def test_a_paired_word_is_taken() -> None:
    """The producer's word is what decides (it is not looked at again): a float json writes with an exponent, vouched
    for, is the C writer's; not vouched for, json's."""
    items = [{"rate": 1e-05}]
    for word, written in ((True, b'"rate": 0.00001'), (False, b'"rate": 1e-05')):
        data = {"p": Lazy(iter([(item, word) for item in items]), paired=True)}
        assert written in b"".join(utf8_chunks(data, escape=json_inert, escaped=JSON_ESCAPED))
