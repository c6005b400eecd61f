"""The 汇编's .docx package: the built-in template's parts, and the branches' documents brought in.

Each branch's document is rendered in its own template. Its body goes into the 汇编 as it is;
what the body points at comes along: a style the 汇编 lacks is added, a style of the same name
but another definition (a custom template's `Heading1`) is renamed for that branch, and parts the
body or its section refer to (headers, images) are copied under new names with new
relationships. Footers are the 汇编's own: one page numbering, `— N —`, through every branch.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from generator.resources import folder
from generator.templating.templates import BUILTIN_DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"w": W, "r": R}
DOCUMENT, STYLES, RELS, TYPES = "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"
FOOTER_REL = f"{R}/footer"
# The relationships a branch's body or section may use that the 汇编 copies; others (styles,
# settings, fonts, footers, numbering) are the 汇编's own.
COPIED = ("header", "image", "hyperlink")


# A branch's parts come from its template, which the user chose but may not have written: no
# entities are expanded and nothing is fetched while reading them.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Brought:
    """A branch's document as the 汇编 holds it."""

    body: list[etree._Element]  # the body's paragraphs and tables, the final sectPr taken out
    section: etree._Element  # its sectPr, footers pointed at the 汇编's


class Package:
    def __init__(self) -> None:
        with zipfile.ZipFile(folder("templates") / BUILTIN_DOCX) as z:
            self.parts = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
        self.styles = _parse(self.parts[STYLES])
        self.rels = _parse(self.parts[RELS])
        self.types = _parse(self.parts[TYPES])
        self.style_xml = {s.get(w("styleId")): _canonical(s) for s in self.styles.iterfind("w:style", NS)}
        self.footers = {r.get("Id"): r for r in self.rels if r.get("Type") == FOOTER_REL}
        self.styles_fingerprint = (zlib.crc32(self.parts[STYLES]), len(self.parts[STYLES]))
        self._count = 0

    # ------------------------------------------------------------ what the 汇编's own sections use

    def footer_references(self) -> list[etree._Element]:
        """The GB/T 9704 page-number footers, odd (default) and even, as sectPr children."""
        out = []
        for rid, rel in self.footers.items():
            kind = "even" if "2" in rel.get("Target", "") else "default"
            ref = etree.Element(w("footerReference"), nsmap={"w": W, "r": R})
            ref.set(w("type"), kind)
            ref.set(f"{{{R}}}id", rid)
            out.append(ref)
        return out

    # ------------------------------------------------------------ a branch's document

    def bring(self, docx: bytes) -> Brought:
        self._count += 1
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            parts = _Parts(z)
            return self._bring(parts)

    def _bring(self, parts: _Parts) -> Brought:
        document = _parse(parts[DOCUMENT])
        body = document.find("w:body", NS)
        section = body.find("w:sectPr", NS)
        body.remove(section)
        renames = self._styles(parts)
        if renames:
            for node in body.iter(w("pStyle"), w("rStyle"), w("tblStyle")):
                node.set(w("val"), renames.get(node.get(w("val")), node.get(w("val"))))
        self._relationships(parts, [body, section])
        for ref in section.findall("w:footerReference", NS):
            section.remove(ref)
        for ref in reversed(self.footer_references()):
            section.insert(_after_headers(section), ref)
        return Brought(list(body), section)

    def _styles(self, parts: _Parts) -> dict[str, str]:
        """Add the styles the 汇编 lacks; rename those it has under another definition."""
        if STYLES not in parts or parts.fingerprint(STYLES) == self.styles_fingerprint:
            return {}  # a built-in layout: the 汇编's own styles
        theirs = _parse(parts[STYLES]).findall("w:style", NS)
        renames = {}
        for style in theirs:
            sid = style.get(w("styleId"))
            if sid in self.style_xml and self.style_xml[sid] != _canonical(style):
                renames[sid] = f"{sid}B{self._count}"
        for style in theirs:
            sid = style.get(w("styleId"))
            if sid in self.style_xml and sid not in renames:
                continue
            for ref in style.iterfind("w:basedOn", NS), style.iterfind("w:next", NS), style.iterfind("w:link", NS):
                for node in ref:
                    node.set(w("val"), renames.get(node.get(w("val")), node.get(w("val"))))
            if sid in renames:
                style.set(w("styleId"), renames[sid])
                style.attrib.pop(w("default"), None)
                name = style.find("w:name", NS)
                if name is not None:
                    name.set(w("val"), f"{name.get(w('val'))} ({self._count})")
            self.styles.append(style)
            self.style_xml[style.get(w("styleId"))] = _canonical(style)
        return renames

    def _relationships(self, parts: _Parts, roots: list[etree._Element]) -> None:
        """Copy what `roots` point at through r:id/r:embed, under new names, and repoint them."""
        rels = _parse(parts[RELS]) if RELS in parts else None
        if rels is None:
            return
        theirs = {r.get("Id"): r for r in rels if r.get("Type", "").rsplit("/", 1)[-1] in COPIED}
        if not theirs:  # a built-in layout's body points at nothing it would bring along
            return
        types = _parse(parts[TYPES])
        moved: dict[str, str] = {}
        for root in roots:
            for node in root.iter():
                for attr, rid in list(node.attrib.items()):
                    if not attr.startswith(f"{{{R}}}") or rid not in theirs:
                        continue
                    if rid not in moved:
                        moved[rid] = self._copy(theirs[rid], parts, types)
                    node.set(attr, moved[rid])

    def _copy(self, rel: etree._Element, parts: _Parts, types: etree._Element) -> str:
        rid = f"rIdB{self._count}x{len(self.rels)}"
        new = etree.SubElement(self.rels, f"{{{PR}}}Relationship", Id=rid, Type=rel.get("Type"))
        if rel.get("TargetMode") == "External":
            new.set("Target", rel.get("Target"))
            new.set("TargetMode", "External")
            return rid
        source = posixpath.normpath(posixpath.join("word", rel.get("Target")))
        stem, ext = posixpath.splitext(posixpath.basename(source))
        target = f"b{self._count}-{stem}{ext}"
        self.parts["word/" + target] = parts.get(source, b"")
        new.set("Target", target)
        self._content_type("/word/" + target, source, ext, types)
        return rid

    def _content_type(self, name: str, source: str, ext: str, types: etree._Element) -> None:
        for o in types.iterfind(f"{{{CT}}}Override"):
            if o.get("PartName") == "/" + source:
                etree.SubElement(self.types, f"{{{CT}}}Override", PartName=name, ContentType=o.get("ContentType"))
                return
        known = {d.get("Extension").lower() for d in self.types.iterfind(f"{{{CT}}}Default")}
        for d in types.iterfind(f"{{{CT}}}Default"):
            if d.get("Extension").lower() == ext.lstrip(".").lower() and d.get("Extension").lower() not in known:
                etree.SubElement(self.types, f"{{{CT}}}Default", Extension=d.get("Extension"), ContentType=d.get("ContentType"))

    # ------------------------------------------------------------ the whole

    def docx(self, document: bytes, core: dict[str, str]) -> bytes:
        from generator.render.docx import core_properties, zip_parts

        parts = dict(self.parts)
        parts[DOCUMENT] = document
        parts[STYLES] = _xml(self.styles)
        parts[RELS] = _xml(self.rels)
        parts[TYPES] = _xml(self.types)
        parts["docProps/core.xml"] = core_properties(parts["docProps/core.xml"], core)
        return zip_parts({TYPES: parts[TYPES], **{n: data for n, data in parts.items() if n != TYPES}})


class _Parts:
    """A branch's parts, each read (and inflated) only when asked for: most are never needed."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.zip = z
        self.names = {i.filename: i for i in z.infolist() if not i.is_dir()}
        self.read: dict[str, bytes] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def __getitem__(self, name: str) -> bytes:
        if name not in self.read:
            self.read[name] = self.zip.read(self.names[name])
        return self.read[name]

    def get(self, name: str, default: bytes = b"") -> bytes:
        return self[name] if name in self.names else default

    def fingerprint(self, name: str) -> tuple[int, int]:
        """CRC and size, from the zip's directory: whether a part is the 汇编's own, unread."""
        return self.names[name].CRC, self.names[name].file_size


def _after_headers(section: etree._Element) -> int:
    """Where footer references go in a sectPr: after the header references (CT_SectPr order)."""
    return sum(1 for c in section if c.tag == w("headerReference"))


def _canonical(style: etree._Element) -> bytes:
    return re.sub(rb"\s+xmlns:\w+=\"[^\"]*\"", b"", etree.tostring(style, method="c14n"))


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
