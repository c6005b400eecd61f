"""Property: generated data in every layout, generated reviewer edits (words changed, inserted, deleted; paragraphs
inserted and deleted), as 修订 and as direct edits → `update`, then `render`, gives the reviewer's
text paragraph for paragraph, and the data file changes only inside the scalars that were edited.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import reviewdocs as rd
from conftest import VALIDATOR
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.data import source as source_mod
from generator.data.nodes import Scalar
from generator.layout import LAYOUTS
from generator.review import command

# no 是 (a point label ends in it), no digits (figures), no punctuation a run-in title would change
ALPHABET = "学习教育组织建设党员活动制度推进落实开展支部群众服务发展质量安全责任干部考核监督廉政宣传文化"
WORD = st.text(alphabet=ALPHABET, min_size=1, max_size=4)
SENTENCE = st.text(alphabet=ALPHABET, min_size=6, max_size=24).map(lambda s: s + "。")


@st.composite
def reports(draw) -> tuple[str, list[str]]:
    """A data file as a person writes it, and its text paragraphs (the scalars an edit may touch)."""
    texts: list[str] = []
    fields: list[list[str]] = []

    def block(indent: str, key: str) -> str:
        paras = draw(st.lists(SENTENCE, min_size=1, max_size=3, unique=True))
        texts.extend(paras)
        fields.append(list(paras))
        if len(paras) == 1:
            return f"{indent}{key}: {paras[0]}\n"
        body = f"\n{indent}  \n".join(f"{indent}  {p}" for p in paras).replace(f"\n{indent}  \n", "\n\n")
        return f"{indent}{key}: |\n{body}\n"

    layout = draw(st.sampled_from(list(LAYOUTS)))
    out = f"# 生成的测试数据\ntemplate: {layout}\norganization: 测试支部\n" + "period: {year: 2024, span: half, index: 1}\n" + block("", "intro") + "summary:\n  items:\n"
    for n in range(draw(st.integers(1, 3))):
        out += f"    - title: 工作{'一二三'[n]}\n" + block("      ", "text")
        points = draw(st.lists(SENTENCE, max_size=2, unique=True))
        texts.extend(points)
        if points:
            out += "      points:\n" + "".join(f"        - {p}\n" for p in points)
    problems = block("  ", "text")
    if layout in ("flat", "headline"):  # one paragraph: text, points and closing run together there
        fields.pop()
    out += "problems:\n" + problems + "plans:\n  items:\n    - title: 打算\n" + block("      ", "text")
    assume(len(set(texts)) == len(texts) and not any(a in b for a in texts for b in texts if a != b))
    return out, texts, fields


@st.composite
def edits(draw, paras: list[str], texts: list[str], fields: list[list[str]]) -> list:
    """Edits inside text paragraphs (found in the render by their text) and whole paragraphs."""
    ops, used = [], set()
    for _ in range(draw(st.integers(1, 4))):
        text = draw(st.sampled_from(texts))
        where = [n for n, p in enumerate(paras) if text in p]
        if len(where) != 1 or where[0] in used:
            continue
        n = where[0]
        used.add(n)
        at = paras[n].index(text)
        kind = draw(st.sampled_from(["replace", "insert", "delete", "new paragraph", "drop paragraph"]))
        if kind == "new paragraph":
            if paras[n] == text and any(text in f for f in fields):  # a paragraph of its own: the new one joins its text
                ops.append(rd.InsertAfter(n, draw(SENTENCE)))
            continue
        if kind == "drop paragraph":
            field = next((f for f in fields if text in f), [])  # (a point is in none)
            if paras[n] == text and len(field) > 1:
                field.remove(text)  # a field keeps a paragraph
                ops.append(rd.Delete(n))
            continue
        start = at + draw(st.integers(0, len(text) - 2))
        end = start if kind == "insert" else min(start + draw(st.integers(1, 3)), at + len(text) - 1)
        new = "" if kind == "delete" else draw(WORD)
        ops.append(rd.Replace(n, start, end, new))
    return ops


def render(path: Path) -> bytes:
    loaded = pipeline.load(path)
    assert loaded.ok, loaded.diagnostics
    return pipeline.render_bytes(loaded.report, pipeline.choose_template(loaded.report, path, None), "docx")


def scalar_lines(text: str, touched: list[str]) -> set[int]:
    """The lines (1-based) of the scalars whose text holds one of `touched`, key line included."""
    src = source_mod.read_text(text, "x.yaml")
    lines = set()
    for path, node in src.nodes.items():
        if isinstance(node, Scalar) and any(t in node.value.replace("\n", "") for t in touched):
            key = src.keys.get(path, node)
            last = text.count("\n", 0, len(text[: node.end].rstrip()))
            lines |= set(range(key.line, last + 2))
    return lines


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), tracked=st.booleans(), flavour=st.sampled_from(["word", "wps"]))
def test_update_then_render_gives_theirs(tmp_path_factory, data, tracked, flavour):
    folder = tmp_path_factory.mktemp("prop")
    text, texts, fields = data.draw(reports())
    path = folder / "report.yaml"
    path.write_text(text, encoding="utf-8")
    docx = render(path)
    paras = rd.texts(docx)
    ops = data.draw(edits(paras, texts, fields))
    assume(ops)
    doc = folder / "审阅.docx"
    doc.write_bytes(rd.reviewed(docx, ops, tracked=tracked, flavour=flavour, seed=data.draw(st.integers(0, 99))))
    checked = subprocess.run([sys.executable, str(VALIDATOR), str(doc)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout  # a package Word opens
    result = command.update(path, doc)
    assert result.exit_code == 0, [d.render() for d in result.diagnostics]
    assert not result.diagnostics, [d.render() for d in result.diagnostics]
    assert rd.texts(render(path)) == rd.applied(paras, ops)
    # only the edited scalars changed: every changed line of the old file is inside one of them
    touched = [t for op in ops for t in texts if t in paras[op.para]]
    allowed = scalar_lines(text, touched)
    new = path.read_text(encoding="utf-8")
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, text.splitlines(), new.splitlines()).get_opcodes():
        if tag in ("replace", "delete"):
            assert set(range(i1 + 1, i2 + 1)) <= allowed, (tag, i1, i2, text, new)
        elif tag == "insert":
            assert i1 in allowed or i1 + 1 in allowed, (i1, text, new)
