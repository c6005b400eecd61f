"""Accept all and reject all tracked changes in LibreOffice itself; print the paragraphs as JSON.

Run by tests/test_diff.py with a Python that has LibreOffice's `uno` module (Debian: python3-uno),
which a virtual environment does not:

    python3 tests/lo_accept_reject.py PROFILE_DIR FILE.docx…

For each file it prints {"redlines": n, "plain": [...], "accepted": [...], "rejected": [...]}:
the style and text of each paragraph, and the text of each table cell, in reading order, as
LibreOffice has them.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(doc):
    """[style, text] of each body paragraph; a table as the text of its cells, row by row."""
    out = []
    enum = doc.getText().createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            out.append([el.ParaStyleName, el.getString()])
        else:
            out += [["cell", el.getCellByName(name).getString()] for name in el.getCellNames()]
    return out


def main(profile, files):
    pipe = "reportgen" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
         f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(240):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.25)
    if ctx is None:
        office.kill()
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)

    def read(path, command=None):
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        try:
            count = doc.getRedlines().getCount()
            if command:
                dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            return count, paragraphs(doc)
        finally:
            doc.close(True)

    try:
        for path in files:
            count, plain = read(path)
            accepted = read(path, ".uno:AcceptAllTrackedChanges")[1]
            rejected = read(path, ".uno:RejectAllTrackedChanges")[1]
            print(json.dumps({"redlines": count, "plain": plain, "accepted": accepted, "rejected": rejected}))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
