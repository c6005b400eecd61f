"""Check the child order of WordprocessingML property elements.

Word refuses a file whose ``w:pPr`` / ``w:rPr`` (and ``w:sectPr``, ``w:tblPr`` ...)
children are out of the order ECMA-376 fixes; LibreOffice does not care, so only
a test catches it.  ``order_problems(xml)`` walks one XML part and returns one
human-readable line per problem (an empty list when the part is fine).

Only children in the ``w:`` namespace are checked; extension elements (``w14:``,
``mc:AlternateContent`` ...) are skipped, as Word allows them.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS

# A sequence entry is a name, or a tuple of names that share one position
# (a choice).  Names in REPEATABLE may occur more than once in a row.

# CT_PPr = CT_PPrBase + rPr, sectPr, pPrChange.
PPR = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
    "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
    "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)

# CT_ParaRPr starts with the revision marks; CT_RPr ends with rPrChange.
RPR = (
    "ins", "del", "moveFrom", "moveTo",
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
    "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
    "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
    "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)

SECTPR = (
    ("headerReference", "footerReference"),
    "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
    "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)

TBLPR = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
    "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
    "tblPrChange",
)

TCPR = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
    "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
    "cellDel", "cellMerge", "tcPrChange",
)

TBLBORDERS = (
    "top", ("start", "left"), "bottom", ("end", "right"), "insideH", "insideV",
)
TCBORDERS = TBLBORDERS + ("tl2br", "tr2bl")
CELLMAR = ("top", ("start", "left"), "bottom", ("end", "right"))
PBDR = ("top", "left", "bottom", "right", "between", "bar")

STYLE = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
    "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
    "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr",
    "tblStylePr",
)
STYLES = ("docDefaults", "latentStyles", "style")
DOCDEFAULTS = ("rPrDefault", "pPrDefault")

SETTINGS = (
    "writeProtection", "view", "zoom", "removePersonalInformation",
    "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
    "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
    "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData",
    "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
    "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign",
    "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod",
    "documentType", "mailMerge", "revisionView", "trackRevisions", "doNotTrackMoves",
    "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
    "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)

# parent local name -> (sequence, names that may repeat)
SEQUENCES: dict[str, tuple[tuple, frozenset[str]]] = {
    "pPr": (PPR, frozenset()),
    "rPr": (RPR, frozenset()),
    "sectPr": (SECTPR, frozenset({"headerReference", "footerReference"})),
    "tblPr": (TBLPR, frozenset()),
    "tcPr": (TCPR, frozenset()),
    "tblBorders": (TBLBORDERS, frozenset()),
    "tcBorders": (TCBORDERS, frozenset()),
    "tblCellMar": (CELLMAR, frozenset()),
    "tcMar": (CELLMAR, frozenset()),
    "pBdr": (PBDR, frozenset()),
    "style": (STYLE, frozenset({"tblStylePr"})),
    "styles": (STYLES, frozenset({"style"})),
    "docDefaults": (DOCDEFAULTS, frozenset()),
    "settings": (
        SETTINGS,
        frozenset({"activeWritingStyle", "attachedSchema", "smartTagType"}),
    ),
}


def _ranks(sequence: tuple) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for i, entry in enumerate(sequence):
        for name in entry if isinstance(entry, tuple) else (entry,):
            ranks[name] = i
    return ranks


_RANKS = {parent: _ranks(seq) for parent, (seq, _) in SEQUENCES.items()}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _describe(el: etree._Element) -> str:
    """A readable path like ``w:body/w:p[3]/w:pPr`` or ``w:style[Title]/w:rPr``."""
    parts = []
    node = el
    while node is not None:
        if not isinstance(node.tag, str):
            break
        name = "w:" + _local(node) if node.tag.startswith(_W) else node.tag
        parent = node.getparent()
        if _local(node) == "style" and node.get(_W + "styleId"):
            name += f"[{node.get(_W + 'styleId')}]"
        elif parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/".join(reversed(parts[:-1] or parts))  # drop the root element


def order_problems(xml: bytes) -> list[str]:
    """Return the schema-order problems of one WordprocessingML part."""
    root = etree.fromstring(xml)
    problems: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.tag.startswith(_W):
            continue
        parent = _local(el)
        if parent not in SEQUENCES:
            continue
        sequence, repeatable = SEQUENCES[parent]
        ranks = _RANKS[parent]
        where = f"{_describe(el)} (line {el.sourceline})"
        last_rank = -1
        last_name = None
        for child in el:
            if not isinstance(child.tag, str) or not child.tag.startswith(_W):
                continue  # extension namespaces (w14, mc) are not checked
            name = _local(child)
            if name not in ranks:
                problems.append(f"{where}: unexpected child w:{name} in w:{parent}")
                continue
            rank = ranks[name]
            if rank < last_rank:
                problems.append(
                    f"{where}: w:{name} must come before w:{last_name} "
                    f"(schema order of w:{parent})"
                )
                continue
            if rank == last_rank and name not in repeatable:
                problems.append(f"{where}: w:{name} repeated or in the same slot as w:{last_name}")
                continue
            last_rank, last_name = rank, name
    return problems
