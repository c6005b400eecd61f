"""The example content `reportgen new` writes into a skeleton, and how lint knows it again.

Kept here, below both, so that `new` writes the very texts the placeholder rule recognises.
"""

from __future__ import annotations

import re

# The example content of a skeleton. The facts (FACTS) are the branch's own to replace: lint flags
# any still unchanged; the titles, lead-ins and closing are phrases a report may well keep.
EXAMPLE = {
    "intro": "{period}，支部在上级党组织的领导下，坚持把学习贯彻党的创新理论作为首要任务，\n"
    "紧扣本单位年度目标抓好党建各项工作，党员队伍的凝聚力和战斗力进一步增强。现将有关情况报告如下：",
    "summary-title": "加强理论学习，提高党员政治素质",
    "summary-text": "支部按季度制定学习安排，把集中学习和个人自学结合起来，引导党员联系岗位实际谈认识、找差距。",
    "summary-points": (
        "集中学习按计划开展。本期组织支部集中学习${study_sessions}，每次确定一名党员领学并结合工作谈体会。",
        "学习成果用于解决实际问题。围绕业务工作中的难点开展专题讨论，提出的改进措施已逐项落实。",
    ),
    "problems-text": "对照上级要求和群众期盼，支部工作还存在一些不足：",
    "problems-point": "学习研讨联系实际不够紧密，解决具体问题的办法还不多。",
    "causes-point": "对新情况新问题研究不深，工作方法创新不够。",
    "plans-text": "下一步，支部将重点做好以下工作：",
    "plans-title": "持续深化理论学习",
    "plans-item-text": "坚持每月至少组织一次集中学习，把学习成效体现到推动本职工作上来。",
    "closing": "支部将继续坚持围绕中心抓党建、抓好党建促发展，以更加扎实的作风完成各项任务。",
}
FACTS = ("intro", "summary-text", "summary-points", "problems-point", "causes-point", "plans-item-text")


def _facts_pattern() -> re.Pattern[str]:
    """The skeleton's example facts as a pattern over a text without white space, any period."""
    texts = [t for name in FACTS for t in ((EXAMPLE[name],) if isinstance(EXAMPLE[name], str) else EXAMPLE[name])]
    pieces = [re.escape(re.sub(r"\s+", "", t)).replace(re.escape("{period}"), ".{2,12}") for t in texts]
    return re.compile("|".join(pieces))


_EXAMPLE_FACTS = _facts_pattern()


def is_example(text: str) -> bool:
    """Whether a text is still one of the skeleton's example facts, as `new` wrote it."""
    return _EXAMPLE_FACTS.fullmatch(re.sub(r"\s+", "", text)) is not None
