"""Read one migration file into a :class:`ParsedMigration` with ``ast`` only: nothing is imported or run."""

from __future__ import annotations

import ast
import io
import re
import tokenize

from reviewer.loader.model import (
    Call,
    Dependency,
    Expr,
    LoaderNote,
    MigrationKey,
    Operation,
    ParsedMigration,
    ParseFailure,
    Value,
)
from reviewer.loader.signatures import OPERATION_MODULES, OPERATIONS
from reviewer.loader.values import Evaluator, SourceText, iter_list_items

MIGRATION_BASE = "django.db.migrations.Migration"
SWAPPABLE_DEPENDENCY = "django.db.migrations.swappable_dependency"
SETTINGS_PREFIX = "django.conf.settings."
NESTED_OPERATION_ARGS = ("database_operations", "state_operations")
MIGRATION_ATTRIBUTES = ("dependencies", "operations", "replaces", "initial", "atomic", "run_before")
SUPPRESSION_MARKER = "migreview:"


def parse_migration(path: str, text: str, app_label: str, name: str) -> ParsedMigration | ParseFailure:
    """Parse ``text``; a file that is not valid Python or has no Migration class is a ParseFailure."""
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as error:
        return ParseFailure(path, app_label, name, error.lineno or 1, f"syntax error: {error.msg}")
    except (ValueError, RecursionError, MemoryError) as error:
        return ParseFailure(path, app_label, name, 1, f"cannot parse: {error}")
    return _FileParser(path, text, tree, app_label, name).parse()


def operation_kind(path: str) -> str | None:
    """The Django operation class name for a resolved dotted path, or None if it is not Django's."""
    last = path.rsplit(".", 1)[-1]
    if last in OPERATIONS and (path == last or path.startswith(OPERATION_MODULES)):
        return last
    return None


def read_comments(text: str) -> dict[int, str]:
    """Comments by line, read only when the file mentions a migreview marker (tokenize is slow)."""
    if SUPPRESSION_MARKER not in text:
        return {}
    comments: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = token.string
    except (tokenize.TokenError, SyntaxError):
        for number, line in enumerate(text.splitlines(), start=1):
            match = re.search(r"#.*$", line)
            if match and SUPPRESSION_MARKER in match.group(0):
                comments[number] = match.group(0)
    return comments


class _FileParser:
    def __init__(self, path: str, text: str, tree: ast.Module, app_label: str, name: str) -> None:
        self.path = path
        self.text = text
        self.tree = tree
        self.app_label = app_label
        self.name = name
        self.notes: list[LoaderNote] = []
        aliases, constants = _module_names(tree)
        self.evaluator = Evaluator(SourceText(text), aliases, constants)
        self.local_functions = {
            node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }

    def parse(self) -> ParsedMigration | ParseFailure:
        migration_class = self._find_migration_class()
        if migration_class is None:
            return ParseFailure(
                self.path, self.app_label, self.name, 1, "no Migration class found in the file", no_migration_class=True
            )
        attributes = self._class_attributes(migration_class)
        operations = self._operations(attributes.get("operations"))
        return ParsedMigration(
            path=self.path,
            app_label=self.app_label,
            name=self.name,
            dependencies=self._dependencies(attributes.get("dependencies")),
            operations=tuple(operations),
            replaces=self._keys(attributes.get("replaces"), "replaces"),
            run_before=self._keys(attributes.get("run_before"), "run_before"),
            initial=self._bool(attributes.get("initial"), None),
            atomic=bool(self._bool(attributes.get("atomic"), True)),
            atomic_unknown=attributes.get("atomic") is not None
            and not isinstance(self.evaluator.value(attributes["atomic"]), bool),
            class_line=migration_class.lineno,
            comments=read_comments(self.text),
            notes=tuple(self.notes),
            imports=tuple(
                self.evaluator.source.segment(node)
                for node in self.tree.body
                if isinstance(node, ast.Import | ast.ImportFrom)
            ),
            dependency_sources=self._dependency_sources(attributes.get("dependencies")),
            functions={
                node.name: self.evaluator.source.segment(node)
                for node in self.tree.body
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.name != "Migration"
            },
        )

    def _dependency_sources(self, node: ast.expr | None) -> tuple[str, ...]:
        items = iter_list_items(self.evaluator, node) if node is not None else None
        return tuple(self.evaluator.source.segment(item) for item in items) if items is not None else ()

    def _find_migration_class(self) -> ast.ClassDef | None:
        """Django loads the module attribute ``Migration``: the last class of that name wins."""
        named = [node for node in self.tree.body if isinstance(node, ast.ClassDef) and node.name == "Migration"]
        return named[-1] if named else None

    def _class_attributes(self, node: ast.ClassDef, depth: int = 0) -> dict[str, ast.expr]:
        """The class's migration attributes, over those of base classes defined in the same file."""
        attributes: dict[str, ast.expr] = {}
        local_classes = {item.name: item for item in self.tree.body if isinstance(item, ast.ClassDef)}
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in local_classes and base.id != node.name and depth < 5:
                attributes.update(self._class_attributes(local_classes[base.id], depth + 1))
        for statement in node.body:
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    if isinstance(target, ast.Name) and target.id in MIGRATION_ATTRIBUTES:
                        attributes[target.id] = statement.value
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                if isinstance(statement.target, ast.Name) and statement.target.id in MIGRATION_ATTRIBUTES:
                    attributes[statement.target.id] = statement.value
            elif isinstance(statement, ast.AugAssign) and isinstance(statement.op, ast.Add):
                target_name = statement.target.id if isinstance(statement.target, ast.Name) else None
                if target_name in attributes:
                    attributes[target_name] = ast.BinOp(attributes[target_name], ast.Add(), statement.value)
        return attributes

    def _note(self, line: int, message: str) -> None:
        self.notes.append(LoaderNote(line, message))

    def _bool(self, node: ast.expr | None, default: bool | None) -> bool | None:
        if node is None:
            return default
        value = self.evaluator.value(node)
        if isinstance(value, bool):
            return value
        self._note(node.lineno, f"cannot read the value {self.evaluator.source.segment(node)!r} statically")
        return default

    def _dependencies(self, node: ast.expr | None) -> tuple[Dependency, ...]:
        if node is None:
            return ()
        items = iter_list_items(self.evaluator, node)
        if items is None:
            self._note(node.lineno, "dependencies are not a literal list; the history may be incomplete")
            return ()
        dependencies: list[Dependency] = []
        for item in items:
            value = self.evaluator.value(item)
            dependency = _dependency(value)
            if dependency is None:
                self._note(item.lineno, f"cannot read dependency {self.evaluator.source.segment(item)!r}")
            else:
                dependencies.append(dependency)
        return tuple(dependencies)

    def _keys(self, node: ast.expr | None, attribute: str) -> tuple[MigrationKey, ...]:
        if node is None:
            return ()
        value = self.evaluator.value(node)
        keys: list[MigrationKey] = []
        if isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, list | tuple) and len(item) == 2 and all(isinstance(p, str) for p in item):
                    keys.append(MigrationKey(str(item[0]), str(item[1])))
                    continue
                self._note(node.lineno, f"cannot read an entry of {attribute}")
        else:
            self._note(node.lineno, f"{attribute} is not a literal list")
        return tuple(keys)

    def _operations(self, node: ast.expr | None) -> list[Operation]:
        if node is None:
            return []
        items = iter_list_items(self.evaluator, node)
        if items is None:
            self._note(node.lineno, "operations are not a literal list; they cannot be reviewed statically")
            return []
        return [operation for item in items if (operation := self._operation(item)) is not None]

    def _operation(self, node: ast.expr) -> Operation | None:
        if isinstance(node, ast.Starred):
            source = self.evaluator.source.segment(node)
            self._note(node.lineno, f"operations {source!r} are built elsewhere and cannot be read statically")
            return None
        target = self.evaluator.constant(node)
        call_node = target if isinstance(target, ast.Call) else node
        source = self.evaluator.source.segment(node)
        if not isinstance(call_node, ast.Call):
            self._note(node.lineno, f"operation {source!r} is not a call; it was not reviewed")
            return Operation(source, source, False, {}, node.lineno, node.end_lineno or node.lineno, source)
        path = self.evaluator.resolve(call_node.func) or self.evaluator.source.segment(call_node.func)
        kind = operation_kind(path)
        if kind is None:
            call = self.evaluator.call(call_node)
            arguments: dict[str, Value] = dict(call.kwargs) if call else {}
            return Operation(path, path, False, arguments, node.lineno, node.end_lineno or node.lineno, source)
        arguments, unbound = self._bind(kind, call_node)
        self._note_built_fields(kind, arguments, node.lineno)
        nested = {key: self._nested(call_node, key, kind) for key in NESTED_OPERATION_ARGS if key in arguments}
        for key in nested:
            arguments.pop(key)
        return Operation(
            kind=kind,
            path=path,
            known=True,
            arguments=arguments,
            start_line=node.lineno,
            end_line=node.end_lineno or node.lineno,
            source=source,
            database_operations=nested.get("database_operations", ()),
            state_operations=nested.get("state_operations", ()),
            unbound=unbound,
            column=node.col_offset,
            indent=self.evaluator.source.standalone_indent(node),
        )

    def _note_built_fields(self, kind: str, arguments: dict[str, Value], line: int) -> None:
        """A field made by a function of the file cannot be read without running it."""
        fields: list[Value] = [arguments.get("field")]
        entries = arguments.get("fields") if kind == "CreateModel" else None
        if isinstance(entries, list | tuple):
            fields.extend(entry[1] for entry in entries if isinstance(entry, list | tuple) and len(entry) == 2)
        for value in fields:
            if isinstance(value, Call) and value.path in self.local_functions:
                self._note(
                    line,
                    f"{kind}: the field is built by {value.path}() in this file, so its column "
                    "cannot be known without running it",
                )

    def _bind(self, kind: str, node: ast.Call) -> tuple[dict[str, Value], tuple[str, ...]]:
        params = OPERATIONS[kind]
        arguments: dict[str, Value] = {}
        unbound: list[str] = []
        for index, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred) or index >= len(params):
                unbound.append(self.evaluator.source.segment(arg))
                continue
            arguments[params[index]] = self.evaluator.value(arg)
        for keyword in node.keywords:
            if keyword.arg is None:
                unbound.append("**" + self.evaluator.source.segment(keyword.value))
                continue
            arguments[keyword.arg] = self.evaluator.value(keyword.value)
        if unbound:
            self._note(node.lineno, f"{kind}: arguments not understood: {', '.join(unbound)}")
        return arguments, tuple(unbound)

    def _nested(self, node: ast.Call, key: str, kind: str) -> tuple[Operation, ...]:
        params = OPERATIONS[kind]
        value_node: ast.expr | None = None
        for keyword in node.keywords:
            if keyword.arg == key:
                value_node = keyword.value
        if value_node is None and key in params and params.index(key) < len(node.args):
            value_node = node.args[params.index(key)]
        if value_node is None:
            return ()
        items = iter_list_items(self.evaluator, value_node)
        if items is None:
            self._note(value_node.lineno, f"{kind}.{key} is not a literal list; it was not reviewed")
            return ()
        return tuple(operation for item in items if (operation := self._operation(item)) is not None)


def _dependency(value: Value) -> Dependency | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        app_label, name = value
        if isinstance(app_label, str) and isinstance(name, str):
            return Dependency(app_label, name)
    if isinstance(value, Call) and value.path == SWAPPABLE_DEPENDENCY and value.args:
        setting = value.args[0]
        if isinstance(setting, Expr) and setting.dotted and setting.dotted.startswith(SETTINGS_PREFIX):
            return Dependency("", "__first__", swappable_setting=setting.dotted[len(SETTINGS_PREFIX) :])
        if isinstance(setting, str) and "." in setting:
            return Dependency(setting.split(".", 1)[0], "__first__")
    return None


def _module_names(tree: ast.Module) -> tuple[dict[str, str], dict[str, ast.expr]]:
    """Import aliases (local name -> dotted path) and module-level single assignments."""
    aliases: dict[str, str] = {}
    constants: dict[str, ast.expr] = {}
    assigned_twice: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    head = alias.name.split(".", 1)[0]
                    aliases[head] = head
        elif isinstance(statement, ast.ImportFrom) and statement.module and statement.level == 0:
            for alias in statement.names:
                if alias.name != "*":
                    aliases[alias.asname or alias.name] = f"{statement.module}.{alias.name}"
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                if target.id in constants:
                    assigned_twice.add(target.id)
                constants[target.id] = statement.value
    for name in assigned_twice:
        constants.pop(name, None)
    return aliases, constants
