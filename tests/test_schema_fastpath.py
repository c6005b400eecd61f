"""schema.conforms answers "valid" only when Cerberus agrees; it must never let bad data through."""

import copy
import datetime
from decimal import Decimal

from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.data import schema, source

ROOT = schema.rule_for_root()
DATA = [source.read(p)[0].data for p in sorted(SAMPLES.glob("*.yaml"))]


def cerberus_accepts(data) -> bool:
    return schema.validator().validate(data, normalize=False)


def test_samples_take_the_fast_path():
    for data in DATA:
        assert schema.conforms(data, ROOT)
        assert cerberus_accepts(data)


def paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, path + (i,))


REPLACEMENTS = st.one_of(
    st.none(), st.just(""), st.just("x" * 101), st.text(max_size=5), st.integers(-5, 3000),
    st.booleans(), st.just(Decimal("-1")), st.just(Decimal("2.5")), st.just([]), st.just({}),
    st.just(["a"]), st.just({"title": "t"}), st.just(datetime.date(2024, 1, 1)),
    st.just(datetime.datetime(2024, 1, 1)), st.sampled_from(["year", "half", "quarter", "Ab", "a_1"]),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(range(len(DATA))), st.data())
def test_conforms_never_accepts_what_cerberus_refuses(which, draw):
    data = copy.deepcopy(DATA[which])
    for _ in range(draw.draw(st.integers(1, 3))):
        targets = [p for p in paths(data) if p]
        path = draw.draw(st.sampled_from(targets))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            key = draw.draw(st.sampled_from(["bogus", "Ab", "title", "index", "previous"]))
            parent[key] = copy.deepcopy(draw.draw(REPLACEMENTS))  # st.just hands out one shared object
        else:
            parent[path[-1]] = copy.deepcopy(draw.draw(REPLACEMENTS))
    if schema.conforms(data, ROOT):
        assert cerberus_accepts(data), data


def test_conforms_refuses_each_kind_of_mistake():
    base = DATA[0]
    for mutate in (
        lambda d: d.pop("summary"),
        lambda d: d.update(bogus=1),
        lambda d: d["period"].update(year=True),
        lambda d: d["period"].update(year=1999),
        lambda d: d["period"].update(span="month"),
        lambda d: d.update(organization=""),
        lambda d: d.update(organization="长" * 101),
        lambda d: d["figures"].update(Bad={"label": "x", "value": Decimal(1)}),
        lambda d: d["summary"]["items"][0].update(title=None),
    ):
        data = copy.deepcopy(base)
        mutate(data)
        assert not schema.conforms(data, ROOT)
        assert not cerberus_accepts(data)
