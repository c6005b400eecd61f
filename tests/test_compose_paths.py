"""The C composer path and the event path of compose.compose build the same nodes, or C declines."""

import pytest
import yaml
from conftest import MINIMAL, SAMPLES

from generator.data import compose

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.yaml"))] + [
    MINIMAL,
    MINIMAL.replace("\n", "\r\n"),
    "a: |\n  多行\n\n  文字\nb: 'q''uote'\nc: \"esc\\tape\"\nd: >\n  折叠\n  文字\ne: [1, {f: 2}]\n",
    "a: 中文字\nb:\n  - 党建 工作: x\n  - \"引号\"\nc: |\n  多行\n  文字\r\nd: 1\r\ne: 2\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_nodes_either_way(text):
    fast = compose._compose_in_c(text)
    assert fast is not None
    assert fast == compose._Composer(text).run(yaml.SafeLoader)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: 1\na: 2\n",  # duplicate key
        "<<: {a: 1}\n",  # merge key
        "a: 1\n---\nb: 2\n",  # two documents
        "",  # empty
        "[" * 200 + "]" * 200,  # deep nesting
        "a: [unclosed\n",  # syntax error
        "a: 一\u2028二\nb: 1\n",  # a line break to libyaml, not to an editor
    ],
)
def test_c_path_declines(text):
    assert compose._compose_in_c(text) is None
