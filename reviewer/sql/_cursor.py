"""A cursor over a token list with the few moves a DDL reader needs."""

from __future__ import annotations

from reviewer.sql._tokens import Kind, Token


class Cursor:
    """Reads tokens left to right; every method is total (no exceptions at the end of input)."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    @property
    def done(self) -> bool:
        return self.pos >= len(self.tokens)

    def peek(self, offset: int = 0) -> Token | None:
        index = self.pos + offset
        return self.tokens[index] if 0 <= index < len(self.tokens) else None

    def peek_upper(self, offset: int = 0) -> str:
        token = self.peek(offset)
        return "" if token is None else token.upper

    def at(self, *words: str) -> bool:
        """The next tokens are these keywords (case-insensitive)."""
        return all(self.peek_upper(i) == word for i, word in enumerate(words))

    def accept(self, *words: str) -> bool:
        """Consume the keywords if they come next."""
        if self.at(*words):
            self.pos += len(words)
            return True
        return False

    def accept_any(self, *words: str) -> str:
        """Consume one of the keywords if it comes next; returns it, or ``""``."""
        word = self.peek_upper()
        if word and word in words:
            self.pos += 1
            return word
        return ""

    def take(self) -> Token | None:
        token = self.peek()
        if token is not None:
            self.pos += 1
        return token

    def name(self) -> str | None:
        """A possibly schema-qualified name; returns its last part (the relation or column)."""
        token = self.peek()
        if token is None or not token.is_name:
            return None
        self.pos += 1
        value = token.value
        while True:
            dot, following = self.peek(), self.peek(1)
            if dot is None or dot.text != "." or following is None or not following.is_name:
                break
            self.pos += 2
            value = following.value
        return value

    def skip_group(self) -> list[Token]:
        """Consume a parenthesised group if one comes next; its inner tokens."""
        token = self.peek()
        if token is None or token.text != "(":
            return []
        depth = token.depth
        start = self.pos + 1
        self.pos += 1
        while not self.done:
            current = self.tokens[self.pos]
            self.pos += 1
            if current.text == ")" and current.depth == depth:
                return self.tokens[start : self.pos - 1]
        return self.tokens[start:]

    def rest(self) -> list[Token]:
        remaining = self.tokens[self.pos :]
        self.pos = len(self.tokens)
        return remaining


def split_top_level(tokens: list[Token], depth: int) -> list[list[Token]]:
    """Split at commas at ``depth`` (ALTER TABLE subcommands, CREATE TABLE elements, name lists)."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is Kind.PUNCT and token.text == "," and token.depth == depth:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]
