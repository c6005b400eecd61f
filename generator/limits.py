"""The bounds reportgen puts on what hostile input may cost: one place to read and change them.

docs/limits.md lists each with what the user sees when it is reached; tests/test_limits.py and
tests/test_limits_programs.py hold a test a bound. Each is far above what a real report needs and
far below what hurts a laptop. Bounds that belong to one reader stay beside it: the data file's
size and depth (data/source.py: MAX_BYTES; data/compose.py: MAX_DEPTH), an imported text's
(importer/paragraphs.py: MAX_TEXT_BYTES, MAX_PARAGRAPHS), LibreOffice's time for an import
(importer/convert.py: TIMEOUT).
"""

from __future__ import annotations

MIB = 1024 * 1024

# ---------------------------------------------------------------- zip archives (.docx in, .docx out)

# Bytes inflated from one member, whatever its headers claim. The document.xml of the longest
# real report we have seen (a 200-page yearly compilation) is about 6 MB; a template with a
# photo in its header has a member of a few MB.
ZIP_MEMBER = 64 * MIB
# Bytes inflated from all the members read from one archive.
ZIP_TOTAL = 256 * MIB
# A member whose headers claim more than this many times its deflated size is refused before
# inflating: text deflates about 5 to 10 times, a run of one byte 1,000 times.
ZIP_RATIO = 200
# docProps/core.xml and app.xml of an existing output, read to see who saved it: a few hundred
# bytes in Word, WPS and LibreOffice files.
CORE_XML = 1 * MIB

# ---------------------------------------------------------------- templates

# Seconds one template part may run. The built-in template renders a 1,000-item report in well
# under a second; a custom one doing a hundred times that work is still well inside.
TEMPLATE_SECONDS = 20.0
# Characters one template part may produce, and the longest text or list an operation may make:
# the body of a 1,000-item report is about 3 million characters of XML.
TEMPLATE_OUTPUT = 50_000_000
# Bits of an integer a template may compute: 10**300 and the like, far past any figure.
TEMPLATE_INT_BITS = 4096

# ---------------------------------------------------------------- the compiled-template cache

# Bytes the cache folder may hold; past it, the oldest entries go. A compiled template is a few
# hundred KB; the built-in one with its patched XML under 2 MB.
CACHE_BYTES = 64 * MIB
# A single entry larger than this is neither written nor read.
CACHE_ENTRY = 8 * MIB

# ---------------------------------------------------------------- preview

# Characters of the data file the preview page shows around a problem (each side of the column).
PREVIEW_EXCERPT = 200
# Seconds a request may take to arrive whole; then the connection is dropped.
PREVIEW_REQUEST_SECONDS = 5.0
# Connections waiting to be accepted (the listen backlog).
PREVIEW_BACKLOG = 64
