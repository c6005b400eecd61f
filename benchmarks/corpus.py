"""Benchmark inputs: realistic report data files of about 9,000 characters, each one different.

Each report takes the structure and wording of the two full samples in sample_data/, then varies
what differs between real branches: the organisation, the period, the order and choice of work
items and points, the figures and the signing date. Seeded, so every run builds the same corpus.
"""

from __future__ import annotations

import copy
import datetime
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("2024-h1.yaml", "2023-annual.yaml")
TARGET_CHARS = (8_000, 10_000)  # around 9,000 characters a report

_UNITS = ("运维", "检修", "营销", "机关", "信息", "物资", "调度", "安监", "后勤", "财务")
_COMPANIES = ("星河能源公司", "青岚县水务局", "澜湾港务集团", "云岭交通投资公司", "北川供电公司")
_ORDINALS = "一二三四五六七八九十"


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, as people write it; no anchors for repeated values."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def samples() -> list[dict]:
    return [yaml.safe_load((ROOT / "sample_data" / name).read_text(encoding="utf-8")) for name in SAMPLES]


def _period(rng: random.Random) -> dict:
    span = rng.choice(("year", "half", "quarter"))
    period = {"year": rng.randint(2019, 2026), "span": span}
    if span != "year":
        period["index"] = rng.randint(1, 2 if span == "half" else 4)
    return period


def _figures(pool: dict, rng: random.Random) -> dict:
    out = {}
    for key, figure in pool.items():
        f = dict(figure)
        for field in ("value", "previous"):
            if field in f:
                scaled = f[field] * rng.uniform(0.6, 1.6)
                f[field] = round(scaled, 2) if isinstance(f[field], float) else max(1, round(scaled))
        out[key] = f
    return out


def _shuffled_block(block: dict, rng: random.Random) -> dict:
    block = copy.deepcopy(block)
    if block.get("points"):
        rng.shuffle(block["points"])
    return block


def _sentence(rng: random.Random) -> str:
    """One sentence of the kind every branch report has, with its own numbers."""
    when = rng.choice(("年初", "一季度", "二季度", "汛期前", "年中", "下半年以来", "年底前"))
    act, result = rng.choice(_ACTS), rng.choice(_RESULTS)
    return f"{when}，支部{act}{rng.randint(2, 30)}次，参与党员{rng.randint(8, 160)}人次，{result.format(k=rng.randint(3, 40))}。"


_ACTS = ("组织党员开展设备隐患排查", "召开专题学习研讨会", "走访慰问困难职工", "开展志愿服务活动",
         "举办业务技能比武", "组织青年党员集中学习", "开展廉洁风险提醒谈话", "到联系班组调研")  # fmt: skip
_RESULTS = ("相关做法已在全单位交流推广", "收集意见建议{k}条，均已逐项答复", "形成整改清单并按期销号",
            "帮助基层解决实际困难{k}件", "职工群众的满意度进一步提高", "发现的{k}个问题全部整改到位")  # fmt: skip


def _item(item: dict, rng: random.Random) -> dict:
    item = _shuffled_block(item, rng)
    if item.get("text") and rng.random() < 0.6:
        item["text"] = item["text"].rstrip("\n") + _sentence(rng)
    return item


def _union(pool: list[dict], part: str, rng: random.Random) -> dict:
    """A part with the points and items of every sample, in a new order."""
    block = _shuffled_block(pool[rng.randrange(len(pool))][part], rng)
    for field in ("points", "items"):
        found = [_item(x, rng) if field == "items" else x for s in pool for x in s[part].get(field, ())]
        rng.shuffle(found)
        if found:
            block[field] = found
    return block


def report(n: int, pool: list[dict], rng: random.Random) -> dict:
    """The n-th report: one sample's frame, parts drawn from both, cut to about 9,000 characters."""
    base = pool[n % len(pool)]
    organization = f"{rng.choice(_COMPANIES)}{rng.choice(_UNITS)}第{_ORDINALS[n % 10]}党支部"
    period = _period(rng)
    items = [_item(i, rng) for s in pool for i in s["summary"]["items"]]
    rng.shuffle(items)
    data = {
        "organization": organization,
        "period": period,
        "intro": base["intro"],
        "summary": {"items": items},
        "problems": _union(pool, "problems", rng),
        "causes": _union(pool, "causes", rng),
        "plans": _union(pool, "plans", rng),
        "closing": base["closing"],
        "signature": {"name": f"中共{organization}委员会", "date": datetime.date(period["year"], 12, 1)
                      - datetime.timedelta(days=rng.randint(0, 300))},
        "figures": _figures({k: v for s in reversed(pool) for k, v in s["figures"].items()}, rng),
    }  # fmt: skip
    target = rng.randint(*TARGET_CHARS)
    while len(items) > 3 and len(dump(data)) > target:
        items.pop()
    return data


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000)


def write(folder: Path, count: int, seed: int = 9704) -> list[Path]:
    """`count` data files in `folder` (report-00001.yaml …); returns their paths in order."""
    rng, pool = random.Random(seed), samples()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"report-{n:05d}.yaml"
        path.write_text(dump(report(n, pool, rng)), encoding="utf-8")
        paths.append(path)
    return paths
