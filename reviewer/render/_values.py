"""Parsed migration values -> Python objects, using only whitelisted Django and stdlib names.

The file is never imported. A value becomes an object only when every name in it resolves into one of
:data:`ALLOWED_MODULES` (Django's model fields, indexes, constraints, expressions and functions,
contrib.postgres, migration operations, and the stdlib value types makemigrations writes for
defaults). Expressions the parser left as source (``models.F("stock") * 2``) are evaluated by a small
interpreter over the same whitelist: literals, whitelisted names and calls, arithmetic and
``&``/``|``/``~`` (Q objects). Anything else raises :class:`Unresolved`, and callers decide what to
substitute.
"""

from __future__ import annotations

import ast
import functools
import importlib
import operator
import types
from collections.abc import Callable
from typing import Any

from reviewer.loader.model import Call, Expr, Value

ALLOWED_MODULES = frozenset(
    {
        "django.db.models",
        "django.db.models.fields",
        "django.db.models.fields.json",
        "django.db.models.fields.related",
        "django.db.models.fields.files",
        "django.db.models.functions",
        "django.db.models.deletion",
        "django.db.models.expressions",
        "django.db.models.constraints",
        "django.db.models.indexes",
        "django.db.models.lookups",
        "django.db.models.query_utils",
        "django.db.migrations",
        "django.db.migrations.operations",
        "django.contrib.postgres.fields",
        "django.contrib.postgres.fields.ranges",
        "django.contrib.postgres.indexes",
        "django.contrib.postgres.constraints",
        "django.contrib.postgres.operations",
        "django.contrib.postgres.functions",
        "django.contrib.postgres.search",
        "django.contrib.postgres.expressions",
        "datetime",
        "decimal",
        "uuid",
    }
)

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
}
_UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
    ast.Invert: operator.invert,
}


class Unresolved(Exception):
    """A value that cannot be built from whitelisted names and literals (the message says which part)."""


_COLLAPSED = {
    "django.db.models": (
        "django.db.models.functions",
        "django.db.models.expressions",
        "django.db.models.lookups",
        "django.db.models.deletion",
        "django.db.models.fields",
        "django.db.models.fields.json",
        "django.db.models.fields.related",
        "django.db.models.constraints",
        "django.db.models.indexes",
    ),
    "django.contrib.postgres.fields": ("django.contrib.postgres.fields.ranges",),
}
"""The loader writes names of Django's submodules as ``django.db.models.Name`` whether or not
``django.db.models`` re-exports them (``from django.db.models.functions import Now`` ->
``django.db.models.Now``); these submodules are tried next."""

SAFE_BUILTINS: dict[str, Any] = {"set": set, "frozenset": frozenset, "tuple": tuple, "list": list, "dict": dict}
"""Builtins makemigrations writes (``unique_together=set()``); constructors of plain containers."""


def resolve_path(path: str) -> Any:
    """The object at a canonical dotted path, imported only from :data:`ALLOWED_MODULES`."""
    if path in SAFE_BUILTINS:
        return SAFE_BUILTINS[path]
    try:
        return _resolve(path)
    except Unresolved:
        prefix, _, name = path.rpartition(".")
        if prefix not in _COLLAPSED:
            raise
        for module in _COLLAPSED[prefix]:
            try:
                return _resolve(f"{module}.{name}")
            except Unresolved:
                continue
        raise


def _resolve(path: str) -> Any:
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:cut])
        if module_name in ALLOWED_MODULES:
            try:
                found: Any = importlib.import_module(module_name)
                for attribute in parts[cut:]:
                    if attribute.startswith("_"):
                        raise Unresolved(f"{path}: private names are not built")
                    found = getattr(found, attribute)
            except (ImportError, AttributeError):
                continue
            if isinstance(found, types.ModuleType):
                raise Unresolved(f"{path} is a module")
            return found
    raise Unresolved(f"{path} is not a Django name migreview builds")


def import_aliases(imports: tuple[str, ...]) -> dict[str, str]:
    """Local name -> dotted path, from a migration file's top-level import statements."""
    return dict(_aliases(imports))


@functools.cache
def _aliases(imports: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Migrations of one project repeat the same few import blocks: each is read once."""
    aliases: dict[str, str] = {}
    for source in imports:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".")[0]
                        aliases[head] = head
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return tuple(aliases.items())


class ValueBuilder:
    """Builds objects from parsed values of one migration file (its imports give names their paths)."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases

    def build(self, value: Value) -> Any:
        if isinstance(value, Call):
            target = resolve_path(value.path)
            return target(
                *(self.build(item) for item in value.args),
                **{key: self.build(item) for key, item in value.kwargs.items()},
            )
        if isinstance(value, Expr):
            return self.expression(value)
        if isinstance(value, list):
            return [self.build(item) for item in value]
        if isinstance(value, tuple):
            return tuple(self.build(item) for item in value)
        if isinstance(value, dict):
            return {key: self.build(item) for key, item in value.items()}
        if isinstance(value, set | frozenset):
            return {self.build(item) for item in value}
        return value

    def expression(self, value: Expr) -> Any:
        try:
            tree = ast.parse(value.source.strip(), mode="eval")
        except SyntaxError:
            raise Unresolved(f"{value.source} cannot be read") from None
        return self._evaluate(tree.body)

    def _evaluate(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name | ast.Attribute):
            return resolve_path(self._dotted(node))
        if isinstance(node, ast.Call):
            function = self._evaluate(node.func)
            args = [self._evaluate(item) for item in node.args if not isinstance(item, ast.Starred)]
            if len(args) != len(node.args) or any(keyword.arg is None for keyword in node.keywords):
                raise Unresolved("star arguments are not evaluated")
            return function(*args, **{str(keyword.arg): self._evaluate(keyword.value) for keyword in node.keywords})
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return _BINARY[type(node.op)](self._evaluate(node.left), self._evaluate(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
            return _UNARY[type(node.op)](self._evaluate(node.operand))
        if isinstance(node, ast.Tuple):
            return tuple(self._evaluate(item) for item in node.elts)
        if isinstance(node, ast.List):
            return [self._evaluate(item) for item in node.elts]
        if isinstance(node, ast.Dict):
            result = {}
            for key, item in zip(node.keys, node.values, strict=True):
                if key is None:
                    raise Unresolved("dict unpacking is not evaluated")
                result[self._evaluate(key)] = self._evaluate(item)
            return result
        raise Unresolved(f"{ast.unparse(node)} is not a literal or a Django expression")

    def _dotted(self, node: ast.expr) -> str:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            raise Unresolved(f"{ast.unparse(node)} is not a name")
        head = self.aliases.get(node.id)
        if head is None and node.id in SAFE_BUILTINS and not parts:
            return node.id
        if head is None:
            raise Unresolved(f"{node.id} is not imported from Django")
        return ".".join([head, *reversed(parts)])
