"""Text from YAML, git or file names made inert for a GitHub comment.

Every value is hostile: it must not break a table (pipes, line breaks), start Markdown or
HTML (backticks, `<script>`, `![](…)`, entities), ping or link anyone (`@someone`,
`owner/repo#1`, `https://…`, `www.…`, e-mail addresses), or hide text (control and bidi
characters). GitHub finds mentions, issue references and bare links in the rendered text,
after entities are decoded, so escaping alone is not enough: a zero-width space is put
between `@`, `#`, `://` or `www` and what follows, which keeps the text readable and makes
it match nothing.
"""

from __future__ import annotations

import re
import unicodedata

ZWSP = "\u200b"
_LINKISH = re.compile(r"(@|#(?=\w)|:(?=//)|(?i:www)(?=\.))")
# ASCII punctuation that means something inline in GitHub Markdown: emphasis, code,
# links and images (escaping [ ] ! is enough), tables, strikethrough, math, footnotes,
# a heading's closing #s.
_PUNCT = re.compile(r"([\\`*_\[\]!|~$^{}#])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def clean(value: object, cap: int | None = None) -> str:
    """One line of printable text: control/format characters dropped, whitespace (line
    breaks included) collapsed, at most `cap` characters (then "…")."""
    text = str(value)
    if not (text.isascii() and text.isprintable()):
        text = "".join(_keep(ch) for ch in text)
    text = " ".join(text.split())
    if cap is not None and len(text) > cap:
        text = text[: cap - 1].rstrip() + "…"
    return text


def _keep(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in ("Zl", "Zp") or ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85":
        return " "
    return "" if category[0] == "C" else ch  # Cc, Cf (bidi, zero-width), Cs, Co, Cn


def _defuse(text: str) -> str:
    return _LINKISH.sub(lambda m: m.group(1) + ZWSP, text)


def md(value: object, cap: int | None = 300) -> str:
    """Inline Markdown (table cells, headings, list items) showing `value` literally."""
    text = _defuse(clean(value, cap))
    text = _PUNCT.sub(r"\\\1", text)
    return "".join(_HTML.get(ch, ch) for ch in text) if any(c in text for c in "&<>") else text


def html(value: object, cap: int | None = 300) -> str:
    """Text inside raw HTML (a <summary>), where Markdown escapes are not read."""
    text = _defuse(clean(value, cap))
    return "".join(_HTML.get(ch, ch) for ch in text).replace('"', "&quot;")


def code(value: str, allowed: re.Pattern[str]) -> str:
    """A code span for a value known to be plain (an item id, a sha256); escaped text
    otherwise."""
    return f"`{value}`" if allowed.fullmatch(value) else md(value)
