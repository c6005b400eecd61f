"""The bounds a template runs under: time, output size, integer size, sizes of texts and lists,
recursion (generator/limits.py holds the numbers).

Jinja's sandbox keeps a template from Python's internals, not from using all the time and memory
there is: `{{ 9**(9**9) }}` is folded at compile time and never finishes, `{{ 'x'*300000000 }}`
takes gigabytes, nested `range` loops run for hours. Here:

- the operators that can make huge values (`**` `*` `+` `%`) are intercepted, which also keeps
  Jinja from folding them at compile time, and refused when their result would pass a bound;
- so are the methods and filters whose result grows with an argument (`center(10**9)`,
  `join`, `replace`, format widths), checked before they run;
- a render stops when its output passes the bound, or after its time (a watchdog raises in
  the rendering thread: Jinja's loops are Python code, so they stop at once);
- deep recursion (a macro calling itself) is Python's RecursionError, reported like the rest.

A breach is a `TemplateLimit` raised at the template's place; the caller reports it located.
"""

from __future__ import annotations

import ctypes
import re
import signal
import string
import threading
import time
from collections.abc import Iterator
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator import limits

# Jinja's own bound on one range (sandbox.MAX_RANGE), made a message of ours.
MAX_RANGE = 100_000


class TemplateLimit(Exception):
    """A template went past a bound; `key` names which (a message key), `kw` its fields."""

    def __init__(self, key: str = "template.limit-time", **kw: object) -> None:
        super().__init__(key)
        self.key, self.kw = key, kw or {"seconds": limits.TEMPLATE_SECONDS}


class TemplateTimeout(TemplateLimit):
    """Raised in the rendering thread by the watchdog (a class without arguments)."""


def _too_long(size: int) -> None:
    if size > limits.TEMPLATE_OUTPUT:
        raise TemplateLimit("template.limit-size", limit=limits.TEMPLATE_OUTPUT)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _ints(*values: Any) -> None:
    """Refuse a width or count taken from the template beyond the output bound."""
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool) and v > limits.TEMPLATE_OUTPUT:
            raise TemplateLimit("template.limit-size", limit=limits.TEMPLATE_OUTPUT)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `left operator right` before computing it when its result would pass a bound."""
    ints = all(isinstance(v, int) for v in (left, right))
    if operator == "**" and ints and right > 0 and abs(left) > 1:
        if right * (abs(left).bit_length() - 1) > limits.TEMPLATE_INT_BITS:
            raise TemplateLimit("template.limit-int", bits=limits.TEMPLATE_INT_BITS)
    elif operator == "*" and ints:
        if abs(left).bit_length() + abs(right).bit_length() > limits.TEMPLATE_INT_BITS:
            raise TemplateLimit("template.limit-int", bits=limits.TEMPLATE_INT_BITS)
    elif operator == "*":
        times = right if isinstance(right, int) else left if isinstance(left, int) else 0
        _too_long(max(_size(left), _size(right)) * max(times, 0))
    elif operator == "+":
        _too_long(_size(left) + _size(right))
    elif operator == "%" and isinstance(left, str):
        _percent_widths(left, right)


_PERCENT = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _percent_widths(fmt: str, args: Any) -> None:
    """`'%999999999d' % 1`, `'%*d' % (10**9, 1)`: widths and precisions within the bound."""
    for m in _PERCENT.finditer(fmt):
        for part in m.groups():
            if part == "*":
                _ints(*(args if isinstance(args, tuple) else (args,)))
            elif part:
                _ints(int(part))


def _format_widths(fmt: str, args: tuple, kwargs: dict) -> None:
    """`'{:>999999999}'.format(1)`, `'{:{}}'.format(1, 10**9)`: the same for str.format."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # format() itself says what is wrong
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            _ints(*args, *kwargs.values())
        elif spec:
            _ints(*(int(n) for n in re.findall(r"\d+", spec)))


def _joined(sep: Any, items: Any) -> None:
    if isinstance(sep, str) and hasattr(items, "__len__"):
        _too_long(len(sep) * len(items) + sum(_size(i) for i in items if isinstance(i, str)))


def _replaced(value: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(value, str) and isinstance(old, str) and isinstance(new, str):
        times = value.count(old) if old else len(value) + 1
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        _too_long(len(value) + times * len(new))


# Methods of str a template may call whose result grows with an argument.
_METHODS = {
    "center": lambda s, width=0, *a: _ints(width),
    "ljust": lambda s, width=0, *a: _ints(width),
    "rjust": lambda s, width=0, *a: _ints(width),
    "zfill": lambda s, width=0: _ints(width),
    "expandtabs": lambda s, tabsize=8: _too_long(s.count("\t") * max(tabsize, 0) + len(s)),
    "join": lambda s, items=(): _joined(s, items),
    "replace": lambda s, old="", new="", count=-1: _replaced(s, old, new, count),
}


def _indent(s: Any, width: Any = 4, *a: Any, **kw: Any) -> None:
    lines = str(s).count("\n") + 1
    _too_long(lines * (len(width) if isinstance(width, str) else max(int(width), 0) if isinstance(width, int) else 0))


def _wordwrap(s: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None, *a: Any, **kw: Any):
    wrapstring = kw.get("wrapstring", wrapstring)
    if isinstance(wrapstring, str) and isinstance(width, int):
        _too_long(len(str(s)) + (len(str(s)) // max(width, 1) + 1) * len(wrapstring))


# Jinja's filters whose result grows with an argument: what to check before each runs.
FILTER_CHECKS = {
    "center": lambda s, width=80: _ints(width),
    "indent": _indent,
    "wordwrap": _wordwrap,
    "join": lambda value, d="", attribute=None: _joined(d, value),
    "replace": lambda s, old="", new="", count=None: _replaced(str(s), old, new, -1 if count is None else count),
    "format": lambda value, *args, **kwargs: _percent_widths(str(value), args or kwargs),
    "slice": lambda value, slices=1, fill_with=None: _count(slices),
    "tojson": lambda value, indent=None: _count(indent or 0),
}


def _checked(check, run):
    def bounded(*args: Any, **kwargs: Any) -> Any:
        args = _listed(args)
        try:
            check(*_values(args), **kwargs)
        except TypeError:
            pass  # arguments the filter itself refuses: let it say so
        return run(*args, **kwargs)

    for attr in ("jinja_pass_arg",):  # keep how Jinja calls it (with the eval context, …)
        if hasattr(run, attr):
            setattr(bounded, attr, getattr(run, attr))
    return bounded


def _listed(args: tuple) -> tuple:
    """Arguments with each iterator (`map(…)`, `select(…)`) made a list, which a check can count
    and the filter or method read as well."""
    return tuple(list(a) if isinstance(a, Iterator) else a for a in args)


def _values(args: tuple) -> tuple:
    """A filter's arguments without what Jinja passes to some of them first (pass_eval_context,
    pass_context, pass_environment)."""
    from jinja2 import Environment
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return args[1:] if args and isinstance(args[0], EvalContext | Context | Environment) else args


def _count(n: Any) -> None:
    if isinstance(n, int) and n > MAX_RANGE:
        raise TemplateLimit("template.limit-range", limit=MAX_RANGE)


def bounded_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise TemplateLimit("template.limit-range", limit=MAX_RANGE)
    return r


def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002 (Jinja's names)
    """Jinja's placeholder text, with at most the bound of words of about ten characters each."""
    from jinja2.utils import generate_lorem_ipsum

    _too_long(n * max * 10)
    return generate_lorem_ipsum(n, html, min, max)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox with the bounds of this module."""

    intercepted_binops = frozenset(["**", "*", "+", "%"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.template_class = BoundedTemplate
        self.globals["range"] = bounded_range
        self.globals["lipsum"] = bounded_lipsum
        for name, check in FILTER_CHECKS.items():
            self.filters[name] = _checked(check, self.filters[name])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's names)
        owner, check = getattr(__obj, "__self__", None), _METHODS.get(getattr(__obj, "__name__", ""))
        if isinstance(owner, str) and check is not None:
            args = _listed(args)
            try:
                check(owner, *args, **kwargs)
            except TypeError:
                pass  # the method itself says what is wrong
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__

        def bounded(*args: Any, **kwargs: Any) -> str:
            _format_widths(fmt, args, kwargs)
            return wrapped(*args, **kwargs)

        return bounded


def _join_bounded(join):
    """Jinja's `~` (markup_join/str_join) with the size of the result checked first."""

    def bounded(seq: Any) -> str:
        items = list(seq)
        _too_long(sum(len(i) if isinstance(i, str) else 0 for i in items))
        return join(items)

    return bounded


class BoundedTemplate(ImmutableSandboxedEnvironment.template_class):
    """A template whose `~` is bounded, and whose render stops at the output and time bounds."""

    @classmethod
    def _from_namespace(cls, environment: Any, namespace: dict, globals: Any) -> Any:
        from jinja2.runtime import markup_join, str_join

        # the compiled code imports these into its namespace; its functions look them up there
        namespace["markup_join"], namespace["str_join"] = _join_bounded(markup_join), _join_bounded(str_join)
        return super()._from_namespace(environment, namespace, globals)

    def render(self, *args: Any, **kwargs: Any) -> str:
        done, pending, size = [], [], 0
        with Deadline(limits.TEMPLATE_SECONDS):
            chunks = self.generate(*args, **kwargs)
            for chunk in chunks:
                size += len(chunk)
                if size > limits.TEMPLATE_OUTPUT:  # raised where the template is, for its place
                    chunks.throw(TemplateLimit("template.limit-size", limit=limits.TEMPLATE_OUTPUT))
                pending.append(chunk)
                if len(pending) == 4096:  # joined as they come: a list of 50 million one-letter chunks is 400 MB
                    done.append("".join(pending))
                    pending.clear()
        return "".join(done) + "".join(pending)


class Deadline:
    """Raises TemplateTimeout in this thread once `seconds` have passed inside the `with` block.

    In the main thread of a POSIX process (every CLI render, pool workers included) a SIGALRM
    timer raises it: no thread is started, so `batch` may still fork its workers (batch.py forks
    only a process without threads). Elsewhere (Windows, a server's thread) one watchdog thread a
    process looks at the running deadlines every `_TICK` seconds and sets the exception on a
    thread past its own; CPython raises either at the thread's next bytecode, so Jinja's loops
    stop at once. The watchdog's lock makes sure the exception is never set after the block has
    ended, and one set but not raised yet when the block ends is taken back."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.thread = threading.get_ident()
        self.alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.fired = False

    def __enter__(self) -> Deadline:
        if self.alarm:
            self.previous = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            return self
        with _LOCK:
            _RUNNING[self.thread] = (time.monotonic() + self.seconds, self)
            _start_watchdog()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            return
        with _LOCK:
            del _RUNNING[self.thread]
            if self.fired:
                _set_async(self.thread, None)  # not raised yet: never raise it later


def _alarm(signum: int, frame: Any) -> None:
    raise TemplateTimeout


_TICK = 0.25
_LOCK = threading.Lock()
_RUNNING: dict[int, tuple[float, Deadline]] = {}
_WATCHDOG: list[threading.Thread] = []


def _start_watchdog() -> None:
    if not _WATCHDOG:
        _WATCHDOG.append(threading.Thread(target=_watch, name="reportgen-template-deadline", daemon=True))
        _WATCHDOG[0].start()


def _watch() -> None:
    while True:
        time.sleep(_TICK)
        now = time.monotonic()
        with _LOCK:
            for thread, (end, deadline) in _RUNNING.items():
                if now > end and not deadline.fired:
                    deadline.fired = True
                    _set_async(thread, TemplateTimeout)


def _set_async(thread: int, exception: type | None) -> None:
    exc = ctypes.py_object(exception) if exception else None  # None: take back one not raised yet
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), exc)
