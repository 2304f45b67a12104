"""``check --format sarif``: SARIF 2.1.0 with the properties GitHub code scanning requires."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from dxready.cli import app
from dxready.rules import ALL
from tests.helpers.catalogs import copy_shipped, write_example

# The part of sarif-schema-2.1.0.json (OASIS) that GitHub code scanning reads, with its required properties and
# the value constraints of the standard (levels, version, 1-based regions). The full schema is not vendored:
# tests must not fetch anything.
_MESSAGE = {
    "type": "object",
    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
    "properties": {"text": {"type": "string", "minLength": 1}},
}
_LOCATION = {
    "type": "object",
    "required": ["physicalLocation"],
    "properties": {
        "physicalLocation": {
            "type": "object",
            "required": ["artifactLocation", "region"],
            "properties": {
                "artifactLocation": {
                    "type": "object",
                    "required": ["uri"],
                    "properties": {"uri": {"type": "string", "format": "uri-reference", "minLength": 1}},
                },
                "region": {
                    "type": "object",
                    "required": ["startLine"],
                    "properties": {
                        "startLine": {"type": "integer", "minimum": 1},
                        "startColumn": {"type": "integer", "minimum": 1},
                    },
                },
            },
        }
    },
}
SARIF_SUBSET: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "semanticVersion": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "shortDescription", "fullDescription", "help"],
                                            "properties": {
                                                "id": {"type": "string", "pattern": "^DX[0-9]{3}$"},
                                                "shortDescription": _MESSAGE,
                                                "fullDescription": _MESSAGE,
                                                "help": _MESSAGE,
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": {
                                                            "enum": ["none", "note", "warning", "error"]
                                                        }
                                                    },
                                                },
                                                "properties": {
                                                    "type": "object",
                                                    "properties": {
                                                        "tags": {"type": "array", "items": {"type": "string"}}
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "message", "locations", "partialFingerprints"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": _MESSAGE,
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "maxItems": 10,
                                    "items": _LOCATION,
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "suppressions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["kind"],
                                        "properties": {"kind": {"enum": ["inSource", "external"]}},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def _sarif(catalog: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["check", "--catalog", str(catalog), "--format", "sarif", "--as-of", "2025-04-01", *extra]
    )
    return result.exit_code, json.loads(result.stdout)


def _valid(log: dict[str, Any]) -> dict[str, Any]:
    jsonschema.validate(log, SARIF_SUBSET, format_checker=jsonschema.FormatChecker())
    run: dict[str, Any] = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    return run


def test_shipped_catalogue_as_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    copy_shipped(tmp_path / "data")
    code, log = _sarif(Path("data"), "--lang", "en")
    run = _valid(log)
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.CODE for r in ALL]
    assert run["results"], "the shipped catalogue has findings at --as-of 2025-04-01"
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"] for loc in r["locations"]
    }
    assert uris <= {"data/procedures.yaml", "data/systems.yaml", "data/roadmap.yaml"}
    assert code in (0, 1)


def test_rule_metadata_comes_from_the_rule_docs() -> None:
    from dxready.render.sarif import rules_metadata

    dx008 = next(r for r in rules_metadata("en") if r["id"] == "DX008")
    assert dx008["name"] == "group-status-mismatch"
    assert dx008["shortDescription"]["text"] == "A group's status disagrees with its sub-procedures"
    full = dx008["fullDescription"]["text"]
    assert full.startswith("A group's status disagrees with its sub-procedures.\n\nRows such as 子育て関係")
    assert dx008["defaultConfiguration"]["level"] == "error"
    assert "```yaml\nprocedures:\n  - id: childcare" in dx008["help"]["markdown"]
    assert "Set the group's status to what its sub-procedures say" in dx008["help"]["markdown"]


def test_error_finding_location_level_and_absolute_path(tmp_path: Path) -> None:
    catalog, _ = write_example(
        "procedures:\n  - id: a\n    name: 手続\n    status: offline\n"
        "    counts:\n      - {fiscal_year: 2023, total: 1, online: 5}\n",
        tmp_path / "cat",
    )
    code, log = _sarif(catalog.resolve(), "--select", "DX009")
    run = _valid(log)
    assert code == 1
    [result] = run["results"]
    assert result["ruleId"] == "DX009"
    assert result["level"] == "error"
    assert "オンライン件数 5 が総件数 1 を超えています" in result["message"]["text"]
    region = result["locations"][0]["physicalLocation"]["region"]
    text = (catalog / "procedures.yaml").read_text(encoding="utf-8").splitlines()
    assert "online" in text[region["startLine"] - 1]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("/cat/procedures.yaml")  # relative to the working directory, or a file URI outside it


def test_waived_finding_is_a_suppressed_result(tmp_path: Path) -> None:
    catalog, _ = write_example(
        "procedures:\n  - id: a\n    name: 手続\n    status: offline\n"
        "    counts:\n      - {fiscal_year: 2023, total: 1, online: 5}\n"
        "settings:\n  select: [DX009]\n  waivers:\n    - {code: DX009, subject: a, reason: 集計中}\n",
        tmp_path / "cat",
    )
    code, log = _sarif(catalog)
    [result] = _valid(log)["results"]
    assert code == 0
    assert result["suppressions"] == [{"kind": "external", "justification": "集計中"}]


def test_unloadable_catalogue_gives_sarif_with_the_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    copy_shipped(tmp_path / "data")
    (tmp_path / "data" / "roadmap.yaml").write_text("roadmap: [\n", encoding="utf-8")
    code, log = _sarif(Path("data"), "--lang", "en")
    run = _valid(log)
    assert code == 2
    [result] = run["results"]
    assert result["ruleId"] == "DX001"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/roadmap.yaml"
    assert result["message"]["text"].startswith("YAML syntax error")
