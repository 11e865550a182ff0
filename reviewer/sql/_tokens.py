"""A small SQL tokenizer for DDL: words, quoted identifiers, strings, numbers, punctuation.

sqlparse splits scripts well but its token tree for ``ALTER TABLE`` is too coarse to read
subcommands from, so classification works on this flat token list instead. It understands exactly
what decides where a DDL clause starts and ends: PostgreSQL ``"identifiers"``, MySQL
```identifiers```, ``'strings'`` (with ``''`` escapes, ``E''`` strings), ``$tag$ ... $tag$`` bodies,
comments, and parentheses depth. Anything else is a one-character punctuation token, so it never
fails on unknown input.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class Kind(enum.Enum):
    WORD = "word"
    """A bare word: keyword or unquoted identifier."""
    QUOTED = "quoted"
    """A quoted identifier; ``value`` holds the name without quotes."""
    STRING = "string"
    NUMBER = "number"
    PUNCT = "punct"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    """The token exactly as written."""
    value: str
    """Identifiers without quotes (bare words as written); the text for everything else."""
    depth: int
    """Parenthesis depth at the token; an opening parenthesis has the depth outside it."""

    @property
    def upper(self) -> str:
        """The keyword spelling of a bare word; empty for anything else, so quoted names never match."""
        return self.text.upper() if self.kind is Kind.WORD else ""

    @property
    def is_name(self) -> bool:
        return self.kind in (Kind.WORD, Kind.QUOTED)


_PATTERN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<line_comment>--[^\n]*)
    | (?P<block_comment>/\*.*?(?:\*/|\Z))
    | (?P<dollar>\$(?P<tag>[A-Za-z_][A-Za-z0-9_]*)?\$.*?(?:\$(?P=tag)\$|\Z))
    | (?P<string>[EeNnBbXx]?'(?:[^'\\]|''|\\.)*(?:'|\Z))
    | (?P<dquoted>"(?:[^"]|"")*(?:"|\Z))
    | (?P<bquoted>`(?:[^`]|``)*(?:`|\Z))
    | (?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)
    | (?P<word>[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)
    | (?P<cast>::)
    | (?P<operator>[<>=!~+\-*/%^&|\#@?]{2,3})
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(sql: str) -> list[Token]:
    """The meaningful tokens of ``sql`` (no whitespace, no comments), each with its paren depth."""
    tokens: list[Token] = []
    depth = 0
    for match in _PATTERN.finditer(sql):
        kind_name = match.lastgroup
        text = match.group()
        if kind_name in ("space", "line_comment", "block_comment"):
            continue
        if kind_name == "tag":  # the inner group of a dollar quote; never the last group in practice
            kind_name = "dollar"
        if kind_name == "word":
            tokens.append(Token(Kind.WORD, text, text, depth))
        elif kind_name == "dquoted":
            tokens.append(Token(Kind.QUOTED, text, text[1:-1].replace('""', '"'), depth))
        elif kind_name == "bquoted":
            tokens.append(Token(Kind.QUOTED, text, text[1:-1].replace("``", "`"), depth))
        elif kind_name in ("string", "dollar"):
            tokens.append(Token(Kind.STRING, text, text, depth))
        elif kind_name == "number":
            tokens.append(Token(Kind.NUMBER, text, text, depth))
        elif text == "(":
            tokens.append(Token(Kind.PUNCT, text, text, depth))
            depth += 1
        elif text == ")":
            depth = max(depth - 1, 0)
            tokens.append(Token(Kind.PUNCT, text, text, depth))
        else:
            tokens.append(Token(Kind.PUNCT, text, text, depth))
    return tokens


def render(tokens: list[Token]) -> str:
    """Tokens back to compact SQL text: ``varchar ( 100 )`` becomes ``varchar(100)``.

    Only the spacing between tokens is normalised; every token (string literals included) is kept
    exactly as written.
    """
    parts: list[str] = []
    previous: Token | None = None
    before_previous: Token | None = None
    for token in tokens:
        unary = previous is not None and previous.text in ("-", "+") and _starts_operand(before_previous)
        if previous is None or unary or token.text in (")", ",", "::", ".") or previous.text in ("(", "::", "."):
            separator = ""
        elif token.text == "(" and previous.is_name and previous.upper not in _SPACED_BEFORE_PAREN:
            separator = ""  # a call or a type's arguments: now(), varchar(100)
        else:
            separator = " "
        parts.append(separator + token.text)
        before_previous, previous = previous, token
    return "".join(parts)


def _starts_operand(token: Token | None) -> bool:
    """After this token a ``-`` or ``+`` is a sign, not a binary operator."""
    if token is None:
        return True
    if token.kind is Kind.PUNCT:
        return token.text != ")"
    return token.upper in _OPERAND_KEYWORDS


_OPERAND_KEYWORDS = frozenset({"DEFAULT", "SELECT", "WHEN", "THEN", "ELSE", "AND", "OR", "NOT", "RETURN", "IN"})
_SPACED_BEFORE_PAREN = frozenset({"AS", "CHECK", "USING", "IN", "AND", "OR", "NOT", "WITH", "ON", "DEFAULT"})
