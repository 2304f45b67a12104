"""The one language helper: which language the user reads, and picking a text in it.

Japanese is the default. English is chosen by ``--lang en`` (anywhere on the command line), ``$DXREADY_LANG``, or
an English ``$LC_ALL`` / ``$LANG``. Help texts are written as ``tr("日本語", "English")`` so that each option carries
both languages side by side.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

LANGS = ("ja", "en")


def lang_from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang X`` / ``--lang=X`` anywhere on the command line, if valid."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGS:
            return value
    return None


def current_lang(argv: Sequence[str] | None = None) -> str:
    """The language of this run: --lang, then $DXREADY_LANG, then an English $LC_ALL/$LANG, else Japanese."""
    chosen = lang_from_argv(sys.argv[1:] if argv is None else argv)
    if chosen:
        return chosen
    env = os.environ.get("DXREADY_LANG", "").strip().lower()
    if env in LANGS:
        return env
    locale = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    if locale.lower().startswith("en"):
        return "en"
    return "ja"


def t(lang: str, ja: str, en: str) -> str:
    """``ja`` or ``en`` by ``lang``."""
    return en if lang == "en" else ja


class Bilingual(str):
    """A text in both languages that reads as the run's language; ``pick`` re-reads it in another one.

    The command line builds its help texts once at import; ``clitext`` re-picks them for each run, so a test runner
    that drives the app in-process with ``--lang en`` and then without gets each run in its own language.
    """

    ja: str
    en: str

    def __new__(cls, ja: str, en: str, lang: str | None = None) -> Bilingual:
        obj = super().__new__(cls, t(lang or current_lang(), ja, en))
        obj.ja = ja
        obj.en = en
        return obj

    def pick(self, lang: str) -> Bilingual:
        return Bilingual(self.ja, self.en, lang)

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (self.ja, self.en)


HELP_TEXTS: dict[str, Bilingual] = {}
"""Every ``tr`` text by both of its spellings: Typer hands Click plain copies of help strings, so the command line
finds the bilingual text again by its words."""


def tr(ja: str, en: str) -> str:
    """``ja`` or ``en`` by the language of this run (for help texts; ``clitext`` re-picks them per run)."""
    text = Bilingual(ja, en)
    HELP_TEXTS[ja.strip()] = HELP_TEXTS[en.strip()] = text
    return text
