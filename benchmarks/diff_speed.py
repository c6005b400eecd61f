"""`reportgen diff` on two 20-page reports: its time against rendering the new one, and its marks.

    python benchmarks/diff_speed.py [--repeat 15] [--redlines-python PATH]

Builds a pair of reports of about 20 pages (seeded, from the corpus of benchmarks/corpus.py): the
old one, and a new one with the edits a reviewer makes — words changed inside sentences, a
sentence added and one cut, an item deleted (renumbering the rest), one added, one moved, a point
dropped, a part title, the intro split in two, figures changed, added and removed. Then:

1. time: `diff` in-process against `render` of the new file in-process (both warm, the median of
   --repeat runs each, alternated), and both as whole commands (start-up included);
2. marks: characters inside w:ins/w:del (and w:moveFrom/w:moveTo, which reportgen does not
   write but Docxodus does) plus paragraph marks, against the character edit distance
   between the two plain renders (paragraphs joined by a line break); paragraphs (a table row
   counting as one) with marks against the paragraph edit distance; accept-all and reject-all
   checked against the renders with tests/tracked.py;
3. python-redlines, when --redlines-python names a Python where it is installed (it runs
   Open-XML-PowerTools' WmlComparer, or Docxodus, both .NET programs shipped in its wheels): its
   time and its marks on the same two plain renders, counted the same way.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests")]

import corpus  # noqa: E402  (sibling scripts, not packages)
import tracked  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.diff import command as diffing  # noqa: E402
from generator.diff import sequence

PAGE_CHARS = 28 * 22  # GB/T 9704: 28 characters a line, 22 lines a page
REDLINES = r"""
import sys, time, warnings
warnings.simplefilter("ignore")
from python_redlines.engines import XmlPowerToolsEngine, DocxodusEngine
old, new, out = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), sys.argv[3]
for name, engine in (("wmlcomparer", XmlPowerToolsEngine), ("docxodus", DocxodusEngine)):
    try:
        e = engine()
    except Exception as error:
        print(name, "unavailable", repr(error)); continue
    started = time.perf_counter()
    result = e.run_redline("reviewer", old, new)
    print(name, time.perf_counter() - started)
    open(out + "." + name + ".docx", "wb").write(result[0])
"""


def old_report(rng: random.Random) -> dict:
    """About 20 pages: the corpus's report frame with every sample item, twice over if need be."""
    pool = corpus.samples()
    data = corpus.report(1, pool, rng)
    extra = [corpus._item(i, rng) for s in pool for i in s["summary"]["items"]]
    data["summary"]["items"] = data["summary"]["items"] + extra
    while len(corpus.dump(data)) < 20 * PAGE_CHARS * 1.3:  # YAML keys and indents: ~1.3 × the text
        data["summary"]["items"].append(corpus._item(rng.choice(extra), rng))
    return data


def reviewed(old: dict, rng: random.Random) -> dict:
    """The edits of a review round."""
    new = copy.deepcopy(old)
    items = new["summary"]["items"]
    for item in rng.sample(items, 8):  # a word changed inside a sentence
        if item.get("text"):
            text = item["text"]
            words = [m.start() for m in re.finditer("[\u4e00-\u9fff]{2}", text)]  # not inside a ${key}
            at = rng.choice(words)
            item["text"] = text[:at] + rng.choice(("进一步", "全面", "切实", "持续")) + text[at + 2 :]
    items[2]["text"] = (items[2].get("text") or "").rstrip("\n") + "同时建立了月度通报制度，推动问题整改闭环。"
    if items[4].get("text"):
        items[4]["text"] = items[4]["text"].split("。")[0] + "。"  # a sentence cut
    del items[6]  # an item deleted: the rest renumber
    items.insert(9, {"title": "推进智慧运维建设", "text": "依托集控中心，推动党员带头应用在线监测和无人机巡检。"})
    items.append(items.pop(3))  # an item moved to the end
    for item in items:
        if len(item.get("points", ())) > 2:
            del item["points"][1]  # a point dropped: 三是 becomes 二是 …
            break
    new["problems"]["title"] = "存在的问题和不足"
    intro = new["intro"].rstrip("\n")
    at = intro.index("，", len(intro) // 3) + 1
    new["intro"] = intro[:at] + "\n\n" + intro[at:]
    figures = new["figures"]
    for key in list(figures)[:3]:
        figures[key]["value"] = figures[key]["value"] + 1
    gone = figures.pop(key := list(figures)[-1])  # a figure removed, its uses typed out
    new = _replace(new, "${" + key + "}", f"{gone['value']}{gone.get('unit', '')}")
    figures["volunteer_hours"] = {"label": "志愿服务时长", "value": 120, "unit": "小时"}
    return new


def _replace(value, old: str, new: str):
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    return value


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command_time(args: list[str], repeat: int) -> float:
    command = [sys.executable, "-m", "generator", *args]
    subprocess.run(command, check=True, capture_output=True)  # caches filled, not timed
    return median_time(lambda: subprocess.run(command, check=True, capture_output=True), repeat)


def counts(docx: Path, old_xml: bytes, new_xml: bytes) -> dict:
    out = tracked.document_xml(docx.read_bytes())
    chars, pmarks, marked = tracked.marks(out)
    accepted, rejected = tracked.accept(out), tracked.reject(out)
    return {
        "marked characters": chars + pmarks,
        "marked paragraphs": marked,
        "accepted text = new": tracked.texts(accepted) == tracked.texts(new_xml),
        "rejected text = old": tracked.texts(rejected) == tracked.texts(old_xml),
        # and every paragraph's and run's properties (a tool that adds attributes of its own fails here)
        "accepted = new": tracked.paragraphs(accepted) == tracked.paragraphs(new_xml),
        "rejected = old": tracked.paragraphs(rejected) == tracked.paragraphs(old_xml),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--redlines-python", help="a Python with python-redlines installed")
    args = parser.parse_args()
    rng = random.Random(9704)
    work = Path(tempfile.mkdtemp(prefix="reportgen-diff-"))
    old_data = old_report(rng)
    old, new = work / "old.yaml", work / "new.yaml"
    old.write_text(corpus.dump(old_data), encoding="utf-8")
    new.write_text(corpus.dump(reviewed(old_data, rng)), encoding="utf-8")
    for path in (old, new):
        assert pipeline.render_file(path, path.with_suffix(".docx")).ok, path
    old_xml, new_xml = (tracked.document_xml(p.with_suffix(".docx").read_bytes()) for p in (old, new))
    old_text, new_text = ("\n".join(tracked.texts(x)) for x in (old_xml, new_xml))
    print(f"old: {len(old_text)} characters (~{len(old_text) / PAGE_CHARS:.0f} pages), new: {len(new_text)}")

    out = work / "out.docx"
    render = lambda: pipeline.render_file(new, work / "again.docx")  # noqa: E731
    diff = lambda: diffing.run(str(old), str(new), out, author="审核人", date="2024-07-05")  # noqa: E731
    render(), diff()  # warm
    t_render, t_diff = median_time(render, args.repeat), median_time(diff, args.repeat)
    print(f"in-process: render {t_render * 1000:.1f} ms, diff {t_diff * 1000:.1f} ms, ratio {t_diff / t_render:.2f}")
    c_render = command_time(["render", str(new), "-o", str(work / "c.docx")], max(3, args.repeat // 3))
    c_diff = command_time(["diff", str(old), str(new), "-o", str(work / "d.docx")], max(3, args.repeat // 3))
    print(f"commands: render {c_render:.3f} s, diff {c_diff:.3f} s, ratio {c_diff / c_render:.2f}")

    distance = sequence.levenshtein(old_text, new_text)
    differ = tracked.levenshtein(tracked.units(old_xml), tracked.units(new_xml))
    print(f"character edit distance {distance}; paragraphs that differ {differ} (paragraph edit distance)")
    ours = counts(out, old_xml, new_xml)
    print("reportgen:", json.dumps(ours, ensure_ascii=False),
          f"ratio to edit distance {ours['marked characters'] / distance:.2f}")  # fmt: skip

    if args.redlines_python:
        plain = [str(p.with_suffix(".docx")) for p in (old, new)]
        done = subprocess.run([args.redlines_python, "-c", REDLINES, *plain, str(work / "redlines")],
                              capture_output=True, text=True)  # fmt: skip
        print("python-redlines:", done.stdout.strip() or done.stderr.strip()[-500:])
        for line in done.stdout.splitlines():
            name, seconds = line.split()[:2]
            result = work / f"redlines.{name}.docx"
            if result.exists():
                theirs = counts(result, old_xml, new_xml)
                print(f"{name}: {float(seconds):.2f} s,", json.dumps(theirs, ensure_ascii=False),
                      f"ratio to edit distance {theirs['marked characters'] / distance:.2f}")  # fmt: skip
    print(f"files in {work}")


if __name__ == "__main__":
    main()
