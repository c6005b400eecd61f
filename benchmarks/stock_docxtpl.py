"""The baseline: the straightforward docxtpl script a team would write for the same job.

It reads reportgen's schema file with yaml.safe_load and builds one Cerberus validator from it.
Then, for each data file: yaml.safe_load, validation, the template context built by reportgen's
own model and layout (the same paragraphs and figure rows), then a new DocxTemplate of the same
built-in template, render(context, autoescape=True) and save, as the docxtpl documentation shows.

    python benchmarks/stock_docxtpl.py OUTDIR DATA.yaml…

Prints one line: `stock: <n> documents, <seconds> s in the loop`.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

import cerberus
import yaml
from docxtpl import DocxTemplate

from generator.data.model import build
from generator.data.source import Source
from generator.layout import LAYOUTS
from generator.resources import folder
from generator.templating.context import build as context_of

TEMPLATE = folder("templates") / "gbt9704.docx"


class Validator(cerberus.Validator):
    # safe_load reads 12.50 as a float and 14 as an int; the schema calls both `decimal`
    types_mapping = cerberus.Validator.types_mapping.copy()
    types_mapping["decimal"] = cerberus.TypeDefinition("decimal", (int, float, Decimal), (bool,))


def validator() -> cerberus.Validator:
    schema = yaml.safe_load((folder("schemas") / "report.yaml").read_text(encoding="utf-8"))
    registry = cerberus.schema_registry.__class__()
    for name, fields in schema["definitions"].items():
        registry.add(name, fields)
    return Validator(schema["root"], schema_registry=registry)


def context(path: Path, text: str, data: dict) -> dict:
    for figure in (data.get("figures") or {}).values():
        for field in ("value", "previous"):
            if field in figure:
                figure[field] = Decimal(str(figure[field]))
    report = build(Source(str(path), text, data, {}, {}))
    return context_of(report, LAYOUTS[report.template or "standard"])


def main(out: Path, files: list[Path]) -> int:
    v = validator()
    started = time.perf_counter()
    failed = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        if not v.validate(data):
            print(f"{path}: {v.errors}", file=sys.stderr)
            failed += 1
            continue
        doc = DocxTemplate(TEMPLATE)
        doc.render(context(path, text, data), autoescape=True)
        doc.save(out / (path.stem + ".docx"))
    print(f"stock: {len(files) - failed} documents, {time.perf_counter() - started:.3f} s in the loop")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]]))
