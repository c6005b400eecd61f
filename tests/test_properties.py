"""Property-based tests (hypothesis).

(a) Any data valid under the schema renders, and every text the user wrote appears in the .docx
    exactly once and in order (after the paragraph rules of text.py).
(b) Random bytes and random YAML-ish text never raise: the reader and the validator answer with
    located diagnostics, whose places lie inside the file.
"""

import io
import zipfile

import yaml
from conftest import MINIMAL, SAMPLES
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator import pipeline
from generator.data import source, text, validate
from generator.data.model import build
from generator.diagnostics import Diagnostic
from generator.templating import templates

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- (a) valid data renders every text

CJK = "党建工作学习组织支部开展会议群众服务基层思想理论制度落实，。、；：？！“”‘’（）《》【】—…"
ASCII = "abcXYZ019 .,;:?!()[]-_/+=*#@~^|"
# what must come out literally: template syntax, XML specials, the $$ escape, docxtpl's brace
# escapes (`{_{` means `{{` only in a template, never in user text)
TRICKY = ["{{", "}}", "{%", "%}", "{#", "#}", "{%p", "&", "&amp;", "<b>", "</b>", "<", ">",
          "]]>", "$$", "$", '"', "'", "\\", "\u3000", "  ", "{_{", "}_}", "{_%", "%_}"]  # fmt: skip
UNITS = ["次", "人", "篇", "万元", "%", "个"]

body = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(alphabet=CJK + ASCII, min_size=1, max_size=6)), max_size=5)


@st.composite
def paragraphs(draw, refs, max_size=3):
    """Text of one or more paragraphs, each to be marked; single line breaks join, blank lines split."""
    parts = draw(st.lists(body, min_size=1, max_size=max_size))
    joined = ""
    for n, words in enumerate(parts):
        if refs and draw(st.booleans()):
            words = [*words, "${" + draw(st.sampled_from(refs)) + "}"]
        joined += ("" if n == 0 else draw(st.sampled_from(["\n\n", "\n", "\n\n\n"]))) + "\0" + "".join(words)
    return joined


@st.composite
def blocks(draw, refs, depth=0):
    block = {}
    if draw(st.booleans()):
        block["title"] = "\0" + "".join(draw(body))[:30]
    keys = draw(st.sets(st.sampled_from(["text", "points", "items"] if depth < 3 else ["text", "points"]), min_size=1))
    if "text" in keys:
        block["text"] = draw(paragraphs(refs))
    if "points" in keys:
        block["points"] = draw(st.lists(paragraphs(refs, max_size=1), min_size=1, max_size=3))
    if "items" in keys:
        block["items"] = draw(st.lists(blocks(refs, depth + 1), min_size=1, max_size=2))
    if draw(st.booleans()):
        block["closing"] = draw(paragraphs(refs))
    return block


@st.composite
def reports(draw):
    keys = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True), max_size=3, unique=True))
    figures = {k: {"label": "\0" + "".join(draw(body)), "value": draw(st.integers(0, 10**6))} for k in keys}
    for figure in figures.values():
        if draw(st.booleans()):
            figure["unit"] = draw(st.sampled_from(UNITS))
    refs = list(figures)
    span = draw(st.sampled_from(["year", "half", "quarter"]))
    period = {"year": draw(st.integers(2000, 2100)), "span": span}
    if span != "year":
        period["index"] = draw(st.integers(1, 2 if span == "half" else 4))
    data = {"organization": "\0" + "".join(draw(body))[:60], "period": period}
    if draw(st.booleans()):
        data["intro"] = draw(paragraphs(refs))
    data["summary"] = draw(blocks(refs))
    if figures:  # the table follows the summary
        data["figures"] = figures
    data["problems"] = draw(blocks(refs))
    if draw(st.booleans()):
        data["causes"] = draw(blocks(refs))
    data["plans"] = draw(blocks(refs))
    if draw(st.booleans()):
        data["closing"] = draw(paragraphs(refs))
    if draw(st.booleans()):
        data["signature"] = {"name": "\0" + "".join(draw(body))[:60], "date": "2024-07-05"}
    assume(_only_known_refs(data, set(figures)))
    return _mark(data)


def _only_known_refs(value, keys):
    """No `${` but references to defined figures: `$` next to `{{` would make a malformed one."""
    if isinstance(value, dict):
        return all(_only_known_refs(v, keys) for v in value.values())
    if isinstance(value, list):
        return all(_only_known_refs(v, keys) for v in value)
    return not isinstance(value, str) or all(r.is_literal or r.key in keys for r in text.refs(value))


def _mark(value, counter=None):
    """Replace each \\0 with a marker §n§, numbered in the order of the file, so no text repeats."""
    counter = counter if counter is not None else iter(range(10**6))
    if isinstance(value, str):
        return "".join(part if i == 0 else f"§{next(counter)}§{part}" for i, part in enumerate(value.split("\0")))
    if isinstance(value, dict):
        return {k: _mark(v, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(v, counter) for v in value]
    return value


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def expected_texts(data, fmt):
    """Every paragraph of user text as the .docx of format `fmt` must show it, in the order of the document."""
    figures = data.get("figures", {})

    def cited(key):
        return f"{figures[key]['value']}{figures[key].get('unit', '')}"

    def texts(value, path):
        if isinstance(value, dict):
            return [t for k, v in value.items() if k not in ("value", "unit", "date") for t in texts(v, path + (k,))]
        if isinstance(value, list):
            return [t for v in value for t in texts(v, path)]
        if not isinstance(value, str) or path[0] == "period":
            return []
        if path[0] in ("organization", "signature"):  # one line, no references there
            return [text.one_line(value)]
        if path[0] == "figures":  # a label goes into its table cell as typed
            return [value]
        return [text.substitute(p, cited) for p in text.paragraphs(value, folded=True)]

    out = [t for key, value in data.items() for t in texts(value, (key,))]
    if fmt == "two-part" and "title" in data["summary"]:  # the 第一部分 heading carries it, before the intro
        (title,) = texts(data["summary"]["title"], ("summary", "title"))
        out.remove(title)
        out.insert(1, title)
    return out


def document_text(docx_bytes):
    xml = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml")
    root = etree.fromstring(xml)
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p"))


@FEW
@given(data=reports(), fmt=st.sampled_from(["standard", "flat", "points", "headline", "two-part"]))
def test_valid_data_renders_every_text_once_in_order(tmp_path_factory, data, fmt):
    path = tmp_path_factory.mktemp("prop") / "report.yaml"
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = pipeline.load(path)
    assert loaded.ok, [d.render() for d in loaded.diagnostics]
    shown = document_text(pipeline.render_bytes(loaded.report, templates.resolve(fmt), "docx"))
    at = -1
    for wanted in expected_texts(data, fmt):
        assert shown.count(wanted) == 1, (wanted, shown)
        assert shown.index(wanted) > at, (wanted, shown)
        at = shown.index(wanted)


# ---------------------------------------------------------------- (b) nothing raises


def _check_places(found, text_):
    """Every diagnostic names a place inside the text."""
    starts = source.line_starts(text_)
    for d in found:
        d.render()
        assert 1 <= d.line <= len(starts), d
        end = starts[d.line] if d.line < len(starts) else len(text_) + 1
        assert 1 <= d.column <= end - starts[d.line - 1] + 1, d


def _read_everything(path):
    """The whole library path of `render`, short of writing: load, and render what validates."""
    loaded = pipeline.load(path)
    assert loaded.ok or any(d.is_error for d in loaded.diagnostics)
    if loaded.ok:
        pipeline.render_bytes(loaded.report, templates.resolve("standard"), "docx")
        pipeline.render_bytes(loaded.report, templates.resolve("two-part"), "md")
    return loaded


@MANY
@given(raw=st.binary(max_size=2048))
def test_random_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "report.yaml"
    path.write_bytes(raw)
    loaded = _read_everything(path)
    for d in loaded.diagnostics:
        assert d.line >= 1 and d.column >= 1, d


KEYS = ["organization", "period", "year", "span", "index", "summary", "problems", "causes", "plans", "title",
        "text", "points", "items", "closing", "intro", "signature", "name", "date", "figures", "label", "value",
        "unit", "previous", "format_version", "template", "标题", "a", "<<", "? a", "-"]  # fmt: skip
VALUES = ["", "测试支部", "2024", "010", "half", "quarter", "year", "1", "5", "12.50", "-1", ".nan", "yes", "No",
          "~", "null", "2024-02-30", "2024年7月5日", "2024-07-05", "[a, b]", "{year: 2024, span: year}", "[[[", "{",
          '"未闭合', "'单引号'", '"\\x01"', '"\\ud800"', '"\\q"', "&a x", "*a", "!!python/object:os.system", "!x y",
          "|", ">", "|-", "# 注释", "${study}", "$${", "${Bad}", "{{ title }}", "\x01", "\x0b", "\ufffe", "\u3000",
          "：", "一、学习", "@张三", "`代码`", "%50", "---", "..."]  # fmt: skip
SEPARATORS = [": ", ":", "：", ":\u3000", ": \t", " : "]
INDENTS = ["", "  ", "    ", "      ", "\t", "\u3000", "  - ", "- ", "-   "]

line = st.builds(
    lambda indent, key, sep, value: indent + key + sep + value,
    st.sampled_from(INDENTS), st.sampled_from(KEYS), st.sampled_from(SEPARATORS),
    st.one_of(st.sampled_from(VALUES), st.text(max_size=8)),
)  # fmt: skip
yamlish = st.builds(
    lambda lines, newline: newline.join(lines),
    st.lists(st.one_of(line, st.sampled_from(VALUES + INDENTS)), max_size=25),
    st.sampled_from(["\n", "\r\n", "\r"]),
)  # fmt: skip


@MANY
@given(text_=yamlish)
def test_random_yamlish_text(tmp_path_factory, text_):
    try:
        src = source.read_text(text_, "x.yaml")
    except source.ReadError as e:
        _check_places([Diagnostic("x.yaml", e.line, e.column)], text_)
        return
    found = validate.validate(src)
    _check_places(found, text_)
    if not any(d.is_error for d in found):
        build(src)


@MANY
@given(text_=yamlish)
def test_random_yamlish_file(tmp_path_factory, text_):
    path = tmp_path_factory.mktemp("yamlish") / "report.yaml"
    path.write_bytes(text_.encode("utf-8", "surrogatepass"))  # a lone surrogate makes bytes no decoder takes
    _read_everything(path)


SEEDS = [MINIMAL, *(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.yaml")))]
EDITS = st.sampled_from(["", "\n", " ", "  ", "\t", "\u3000", "：", ":", "-", "- ", '"', "'", "[", "]", "{", "}",
                         "&", "*", "!", "|", ">", "#", "${", "$", "\x01", "---\n", "0", "一、"])  # fmt: skip


@MANY
@given(seed=st.sampled_from(SEEDS), edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), EDITS), max_size=4))
def test_mutated_real_files(seed, edits):
    """A real file with a few typing slips: the reader answers, and places are inside the file."""
    text_ = seed
    for where, cut, insert in edits:
        at = int(where * len(text_))
        text_ = text_[:at] + insert + text_[at + cut :]
    assume(text_ != seed)
    try:
        src = source.read_text(text_, "x.yaml")
    except source.ReadError as e:
        _check_places([Diagnostic("x.yaml", e.line, e.column)], text_)
        return
    found = validate.validate(src)
    _check_places(found, text_)


scalars = st.one_of(
    st.sampled_from(VALUES), st.integers(-5, 3000), st.booleans(), st.none(), st.floats(allow_nan=True),
    st.text(max_size=6), st.dates(),
)  # fmt: skip
shapes = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=25,
)  # fmt: skip


@MANY
@given(data=st.dictionaries(st.sampled_from(KEYS), shapes, max_size=8), flow=st.booleans())
def test_random_shapes(tmp_path_factory, data, flow):
    """Schema keys over random shapes and scalars: validation answers, never a Python error."""
    dumped = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, default_flow_style=flow)
    path = tmp_path_factory.mktemp("shapes") / "report.yaml"
    path.write_text(dumped, encoding="utf-8", errors="surrogatepass")
    _read_everything(path)
