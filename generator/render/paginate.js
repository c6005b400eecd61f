/* reportgen: cut the report's galley into A4 pages, where the printed .docx would break them.

   The galley holds the report's blocks laid out once at the text area's width (156 mm); every
   line of the text is exactly one pitch (28.95 pt) high, so where each page ends can be worked
   out from that one layout, without laying the pages out again and again:
   - a body paragraph breaks between two lines (Word's widow control is off in the template);
     its first part's last line is then justified, its rest goes on unindented;
   - headings, the table caption and the signature stay with what follows (keepNext);
   - the figures table breaks between rows and repeats its header row on the next page.
   Page numbers are "— N —", odd pages right, even pages left. */
(function () {
  "use strict";

  var EPS = 0.5; // px of layout rounding
  var KEEP = "h1, h2, h3, h4, h5, h6, p.caption, p.signature";
  var LINES = "p:not(.caption):not(.signature):not(.date)";

  function measure(galley) {
    return Array.prototype.map.call(galley.children, function (el) {
      var b = { el: el, h: el.getBoundingClientRect().height, keep: el.matches(KEEP), kind: "block" };
      if (el.matches(LINES)) {
        b.kind = "lines";
        b.pitch = parseFloat(getComputedStyle(el).lineHeight);
        b.lines = Math.max(1, Math.round(b.h / b.pitch));
      } else if (el.tagName === "TABLE" && el.tBodies.length) {
        b.kind = "rows";
        b.head = el.tHead ? el.tHead.getBoundingClientRect().height : 0;
        b.rows = Array.prototype.map.call(el.tBodies[0].rows, function (r) {
          return r.getBoundingClientRect().height;
        });
      }
      return b;
    });
  }

  /* Pages as lists of entries {b, from, to}: a whole block, or lines / rows from..to of one. */
  function plan(blocks, height) {
    var pages = [[]], y = 0;
    function put(b, from, to, h) { pages[pages.length - 1].push({ b: b, from: from, to: to }); y += h; }
    function newPage(carry) {
      var moved = [], list = pages[pages.length - 1], k = list.length;
      if (carry) { // the headings that end the page go with the block that no longer fits
        while (k > 0 && list[k - 1].b.keep && list[k - 1].from === undefined) k--;
        if (k > 0) moved = list.splice(k);
      }
      pages.push([]);
      y = 0;
      moved.forEach(function (e) { put(e.b, undefined, undefined, e.b.h); });
    }
    function flowLines(b) {
      var from = 0;
      while (from < b.lines) {
        var fit = Math.floor((height - y + EPS) / b.pitch);
        if (y === 0) fit = Math.max(fit, 1);
        if (fit >= b.lines - from) return put(b, from, b.lines, (b.lines - from) * b.pitch);
        if (fit >= 1) { put(b, from, from + fit, fit * b.pitch); from += fit; newPage(false); }
        else newPage(true);
      }
    }
    function flowRows(b) {
      var from = 0, n = b.rows.length;
      while (from < n) {
        var k = from, h = b.head + 1;
        while (k < n && y + h + b.rows[k] <= height + EPS) h += b.rows[k++];
        if (k === from && y === 0) h += b.rows[k++]; // a row higher than a page
        if (k > from) { put(b, from, k, h); from = k; if (from < n) newPage(false); }
        else newPage(from === 0);
      }
    }
    blocks.forEach(function (b) {
      if (y + b.h <= height + EPS) return put(b, undefined, undefined, b.h);
      if (b.kind === "lines") return flowLines(b);
      if (b.kind === "rows") return flowRows(b);
      if (y > 0) newPage(true);
      put(b, undefined, undefined, b.h);
    });
    return pages;
  }

  /* The text nodes of a paragraph, its lint marks left out. */
  function textNodes(el) {
    var out = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest(".mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  }

  function at(nodes, i) {
    for (var k = 0; k < nodes.length; k++) {
      if (i < nodes[k].length) return [nodes[k], i];
      i -= nodes[k].length;
    }
    var last = nodes[nodes.length - 1];
    return [last, last.length];
  }

  /* The index of the first character on line `line` of paragraph b (binary search on the galley). */
  function lineStart(b, line) {
    var nodes = textNodes(b.el), total = 0, range = document.createRange();
    nodes.forEach(function (n) { total += n.length; });
    var box = b.el.getBoundingClientRect();
    var below = box.top + parseFloat(getComputedStyle(b.el).paddingTop) + (line - 0.5) * b.pitch;
    var lo = 0, hi = total;
    while (lo < hi) {
      var mid = (lo + hi) >> 1, p = at(nodes, mid);
      range.setStart(p[0], p[1]);
      range.setEnd(p[0], Math.min(p[1] + 1, p[0].length));
      var rects = range.getClientRects(), top = rects.length ? rects[0].top : range.getBoundingClientRect().top;
      if (top >= below) hi = mid; else lo = mid + 1;
    }
    var q = at(nodes, lo), code = q[0].data.charCodeAt(q[1]);
    return code >= 0xdc00 && code <= 0xdfff ? lo - 1 : lo; // never inside a surrogate pair
  }

  /* Move the content before character `offset` of el into a copy of el, returned. */
  function cutBefore(el, offset) {
    var p = at(textNodes(el), offset), range = document.createRange();
    range.setStart(el, 0);
    range.setEnd(p[0], p[1]);
    var head = el.cloneNode(false);
    head.appendChild(range.extractContents());
    el.removeAttribute("id");
    return head;
  }

  function splitLines(b, breaks) {
    var offsets = breaks.map(function (line) { return lineStart(b, line); }), done = 0, parts = [];
    offsets.forEach(function (o, i) {
      var part = cutBefore(b.el, o - done);
      part.classList.add("split");
      if (i > 0) part.classList.add("cont");
      parts.push(part);
      done = o;
    });
    b.el.classList.add("cont");
    parts.push(b.el);
    return parts;
  }

  function tablePart(table, rows) {
    var copy = table.cloneNode(false), body = document.createElement("tbody");
    Array.prototype.forEach.call(table.children, function (c) {
      if (c.tagName !== "TBODY") copy.appendChild(c.cloneNode(true));
    });
    rows.forEach(function (r) { body.appendChild(r); });
    copy.appendChild(body);
    return copy;
  }

  function element(tag, cls) {
    var el = document.createElement(tag);
    el.className = cls;
    return el;
  }

  function paginate(galley, book) {
    var blocks = measure(galley);
    var probe = element("div", "page");
    book.appendChild(probe);
    probe.appendChild(element("div", "text"));
    var height = probe.firstChild.getBoundingClientRect().height;
    book.removeChild(probe);
    var pages = plan(blocks, height);

    // Every cut is found before the first one is made: the galley's layout stays as measured.
    var cuts = new Map();
    pages.forEach(function (entries) {
      entries.forEach(function (e) {
        if (e.b.kind === "lines" && e.to < e.b.lines) (cuts.get(e.b) || cuts.set(e.b, []).get(e.b)).push(e.to);
      });
    });
    var parts = new Map();
    cuts.forEach(function (breaks, b) { parts.set(b, splitLines(b, breaks)); });

    var sheets = pages.map(function (entries, i) {
      var page = element("div", "page " + (i % 2 ? "even" : "odd")), text = element("div", "text");
      var folio = element("div", "folio");
      folio.textContent = "— " + (i + 1) + " —";
      entries.forEach(function (e) {
        if (parts.has(e.b)) text.appendChild(parts.get(e.b).shift());
        else if (e.b.kind === "rows" && (e.from > 0 || e.to < e.b.rows.length)) {
          text.appendChild(tablePart(e.b.el, Array.prototype.slice.call(e.b.el.tBodies[0].rows, 0, e.to - e.from)));
        } else text.appendChild(e.b.el);
      });
      page.appendChild(text);
      page.appendChild(folio);
      return page;
    });
    book.replaceChildren.apply(book, sheets);
    return sheets.length;
  }

  /* Lay out `html` (the galley's content) as pages in `book`; resolves to the number of pages. */
  function render(galley, book, html) {
    document.documentElement.classList.add("paged");
    galley.innerHTML = html;
    void galley.offsetHeight; // lay it out, so that the fonts it needs start loading
    var ready = document.fonts ? document.fonts.ready : Promise.resolve();
    return ready.then(function () {
      var n = paginate(galley, book);
      galley.textContent = "";
      return n;
    });
  }

  window.reportgenPages = { render: render };

  var galley = document.querySelector(".galley[data-paginate]");
  if (galley) {
    var source = galley.innerHTML, book = document.querySelector(".book");
    render(galley, book, source).then(function () {
      if (!document.fonts) return;
      document.fonts.addEventListener("loadingdone", function () { render(galley, book, source); });
    });
  }
})();
