"""Short plain-text messages: what ``init`` and ``table --write`` did, and the input errors of every kind (for
stderr).

Catalogue text and option values are data: every line goes through :func:`~dxready.render.safe.oneline`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dxready.render.safe import oneline

if TYPE_CHECKING:
    from dxready.commands.edit_entities import EntityResult
    from dxready.commands.edit_result import Edited, EditResult
    from dxready.commands.scaffold import CopyResult, InitResult
    from dxready.commands.tablefile import BlockUpdate
    from dxready.errors import CatalogError, DxreadyError, GitError, UsageError
    from dxready.findings import Finding, Msg


def _shell_word(path: str) -> str:
    """A directory as a word of a command to copy: as it is (呉市, kure/data), or quoted for the shell when it holds
    a space or a character the shell would read ('my city')."""
    import re
    import shlex

    shown = oneline(path)
    return shown if re.fullmatch(r"[\w@%+=:,./-]+", shown) else shlex.quote(shown)


def init_result(result: InitResult, lang: str) -> str:
    n, subs, shown = result.procedures, result.sub_procedures, oneline(result.directory)
    arg = _shell_word(result.directory)
    who = oneline(f"{result.prefecture}{result.name}")
    if lang == "ja":
        note = (
            ""
            if result.registered
            else "\n注意: この名前と団体コードは国の団体一覧にありません。正しいか確かめてください。"
        )
        return (
            f"{who}（{result.code}）のカタログを作りました: "
            f"標準 {n} 手続（個別手続 {subs} 件）、状況はすべて未確認（unknown）。{note}\n"
            f"  {shown}\n"
            "次に: 手続の状況を記録し、カタログを検査してください。例:\n"
            f"  dxready set 9 --status ○ --catalog {arg}\n"
            f"  dxready check --catalog {arg}\n"
        )
    note = (
        ""
        if result.registered
        else "\nnote: this name and code are not in the national registry; make sure they are right."
    )
    return (
        f"created the catalogue of {who} ({result.code}): "
        f"{n} standard procedures ({subs} sub-procedures), every status unknown.{note}\n"
        f"  {shown}\n"
        "next: record each procedure's status, then check the catalogue, for example:\n"
        f"  dxready set 9 --status ○ --catalog {arg}\n"
        f"  dxready check --catalog {arg}\n"
    )


def copy_result(result: CopyResult, lang: str) -> str:
    """``init --from-embedded``: where the shipped catalogue was copied, and what to do next."""
    shown, files, arg = oneline(result.directory), ", ".join(result.files), _shell_word(result.directory)
    if lang == "ja":
        return (
            f"同梱のカタログ（鴨川市）を {shown} に写しました（{files}）。\n"
            "次に: 状況を更新し、まだオンラインでないものを確かめてください。例:\n"
            f"  dxready set 9 --status ○ --catalog {arg}\n"
            f"  dxready gaps --catalog {arg}\n"
        )
    return (
        f"copied the shipped catalogue (Kamogawa) into {shown} ({files}).\n"
        "next: update the statuses, then see what is not online yet, for example:\n"
        f"  dxready set 9 --status ○ --catalog {arg}\n"
        f"  dxready gaps --catalog {arg}\n"
    )


def edit_result(result: EditResult, lang: str) -> str:
    """``set``/``add`` on procedures.yaml: one head line per target and a line per value written (or already so);
    with several targets, first how many changed and whether the file was written."""
    parts = "".join(_edited(result.file, e, lang) for e in result.edits) + consequences(
        result.new_findings, lang
    )
    if not result.bulk:
        return parts
    changed, n = result.changed, len(result.edits)
    if lang == "ja":
        wrote = "書き込みは 1 回" if changed else "書き込みなし"
        head = f"{result.file}: {n} 件のうち {changed} 件を更新しました（{wrote}）"
    else:
        wrote = "one write" if changed else "nothing written"
        head = f"{result.file}: updated {changed} of {n} targets ({wrote})"
    return oneline(head) + "\n" + parts


def _edited(shown: str, e: Edited, lang: str) -> str:
    what = e.ident + (f" (No.{e.standard_no})" if e.standard_no is not None else "")
    if lang == "ja":
        head = (
            f"{shown}: {what} を{'追加' if e.added else '更新'}しました"
            if e.changed
            else f"{shown}: {what} は変更なし（既にその値です）"
        )
    else:
        verb = "added" if e.added else "updated"
        head = f"{shown}: {verb} {what}" if e.changed else f"{shown}: {what} unchanged (already so)"
    return "".join(oneline(line) + "\n" for line in [head, *(f"  {m.get(lang)}" for m in e.said)])


FINDINGS_SHOWN = 10
"""At most this many new findings are listed after an edit; the rest are counted (``dxready check`` lists them)."""


def consequences(findings: Sequence[Finding], lang: str) -> str:
    """The errors and warnings an edit makes ``dxready check`` report that it did not before: each with its place,
    code, severity and the rule's own message, and the rule's fix on the line below. Empty when there are none."""
    if not findings:
        return ""
    n = len(findings)
    lines = [
        f"注意: この変更で dxready check が新たに {n} 件を報告します:"
        if lang == "ja"
        else f"note: after this change dxready check reports {n} new finding{'s' if n != 1 else ''}:"
    ]
    for f in findings[:FINDINGS_SHOWN]:
        where = f"{f.location}: " if f.location is not None else ""
        lines.append(f"  {where}{f.code} [{f.severity.label(lang)}] {f.message.get(lang)}")
        if f.next_step is not None:
            lines.append(("    次に: " if lang == "ja" else "    fix: ") + f.next_step.get(lang))
    if n > FINDINGS_SHOWN:
        more = n - FINDINGS_SHOWN
        lines.append(
            f"  …ほか {more:,} 件（dxready check で一覧）"
            if lang == "ja"
            else f"  … and {more:,} more (dxready check lists them)"
        )
    return "".join(oneline(line) + "\n" for line in lines)


def entity_result(result: EntityResult, lang: str) -> str:
    """``set/add system|roadmap``: the file and entry, then one line per value written (or already so)."""
    what = f"{result.kind} {result.ident}"
    if lang == "ja":
        verb = "追加" if result.added else "更新"
        head = (
            f"{result.file}: {what} を{verb}しました"
            if result.changed
            else f"{result.file}: {what} は変更なし（既にその値です）"
        )
    else:
        verb = "added" if result.added else "updated"
        head = (
            f"{result.file}: {verb} {what}"
            if result.changed
            else f"{result.file}: {what} unchanged (already so)"
        )
    said = "".join(oneline(line) + "\n" for line in [head, *(f"  {m.get(lang)}" for m in result.said)])
    return said + consequences(result.new_findings, lang)


def block_update(result: BlockUpdate, lang: str) -> str:
    """``table --write``'s message: the diff of a stale block (under ``--check``), then one line; a block that
    cannot be written (exit 2) is said as every other error is (``dxready:``, fitted to the terminal)."""
    from dxready.render.wrap import fit_message

    if result.code == 2:
        return write_error(result.message, lang)
    text = result.message.get(lang)
    fitted = fit_message(text)
    command = result.command
    if fitted != text and command and text.endswith(command):
        # Too wide for the terminal: the words fitted, the command to paste whole on a line of its own.
        fitted = fit_message(text[: -len(command)].rstrip()) + "\n  " + command
    return result.diff + fitted + "\n"


def _cannot_use(n: int, lang: str, *, placed: bool = True) -> str:
    """The closing line. ``placed``: some problem above has a line and column to fix; where none has (a file that
    is missing or not what its name says, a git revision), it points to what is said, not to places."""
    if lang == "ja":
        fix = "上の箇所を直してください" if placed else "上に示したとおり直してください"
        return f"この入力は使えません（問題 {n:,} 件）。{fix}。"
    fix = "fix the places above" if placed else "fix what is said above"
    return f"the input cannot be used ({n:,} problem{'s' if n != 1 else ''}); {fix}."


def catalog_error(exc: CatalogError, lang: str) -> str:
    """``file:line:col: CODE message`` per problem (just ``file:`` where there is no position), how many more
    were counted but not kept, then a summary; each fitted to the terminal (whole when piped)."""
    lines = [f"{p.location}: {p.code} {p.message.get(lang)}" for p in exc.problems]
    more = exc.more
    if more:
        lines.append(
            f"…ほか {more:,} 件（最初の {len(exc.problems)} 件だけを示しました）"
            if lang == "ja"
            else f"… and {more:,} more (only the first {len(exc.problems)} are shown)"
        )
    placed = any(p.location.line > 0 for p in exc.problems)
    lines.append(_cannot_use(len(exc.problems) + more, lang, placed=placed))
    from dxready.render.wrap import fit_message  # on a terminal, fitted as check's findings are

    return "".join(fit_message(oneline(line)) + "\n" for line in lines)


def usage_error(exc: UsageError, lang: str) -> str:
    """The option's name and what is wrong with it: no DX code (the catalogue is not at fault), no position; fitted
    to the terminal as Click's own errors are (whole when piped)."""
    from dxready.render.wrap import fit_message

    text = exc.message.get(lang)
    if not text.startswith(exc.option):
        text = f"{exc.option}: {text}"
    return fit_message(f"dxready: {oneline(text)}") + "\n"


def write_error(message: Msg, lang: str) -> str:
    """A file that could not be written (and is unchanged): one line (a path is data: made inert), fitted to the
    terminal as the other errors are (whole when piped)."""
    from dxready.render.wrap import fit_message

    return fit_message(f"dxready: {oneline(message.get(lang))}") + "\n"


def git_error(exc: GitError, lang: str) -> str:
    """``WHERE: why``, the catalogue's directory named as a person knows it (never ``.``), fitted to the terminal.
    A catalogue outside git is said once: it is not a place in the input to fix."""
    from dxready.errors import NotInGit
    from dxready.render.views import catalog_label
    from dxready.render.wrap import fit_message

    where = catalog_label(exc.where, lang) if isinstance(exc, NotInGit) else exc.where
    said = fit_message(oneline(f"{where}: {exc.message.get(lang)}")) + "\n"
    return said if isinstance(exc, NotInGit) else said + oneline(_cannot_use(1, lang, placed=False)) + "\n"


def error(exc: DxreadyError, lang: str) -> str:
    """Any input error, worded by its kind."""
    from dxready.errors import CatalogError, GitError, UsageError

    if isinstance(exc, CatalogError):
        return catalog_error(exc, lang)
    if isinstance(exc, UsageError):
        return usage_error(exc, lang)
    if isinstance(exc, GitError):
        return git_error(exc, lang)
    return oneline(str(exc)) + "\n"
