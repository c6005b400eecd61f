"""`reportgen update --from` on a reviewed 20-page report: its time against rendering the same data.

    python benchmarks/update_speed.py [--repeat 15]

Builds a report of about 20 pages (seeded, as benchmarks/diff_speed.py does), renders it, and
makes the document a reviewer sends back, the way Word saves it (tests/reviewdocs.py: runs split
anywhere, w:rsid*, proofErr, bookmarks, fields, smart tags): 50 tracked changes — words replaced,
inserted and deleted inside body paragraphs, new paragraphs — and 10 comments, one with a reply.
Then times, warm and in-process (the median of --repeat runs each, alternated), `update` (read
the document, map, merge, write a copy of the data with -o) against `render` of the same data to
.docx; and both as whole commands (start-up included). The target: update under 1 s.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
from pathlib import Path

from diff_speed import PAGE_CHARS, command_time, median_time, old_report

import corpus  # noqa: E402  (sibling scripts, not packages)
import reviewdocs as rd  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.review import command  # noqa: E402

CHANGES, COMMENTS = 50, 10
_SAFE = re.compile(r"[\u4e00-\u9fff]{4,}")  # a run of Chinese characters: no label, number or 是 split


def edits(paras: list[str], rng: random.Random) -> list:
    """50 tracked changes and 10 comments on body paragraphs, one change a paragraph at most."""
    body = [n for n, p in enumerate(paras) if len(p) > 40 and "是" not in p[:4]]
    chosen = rng.sample(body, CHANGES + COMMENTS)
    ops: list = []
    for k, n in enumerate(chosen[:CHANGES]):
        runs = [m for m in _SAFE.finditer(paras[n]) if m.start() > 6 and "是" not in m.group(0)]
        if k % 10 == 9:
            ops.append(rd.InsertAfter(n, "支部还结合实际开展了专题调研，形成调研报告一篇。"))
            continue
        m = rng.choice(runs)
        at = rng.randint(m.start(), m.end() - 2)
        kind = k % 3
        if kind == 0:
            ops.append(rd.Replace(n, at, at + 2, "切实"))
        elif kind == 1:
            ops.append(rd.Replace(n, at, at, "进一步"))
        else:
            ops.append(rd.Replace(n, at, at + 1, ""))
    for k, n in enumerate(chosen[CHANGES:]):
        replies = [("李四", "已按意见修改")] if k == 0 else []
        ops.append(rd.Comment(n, 0, 6, "张三", f"第{k + 1}条意见：请再核实这里的表述", replies=replies))
    return ops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(9704)
    work = Path(tempfile.mkdtemp(prefix="reportgen-update-"))
    data = work / "report.yaml"
    data.write_text(corpus.dump(old_report(rng)), encoding="utf-8")
    docx = work / "report.docx"
    assert pipeline.render_file(data, docx).ok
    paras = rd.texts(docx.read_bytes())
    print(f"report: {sum(map(len, paras))} characters (~{sum(map(len, paras)) / PAGE_CHARS:.0f} pages), {len(paras)} paragraphs")
    reviewed = work / "审阅.docx"
    reviewed.write_bytes(rd.reviewed(docx.read_bytes(), edits(paras, rng), tracked=True, flavour="word", seed=1))
    out = work / "out.yaml"
    result = command.update(data, reviewed, out=out)
    c = result.counts
    print(f"update: {c.edits} edits ({c.fields} fields), {c.comments} comments, {c.conflicts} conflicts, {c.warnings} not taken")
    assert result.exit_code == 0 and c.comments == COMMENTS + 1 and c.warnings == 0, [d.render() for d in result.diagnostics]
    shutil.copy(data, work / "copy.yaml")
    render = lambda: pipeline.render_file(data, work / "again.docx")  # noqa: E731
    update = lambda: command.update(data, reviewed, out=out)  # noqa: E731
    render(), update()  # warm
    t_render, t_update = median_time(render, args.repeat), median_time(update, args.repeat)
    print(f"in-process: render {t_render * 1000:.1f} ms, update {t_update * 1000:.1f} ms, ratio {t_update / t_render:.2f}")
    runs = max(3, args.repeat // 3)
    c_render = command_time(["render", str(data), "-o", str(work / "c.docx")], runs)
    c_update = command_time(["update", str(data), "--from", str(reviewed), "-o", str(work / "c.yaml")], runs)
    print(f"commands: render {c_render:.3f} s, update {c_update:.3f} s, ratio {c_update / c_render:.2f}")
    print(f"target update < 1 s: {'met' if c_update < 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
