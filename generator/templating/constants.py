"""What `check-template` can tell of a template's bounds before any data meets it: constant
expressions (`9**(9**9)`, `'x'*300000000`, `range(10**9)`, `'x'|center(10**9)`) computed here
within the bounds of bounds.py, and loops over constant ranges nested past a count of runs."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from typing import Any

from jinja2 import nodes

from generator.templating.bounds import FILTER_CHECKS, TemplateLimit, bounded_range, check_binop

# Runs of the innermost body of nested loops over constant ranges that check-template reports:
# a report's template loops over its items, never ten million times.
LOOP_RUNS = 10_000_000

_UNKNOWN = object()
_BINOPS = {"**": operator.pow, "*": operator.mul, "+": operator.add, "%": operator.mod, "-": operator.sub}


def breaches(ast: nodes.Template) -> Iterator[tuple[nodes.Node, TemplateLimit]]:
    """Each node whose constant value, or whose nested constant loops, would pass a bound."""
    seen: set[int] = set()
    for node in ast.find_all((nodes.BinExpr, nodes.Call, nodes.Filter, nodes.For)):
        try:
            if isinstance(node, nodes.For):
                _loop_runs(node)
            else:
                value(node)
        except TemplateLimit as e:
            if node.lineno not in seen:  # one finding a line: the outermost expression
                seen.add(node.lineno)
                yield node, e


def value(node: nodes.Node) -> Any:
    """The value of a constant expression, or _UNKNOWN; TemplateLimit when computing it would
    pass a bound (then it is not computed)."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.BinExpr) and node.operator in _BINOPS:
        left, right = value(node.left), value(node.right)
        if left is _UNKNOWN or right is _UNKNOWN:
            return _UNKNOWN
        check_binop(node.operator, left, right)
        return _apply(_BINOPS[node.operator], left, right)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "range":
        args = [value(a) for a in node.args]
        if node.kwargs or any(a is _UNKNOWN or not isinstance(a, int) for a in args):
            return _UNKNOWN
        return _apply(bounded_range, *args)
    if isinstance(node, nodes.Filter) and node.name in FILTER_CHECKS and node.node is not None:
        args = [value(a) for a in (node.node, *node.args)]
        kwargs = {k.key: value(k.value) for k in node.kwargs}
        if _UNKNOWN not in args and _UNKNOWN not in kwargs.values():
            _apply(FILTER_CHECKS[node.name], *args, **kwargs)  # the check only: the filter never runs here
    return _UNKNOWN


def _apply(f, *args: Any, **kwargs: Any) -> Any:
    try:
        return f(*args, **kwargs)
    except TemplateLimit:
        raise
    except Exception:  # what the template would fail with when run: the render reports it
        return _UNKNOWN


def _loop_runs(loop: nodes.For) -> None:
    """Refuse loops over constant ranges nested so that the innermost body would run past LOOP_RUNS."""
    runs = _runs(loop)
    if runs > LOOP_RUNS:
        raise TemplateLimit("template.limit-loops", runs=runs, limit=LOOP_RUNS)


def _runs(node: nodes.Node) -> int:
    """The most runs of a body inside `node`: nested loops multiply, loops side by side do not."""
    inner = max((_runs(child) for child in node.iter_child_nodes()), default=1)
    found = value(node.iter) if isinstance(node, nodes.For) else None
    return inner * max(len(found), 1) if isinstance(found, range) else inner
