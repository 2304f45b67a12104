"""Review 2 R17: markdown meant for GitHub (``diff -f markdown`` is posted as a PR comment) must not let catalogue
text mention a user (``@name``) or link an issue (``#123``); the rendered text reads the same."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from typer.testing import CliRunner

from dxready.cli import app
from dxready.render.safe import md_cell, md_text

runner = CliRunner()
NOTE = "@octocat 確認済 (@team-a) #123 repo#4 a@b.jp"
# What GitHub would link in rendered text: @ after a non-word character and before a name; # before a digit.
LINKED = re.compile(r"(?<![0-9A-Za-z])@[0-9A-Za-z]|#[0-9]")


def _texts(markdown: str) -> list[str]:
    texts = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        texts += [child.content for child in token.children or [] if child.type == "text"]
    return texts


def test_diff_markdown_mentions_nobody(tmp_path: Path) -> None:
    one, two = str(tmp_path / "d1"), str(tmp_path / "d2")
    assert runner.invoke(app, ["init", one, "--name", "館山市"]).exit_code == 0
    assert runner.invoke(app, ["init", two, "--name", "館山市"]).exit_code == 0
    done = runner.invoke(app, ["set", "9", "--status", "○", "--note", NOTE, "-c", two])
    assert done.exit_code == 0, done.stderr
    md = runner.invoke(app, ["diff", one, two, "-f", "markdown"]).stdout
    texts = _texts(md)
    rendered = next(t for t in texts if "octocat" in t)
    assert rendered.replace("\u2060", "") == "備考: — → " + NOTE  # the same text once rendered
    assert not [t for t in texts if LINKED.search(t)]
    assert "\u2060" not in md  # written as an entity: the output holds no invisible character


def test_both_markdown_sinks() -> None:
    for sink in (md_cell, md_text):
        out = sink(NOTE)
        texts = _texts(out)
        assert "".join(texts).replace("\u2060", "") == NOTE
        assert not LINKED.search("".join(texts))
        assert "a@b.jp" in out  # an address mentions nobody: left as it is
    assert md_text("令和8年度 ＃1 No.1") == "令和8年度 ＃1 No.1"
