"""Turn parsed values back into Python source, and edit a call's keyword arguments."""

from __future__ import annotations

from dataclasses import replace

from reviewer.loader.model import Call, Expr, Value


def string_source(text: str) -> str:
    """A string literal in makemigrations' style: double quotes."""
    body = repr(text)
    if body.startswith("'") and '"' not in text:
        return '"' + body[1:-1].replace("\\'", "'") + '"'
    return body


def to_source(value: Value) -> str:
    if isinstance(value, str):
        return string_source(value)
    if isinstance(value, Expr):
        return value.source
    if isinstance(value, Call):
        return value.source if "\n" not in value.source else with_kwargs(value)
    if isinstance(value, list):
        return "[" + ", ".join(to_source(item) for item in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(to_source(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{to_source(key)}: {to_source(item)}" for key, item in value.items()) + "}"  # type: ignore[arg-type]
    return repr(value)


def callee(call: Call) -> str:
    """The callee as written in the file: ``models.CharField`` in ``models.CharField(max_length=3)``."""
    head = call.source.split("(", 1)[0].strip()
    return head or call.path


def call_without(call: Call, *keys: str) -> Call:
    """The same call without some keyword arguments (its source rewritten to match)."""
    kwargs = {key: value for key, value in call.kwargs.items() if key not in keys}
    return replace(call, kwargs=kwargs, source=with_kwargs(call, drop=keys))


def with_kwargs(call: Call, drop: tuple[str, ...] = (), **updates: str) -> str:
    """Source of ``call`` with keyword arguments removed or replaced (``updates`` values are source text)."""
    parts = [to_source(arg) for arg in call.args]
    for key, value in call.kwargs.items():
        if key in drop or key in updates:
            continue
        parts.append(f"{key}={to_source(value)}")
    parts.extend(f"{key}={value}" for key, value in updates.items())
    return f"{callee(call)}({', '.join(parts)})"
