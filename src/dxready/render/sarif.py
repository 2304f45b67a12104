"""SARIF 2.1.0 for ``check --format sarif``: what GitHub code scanning and other SARIF viewers read.

One run; the driver lists every rule (id, name, descriptions and help from the rule's docstring, default level);
each finding is a result with its rule's index, level, message, a location relative to the repository root and a
partial fingerprint that does not change when lines move. Waived findings are results with a suppression (the
waiver's reason), so they stay visible as dismissed rather than disappearing. When the catalogue cannot be loaded
the load problems are the results.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    from dxready.catalog.load import LoadError
    from dxready.engine.run import Report
    from dxready.findings import Finding, Location

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_BAND = {"0": "integrity", "1": "readiness", "2": "once-only", "3": "systems", "4": "roadmap"}


def _version() -> str:
    from dxready import __version__

    return __version__


def rules_metadata(lang: str) -> list[dict[str, Any]]:
    """One reportingDescriptor per rule, in the registry's order (``ruleIndex`` points into this list)."""
    from dxready.render.docs import parse_docstring
    from dxready.rules import ALL

    descriptors = []
    for rule in ALL:
        doc = rule.__doc__ or ""
        description, sections = parse_docstring(doc)
        summary = rule.SUMMARY.get(lang)
        why = rule.WHY_JA if lang == "ja" else sections.get("Why it matters", "")
        next_step = rule.NEXT_STEP.get(lang)
        if lang == "ja":  # the docstring is English: in Japanese the rule's DESCRIPTION_JA describes it
            description = rule.DESCRIPTION_JA
        help_md = [f"**{rule.CODE} {rule.NAME}** — {summary}", "", description]
        if why:
            help_md += ["", f"**{'なぜ問題か' if lang == 'ja' else 'Why it matters'}**", "", why]
        for title, title_ja in (("Fails", "報告される例"), ("Passes", "報告されない例")):
            if sections.get(title):
                shown = title_ja if lang == "ja" else title
                help_md += ["", f"**{shown}:**", "", "```yaml", sections[title], "```"]
        help_md += ["", f"**{'次の一手' if lang == 'ja' else 'Next step'}:** {next_step}"]
        help_text = f"{summary}\n\n{description}\n\n{next_step}"
        descriptors.append(
            {
                "id": rule.CODE,
                "name": rule.NAME,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": description or summary},
                "help": {"text": help_text, "markdown": "\n".join(help_md)},
                "defaultConfiguration": {"level": LEVEL[rule.SEVERITY.value]},
                "properties": {
                    "tags": ["dxready", _BAND.get(rule.CODE[2:3], "other")],
                    "precision": "very-high",
                },
            }
        )
    return descriptors


def artifact_uri(file: str, base: Path | None = None) -> str:
    """A location's file as a URI relative to ``base`` (the repository root, %SRCROOT%) when it is inside it; else
    relative to the working directory, or a file URI outside it."""
    from dxready.render.repopath import repo_relative

    inside = repo_relative(file, base)
    if inside is not None:
        return quote(inside, safe="/")
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return path.resolve().as_uri()
    posix = PurePosixPath(*path.parts) if path.parts else PurePosixPath(".")
    return quote(str(posix).replace(os.sep, "/"), safe="/")


def _location(loc: Location | None, base: Path | None) -> list[dict[str, Any]]:
    if loc is None:
        return []
    return [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(loc.file, base), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)},
            }
        }
    ]


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, index: dict[str, int], lang: str, base: Path | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity.value],
        "message": {"text": f.message.get(lang)},
        "locations": _location(f.location, base),
        "partialFingerprints": {
            "dxreadyFinding/v1": _fingerprint(f.code, f.subject.kind, f.subject.id, f.message.en),
        },
        "properties": {"subject": {"kind": f.subject.kind, "id": f.subject.id}},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.next_step is not None:
        result["properties"]["nextStep"] = f.next_step.get(lang)
    if f.waived is not None:
        result["suppressions"] = [{"kind": "external", "justification": f.waived}]
    return result


def _log(results: list[dict[str, Any]], rules: list[dict[str, Any]], lang: str) -> str:
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dxready",
                        "version": _version(),
                        "semanticVersion": _version(),
                        "language": lang,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    from dxready.render.safe import json_dumps

    return json_dumps(log, indent=2) + "\n"


def check(report: Report, lang: str, base: Path | None = None) -> str:
    """``base``: the repository root, which locations are relative to (%SRCROOT%); None: the working directory."""
    rules = rules_metadata(lang)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(f, index, lang, base) for f in (*report.findings, *report.waived)]
    return _log(results, rules, lang)


def load_problems(exc: LoadError, lang: str, base: Path | None = None) -> str:
    rules = rules_metadata(lang)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for p in exc.problems:
        result: dict[str, Any] = {
            "ruleId": p.code,
            "level": "error",
            "message": {"text": p.message.get(lang)},
            "locations": _location(p.location, base),
            "partialFingerprints": {
                "dxreadyFinding/v1": _fingerprint(p.code, artifact_uri(p.location.file, base), p.message.en)
            },
        }
        if p.code in index:
            result["ruleIndex"] = index[p.code]
        results.append(result)
    more = getattr(exc, "more", 0)
    if more:  # the surplus problems: counted, not listed (the loader keeps the first ones only)
        text = f"ほか {more:,} 件の問題があります" if lang == "ja" else f"and {more:,} more problems"
        surplus: dict[str, Any] = {"ruleId": "DX001", "level": "error", "message": {"text": text}}
        if "DX001" in index:
            surplus["ruleIndex"] = index["DX001"]
        results.append(surplus)
    return _log(results, rules, lang)
