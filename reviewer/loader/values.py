"""Turn expression nodes of a migration file into values, evaluating only literals.

Names are resolved through the file's imports to dotted paths (``models.CharField`` ->
``django.db.models.CharField``); calls become :class:`Call` records; anything else is kept as source
text. Nothing is imported, executed or evaluated.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from reviewer.loader.model import Call, Expr, Value
from reviewer.loader.signatures import positional_params

CANONICAL_PREFIXES = (
    "django.db.models",
    "django.contrib.postgres.fields",
    "django.contrib.postgres.indexes",
    "django.contrib.postgres.constraints",
    "django.contrib.postgres.search",
    "django.contrib.gis.db.models",
)
"""Django re-exports its public classes at these packages; deeper module paths are folded onto them."""


def canonical_path(path: str) -> str:
    """``django.db.models.fields.related.ForeignKey`` -> ``django.db.models.ForeignKey``."""
    for prefix in CANONICAL_PREFIXES:
        if path.startswith(prefix + "."):
            last = path.rsplit(".", 1)[-1]
            if last[:1].isupper():
                return f"{prefix}.{last}"
    return path


class SourceText:
    """Source segments by node position; ``col_offset`` counts UTF-8 bytes, as in ``ast``."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)
        self._encoded: dict[int, bytes] = {}

    def _line(self, number: int) -> bytes:
        encoded = self._encoded.get(number)
        if encoded is None:
            encoded = self._lines[number - 1].encode() if 0 < number <= len(self._lines) else b""
            self._encoded[number] = encoded
        return encoded

    def standalone_indent(self, node: ast.AST) -> int | None:
        """The indentation of ``node`` if nothing else shares its first and last lines (a trailing comma or
        comment aside), else None."""
        start, end = getattr(node, "lineno", 0), getattr(node, "end_lineno", 0)
        start_col, end_col = getattr(node, "col_offset", 0), getattr(node, "end_col_offset", 0)
        before = self._line(start)[:start_col]
        after = self._line(end)[end_col:].strip()
        if before.strip() or not (after in (b"", b",") or after.startswith((b"#", b", #", b",#"))):
            return None
        return len(before.decode(errors="replace").expandtabs())

    def segment(self, node: ast.AST) -> str:
        start = getattr(node, "lineno", None)
        end = getattr(node, "end_lineno", None)
        start_col = getattr(node, "col_offset", None)
        end_col = getattr(node, "end_col_offset", None)
        if start is None or end is None or start_col is None or end_col is None:
            return ""
        if start == end:
            return self._line(start)[start_col:end_col].decode(errors="replace")
        parts = [self._line(start)[start_col:]]
        parts.extend(self._line(number) for number in range(start + 1, end))
        parts.append(self._line(end)[:end_col])
        return b"".join(parts).decode(errors="replace")


def dotted_parts(node: ast.expr) -> list[str] | None:
    """``a.b.c`` -> ``["a", "b", "c"]``; None for anything that is not a plain attribute chain."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


class Evaluator:
    """Evaluates expressions of one file against its imports and module-level constants."""

    MAX_DEPTH = 40

    def __init__(self, source: SourceText, aliases: dict[str, str], constants: dict[str, ast.expr]) -> None:
        self.source = source
        self.aliases = aliases
        self.constants = constants
        self._resolving: set[str] = set()

    def resolve(self, node: ast.expr) -> str | None:
        """The dotted path a name or attribute chain refers to, through the file's imports."""
        parts = dotted_parts(node)
        if parts is None:
            return None
        head = self.aliases.get(parts[0])
        if head is not None:
            return canonical_path(".".join([head, *parts[1:]]))
        return ".".join(parts)

    def constant(self, node: ast.expr) -> ast.expr | None:
        """The module-level expression a bare name stands for, if the file assigns it once."""
        if isinstance(node, ast.Name) and node.id in self.constants and node.id not in self.aliases:
            return self.constants[node.id]
        return None

    def value(self, node: ast.expr, depth: int = 0) -> Value:
        if depth > self.MAX_DEPTH:
            return Expr(self.source.segment(node))
        if isinstance(node, ast.Constant):
            if node.value is Ellipsis:
                return Expr("...")
            constant: Value = node.value
            return constant
        if isinstance(node, ast.List):
            return [self.value(item, depth + 1) for item in node.elts]
        if isinstance(node, ast.Tuple | ast.Set):
            return tuple(self.value(item, depth + 1) for item in node.elts)
        if isinstance(node, ast.Dict):
            return self._dict(node, depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand = self.value(node.operand, depth + 1)
            if isinstance(operand, int | float | complex) and not isinstance(operand, bool):
                return -operand if isinstance(node.op, ast.USub) else operand
            return Expr(self.source.segment(node))
        if isinstance(node, ast.Name | ast.Attribute):
            return self._reference(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth) or Expr(self.source.segment(node))
        return Expr(self.source.segment(node))

    def _dict(self, node: ast.Dict, depth: int) -> Value:
        result: dict[object, Value] = {}
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            if key_node is None:  # ``**other`` inside a dict literal
                return Expr(self.source.segment(node))
            key = self.value(key_node, depth + 1)
            if not isinstance(key, str | int | float | bool | tuple) or key is None:
                key = self.source.segment(key_node)
            result[key] = self.value(value_node, depth + 1)
        return result

    def _reference(self, node: ast.Name | ast.Attribute, depth: int) -> Value:
        target = self.constant(node)
        if target is not None and isinstance(node, ast.Name) and node.id not in self._resolving:
            self._resolving.add(node.id)
            try:
                return self.value(target, depth + 1)
            finally:
                self._resolving.discard(node.id)
        return Expr(self.source.segment(node), self.resolve(node))

    def call(self, node: ast.Call, depth: int = 0) -> Call | None:
        """A call whose callee is a plain name or attribute chain; None otherwise or with ``*args``."""
        path = self.resolve(node.func)
        if path is None or any(isinstance(arg, ast.Starred) for arg in node.args):
            return None
        if any(keyword.arg is None for keyword in node.keywords):
            return None
        args = tuple(self.value(arg, depth + 1) for arg in node.args)
        kwargs = {keyword.arg: self.value(keyword.value, depth + 1) for keyword in node.keywords if keyword.arg}
        name = path.rsplit(".", 1)[-1]
        params = positional_params(name, is_field=name.endswith("Field"))
        for param, arg in zip(params, args, strict=False):
            kwargs.setdefault(param, arg)
        if params and len(args) <= len(params):
            args = ()
        return Call(path, args, kwargs, self.source.segment(node), node.lineno)


def iter_list_items(evaluator: Evaluator, node: ast.expr) -> Iterator[ast.expr] | None:
    """The element nodes of a list/tuple expression, following ``+`` and module constants."""
    resolved = evaluator.constant(node)
    if resolved is not None:
        node = resolved
    if isinstance(node, ast.List | ast.Tuple):
        return iter(node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = iter_list_items(evaluator, node.left)
        right = iter_list_items(evaluator, node.right)
        if left is None or right is None:
            return None
        return _chain(left, right)
    return None


def _chain(first: Iterator[ast.expr], second: Iterator[ast.expr]) -> Iterator[ast.expr]:
    yield from first
    yield from second
