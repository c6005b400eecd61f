"""Which part a level-1 heading starts, by its words (import.md "Parts").

问题/不足/差距 → problems; 原因 → causes; 打算/计划/措施/思路/安排/下步/下一步/明年/来年 →
plans; any other heading is part of the summary. A summary section may use the same words
(“着力解决群众反映的问题”), so the parts are taken from the end, where reports put them: the
plans are the last heading with plans' words, the causes the last before them, the problems the
last before those.
"""

from __future__ import annotations

import re

from generator.importer.frame import Line
from generator.importer.script import fold

_PROBLEMS = re.compile(r"问题|不足|差距|短板|薄弱")
_CAUSES = re.compile(r"原因")
_PLANS = re.compile(r"打算|计划|措施|思路|安排|下步|下一步|明年|来年|下阶段|下一阶段|努力方向|工作重点")
_ORDER = ("problems", "causes", "plans")
_SUMMARY = re.compile(r"^(基本情况|主要工作|工作开展情况|主要做法|工作回顾|主要成效|.{0,12}工作(总结|开展情况|完成情况))$")


def part_of(heading: str) -> str | None:
    words = re.split(r"[。！？：:]", fold(heading), maxsplit=1)[0]  # a run-in heading's words, not its text
    if _PLANS.search(words) and not _PROBLEMS.search(words):
        return "plans"
    if _CAUSES.search(words) and not _PROBLEMS.search(words):
        return "causes"
    if _PROBLEMS.search(words):
        return "problems"
    return None


def roles(headings: list[str]) -> list[str | None]:
    """The part each level-1 heading starts, None for a summary section; in the parts' order."""
    found: list[str | None] = [None] * len(headings)
    limit = len(headings)
    for name in reversed(_ORDER):
        for i in range(limit - 1, -1, -1):
            if part_of(headings[i]) == name:
                found[i], limit = name, i
                break
    # a heading after the plans' with plans' words again (…计划 then …安排) is one of its items
    return found


def is_summary_heading(words: str) -> bool:
    """基本情况, 主要工作, 2024年上半年党建工作开展情况: the words of a summary's own heading."""
    return bool(_SUMMARY.match(fold(words)))


def part_words(line: Line) -> str:
    """The words of a 第N部分 heading."""
    return line.rest.strip(" \t\u3000：:")


def speaks_of_problems(text: str) -> bool:
    return bool(_PROBLEMS.search(fold(text)))
