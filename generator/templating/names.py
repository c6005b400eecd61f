"""Names and attributes: walks a compiled template's AST with the types of the data model, so
`{{ item.titel }}` is found before any data meets it, nested loops and filters included."""

from __future__ import annotations

import difflib
from collections import ChainMap
from typing import Any

from generator.messages import msg
from generator.templating.places import Finding, PartSource
from generator.templating.types import ANY, CONTEXT, REFUSED, Loop, Seq, attributes, type_name

_SAME_SEQ = {"list", "sort", "reverse", "unique", "select", "reject", "selectattr", "rejectattr"}
_ITEM = {"first", "last", "random", "min", "max"}
_INT = {"length", "count", "wordcount", "int"}
_ATTR_ARG = {"selectattr", "rejectattr", "groupby"}  # first argument names an attribute


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return msg("schema.did-you-mean", name=close[0]) if close else ""


def _expr(node) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expr(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_expr(node.node)}[{node.arg.value!r}]"
    return repr(node.value) if isinstance(node, nodes.Const) else "…"


class Walker:
    """Walks a template's AST with the types of what each name holds, in Jinja's scopes."""

    def __init__(self, env, source: PartSource) -> None:
        self.env, self.source = env, source
        self.findings: list[Finding] = []

    def report(self, node, key: str, **kw: object) -> None:
        self.findings.append(Finding(key, self.source.at(node.lineno), msg(key, **kw)))

    def visit(self, node, scope: ChainMap) -> Any:
        handler = getattr(self, "visit_" + type(node).__name__, None)
        if handler is not None:
            return handler(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return ANY

    def visit_all(self, items, scope: ChainMap) -> None:
        for item in items:
            if item is not None:
                self.visit(item, scope)

    # -- expressions
    def visit_Const(self, node, scope):
        return type(node.value) if isinstance(node.value, str | int) else ANY

    def visit_Name(self, node, scope):
        if node.name in scope:
            return scope[node.name]
        self.report(node, "checktpl.unknown-name", name=node.name, hint=_did_you_mean(node.name, scope))
        return ANY

    def visit_Getattr(self, node, scope):
        return self.attribute(node, _expr(node), self.visit(node.node, scope), node.attr)

    def visit_Getitem(self, node, scope):
        from jinja2 import nodes

        base = self.visit(node.node, scope)
        self.visit(node.arg, scope)
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self.attribute(node, _expr(node), base, node.arg.value)  # Jinja tries both
        if isinstance(base, Seq):
            return base if isinstance(node.arg, nodes.Slice) else base.item
        return str if base is str else ANY

    def attribute(self, node, expr: str, base: Any, name: str) -> Any:
        if base is REFUSED:
            return REFUSED
        if name.startswith("_"):
            self.report(node, "checktpl.unsafe-attr", expr=expr)
            return REFUSED
        known = attributes(base)
        if known is None or name in known:
            return ANY if known is None else known[name]
        self.report(node, "checktpl.unknown-attr", expr=expr, type=type_name(base), attr=name,
                    hint=_did_you_mean(name, known))  # fmt: skip
        return ANY

    def visit_Filter(self, node, scope):
        base = self.visit(node.node, scope) if node.node is not None else ANY
        self.visit_all([*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs], scope)
        if node.name not in self.env.filters:
            self.report(node, "checktpl.unknown-filter", name=node.name,
                        hint=_did_you_mean(node.name, self.env.filters))  # fmt: skip
            return ANY
        return self.filter_result(node, base)

    def filter_result(self, node, base: Any) -> Any:
        name, item = node.name, base.item if isinstance(base, Seq) else ANY
        attr = self.attribute_argument(node, base)
        if name == "map" and attr is not None:
            return Seq(attr)
        if (name in _SAME_SEQ and isinstance(base, Seq)) or name in ("default", "d"):
            return base
        if name in _ITEM and isinstance(base, Seq):
            return item
        return int if name in _INT else str if name in ("join", "string", "e", "escape") else ANY

    def attribute_argument(self, node, base: Any) -> Any:
        """Checks `map(attribute='title')`, `selectattr('title')`…; the attribute's type, or None."""
        from jinja2 import nodes

        args = [k.value for k in node.kwargs if k.key == "attribute"]
        if node.name in _ATTR_ARG and node.args:
            args.append(node.args[0])
        if not args or not isinstance(args[0], nodes.Const) or not isinstance(base, Seq):
            return None
        t = base.item
        for part in str(args[0].value).split("."):
            t = self.attribute(node, f"{_expr(node.node)}|{node.name}({args[0].value!r})", t, part)
        return t

    def visit_Test(self, node, scope):
        self.visit(node.node, scope)
        self.visit_all([*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs], scope)
        if node.name not in self.env.tests:
            self.report(node, "checktpl.unknown-test", name=node.name,
                        hint=_did_you_mean(node.name, self.env.tests))  # fmt: skip
        return bool

    # -- statements that bind names
    def bind(self, target, t: Any, scope: ChainMap) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[target.name] = t
        elif isinstance(target, nodes.NSRef):
            self.visit(nodes.Name(target.name, "load", lineno=target.lineno), scope)
        else:
            for child in target.iter_child_nodes():
                self.bind(child, ANY, scope)

    def visit_For(self, node, scope):
        seq = self.visit(node.iter, scope)
        item = seq.item if isinstance(seq, Seq) else str if seq is str else ANY
        inner = scope.new_child()
        self.bind(node.target, item, inner)
        inner["loop"] = Loop(item)
        self.visit_all([node.test, *node.body], inner)
        self.visit_all(node.else_, scope)

    def visit_Assign(self, node, scope):
        self.bind(node.target, self.visit(node.node, scope), scope)

    def visit_AssignBlock(self, node, scope):
        self.visit_all([node.filter, *node.body], scope)
        self.bind(node.target, str, scope)

    def visit_With(self, node, scope):
        inner = scope.new_child()
        for target, value in zip(node.targets, node.values):
            self.bind(target, self.visit(value, scope), inner)
        self.visit_all(node.body, inner)

    def visit_Macro(self, node, scope):
        scope[node.name] = ANY
        self.macro_body(node, scope)

    def visit_CallBlock(self, node, scope):
        self.visit(node.call, scope)
        self.macro_body(node, scope)

    def macro_body(self, node, scope: ChainMap) -> None:
        self.visit_all(node.defaults, scope)
        inner = scope.new_child({"caller": ANY, "varargs": ANY, "kwargs": ANY})
        for arg in node.args:
            self.bind(arg, ANY, inner)
        self.visit_all(node.body, inner)

    def visit_Include(self, node, scope):
        self.report(node, "checktpl.no-include", tag=type(node).__name__.lower())

    visit_Import = visit_FromImport = visit_Extends = visit_Include


def initial_scope(env) -> ChainMap:
    return ChainMap({}, dict(CONTEXT), {name: ANY for name in env.globals})
