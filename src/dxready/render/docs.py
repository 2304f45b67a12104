"""Rule documentation for ``dxready rules`` and ``dxready explain``: read from each rule module's docstring."""

from __future__ import annotations

import inspect
import json
import re
import textwrap
from dataclasses import dataclass

SECTIONS = ("Why it matters", "Fails", "Passes")
_HEADER = re.compile(r"^(Why it matters|Fails|Passes):\s*$")


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    severity: str
    summary_ja: str
    summary_en: str
    description: str
    description_ja: str
    sections: dict[str, str]
    why_ja: str
    next_step_ja: str
    next_step_en: str

    def summary(self, lang: str) -> str:
        return self.summary_ja if lang == "ja" else self.summary_en


def parse_docstring(doc: str) -> tuple[str, dict[str, str]]:
    """(description before the first section, {section: dedented body})."""
    text = inspect.cleandoc(doc)
    description: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match:
            current = sections.setdefault(match.group(1), [])
            continue
        (description if current is None else current).append(line)
    return "\n".join(description).strip(), {
        k: textwrap.dedent("\n".join(v)).strip("\n") for k, v in sections.items()
    }


_LITERAL = re.compile(r"``([^`]+)``")


def _plain_rst(text: str) -> str:
    """Docstrings use reST literals (``x``); a terminal reader wants `x`."""
    return _LITERAL.sub(r"`\1`", text)


_ITEM = re.compile(r"(?:[-*•]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Prose as paragraphs of one line each, for the terminal to wrap: a docstring's lines are broken where its source
    is 120 columns wide, not where the reader's terminal is. A blank line still separates paragraphs; a list item
    (``- x``, ``1. x``) or an indented line (an example) starts a line of its own, as written."""
    out: list[str] = []
    joinable = False
    for line in text.splitlines():
        body = line.strip()
        if not body:
            out.append("")
            joinable = False
        elif joinable and line == line.lstrip() and not _ITEM.match(body):
            out[-1] += " " + body
        else:
            out.append(line.rstrip())
            joinable = line == line.lstrip()  # an indented line is an example's: kept as it is
    return "\n".join(out)


def docs() -> list[RuleDoc]:
    from dxready.rules import ALL

    out = []
    for rule in ALL:
        description, sections = parse_docstring(_plain_rst(rule.__doc__ or ""))
        out.append(
            RuleDoc(
                code=rule.CODE,
                name=rule.NAME,
                severity=rule.SEVERITY.value,
                summary_ja=rule.SUMMARY.ja,
                summary_en=rule.SUMMARY.en,
                description=description,
                description_ja=rule.DESCRIPTION_JA,
                sections=sections,
                why_ja=rule.WHY_JA,
                next_step_ja=rule.NEXT_STEP.ja,
                next_step_en=rule.NEXT_STEP.en,
            )
        )
    return out


def rule_list(lang: str, fmt: str) -> str:
    items = docs()
    if fmt == "json":
        return (
            json.dumps(
                {
                    "schema_version": 1,
                    "rules": [
                        {"code": d.code, "name": d.name, "severity": d.severity, "summary": d.summary(lang)}
                        for d in items
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if fmt == "markdown":
        from dxready.catalog.settings import Severity as _Severity

        rows = [
            f"| {d.code} | {d.name} | {_Severity(d.severity).label(lang)} | {d.summary(lang)} |"
            for d in items
        ]
        head = "| code | name | severity | summary |" if lang == "en" else "| コード | 名前 | 重大度 | 概要 |"
        return "\n".join([head, "|---|---|---|---|", *rows]) + "\n"
    from rich.cells import cell_len

    from dxready.catalog.settings import Severity
    from dxready.render.wrap import terminal_width, wrap

    width = max(len(d.name) for d in items)
    lines = []
    for d in items:
        severity = Severity(d.severity).label(lang)
        pad = 7 - len(severity) * (2 if lang == "ja" else 1)
        lines.append(f"{d.code}  {d.name:<{width}}  {severity}{' ' * max(pad, 1)}  {d.summary(lang)}")
    columns = terminal_width()
    if all(cell_len(line) <= columns for line in lines):
        return "\n".join(lines) + "\n"
    # Too narrow for one row per rule: a record of two lines each, the summary wrapped under the code.
    lines = []
    for d in items:
        lines.append(f"{d.code}  {Severity(d.severity).label(lang)}  {d.name}")
        lines += wrap(d.summary(lang), columns, indent="       ", first="       ")
    return "\n".join(lines) + "\n"


def rules_table(lang: str) -> str:
    return rule_list(lang, "table")


def rules_markdown(lang: str) -> str:
    return rule_list(lang, "markdown")


def rules_json(lang: str) -> str:
    return rule_list(lang, "json")


def _after_summary(description: str, summary: str) -> str:
    """The docstring's description without its first line, the summary that explain has just shown (Japanese has
    ``DESCRIPTION_JA`` for what follows the summary, and shows the summary once too)."""
    first, _, rest = description.partition("\n\n")
    return rest.strip() if first.strip().rstrip(".") == summary else description


def explain_rule(code: str, lang: str) -> str | None:
    doc = next((d for d in docs() if d.code == code), None)
    if doc is None:
        return None
    from dxready.catalog.settings import Severity
    from dxready.render.wrap import terminal_width, wrap

    indent = "    "
    columns = terminal_width()

    def block(text: str) -> str:
        # Example YAML keeps its lines (``prose`` reflows a paragraph first); each line is wrapped in cells.
        out = []
        for line in text.splitlines():
            lead = indent + line[: len(line) - len(line.lstrip())]
            out += wrap(line.strip(), columns, indent=lead, first=lead) if line.strip() else [""]
        return "\n".join(out)

    if lang == "ja":
        parts = [
            *wrap(f"{doc.code} {doc.name}（既定の重大度: {Severity(doc.severity).label('ja')}）", columns),
            "",
            *wrap(doc.summary_ja, columns),
            "",
            *wrap(reflow(doc.description_ja), columns),
            "",
            "なぜ重要か:",
            block(reflow(doc.why_ja)),
            "",
            "不合格の例:",
            block(doc.sections.get("Fails", "")),
            "",
            "合格の例:",
            block(doc.sections.get("Passes", "")),
            "",
            "次の一手:",
            block(reflow(doc.next_step_ja)),
            "",
            "（English: dxready explain " + doc.code + " --lang en）",
        ]
    else:
        parts = [
            *wrap(f"{doc.code} {doc.name} (default severity: {doc.severity})", columns),
            "",
            *wrap(doc.summary_en, columns),
            "",
            *wrap(reflow(_after_summary(doc.description, doc.summary_en)), columns),
            "",
            "Why it matters:",
            block(reflow(doc.sections.get("Why it matters", ""))),
            "",
            "Fails:",
            block(doc.sections.get("Fails", "")),
            "",
            "Passes:",
            block(doc.sections.get("Passes", "")),
            "",
            "Next step:",
            block(reflow(doc.next_step_en)),
        ]
    return "\n".join(parts).rstrip() + "\n"
