/* reportgen preview: draw each state the server sends (preview/server.py). The pages are redrawn
   only when the report changed; while the file has errors they stay as they were, with the
   located problems above them. Every text from the server is set as text, never as markup,
   except the report's blocks, which html.py escaped. */
(function () {
  "use strict";
  var texts = JSON.parse(document.getElementById("texts").textContent);
  var first = JSON.parse(document.getElementById("state").textContent);
  var book = document.querySelector(".book"), galley = document.querySelector(".galley");
  var picker = document.getElementById("template"), statusLine = document.getElementById("status");
  var problemsBox = document.getElementById("problems"), warningsBox = document.getElementById("warnings");
  var notice = document.getElementById("notice");
  var asked = new URLSearchParams(location.search).get("template");
  var shownHtml = null, shownOptions = null, pages = 0, events = null, queue = Promise.resolve();

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function make(tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    return el;
  }

  function status(text, lost) {
    statusLine.textContent = text;
    statusLine.classList.toggle("lost", !!lost);
  }

  function showOptions(list, chosen) {
    var key = JSON.stringify(list);
    if (key !== shownOptions) {
      picker.replaceChildren.apply(picker, list.map(function (o) {
        var option = make("option", o[1]);
        option.value = o[0];
        return option;
      }));
      shownOptions = key;
    }
    picker.value = chosen;
  }

  /* The line of the file a problem points at, its character marked (columns count characters). */
  function excerpt(p) {
    var pre = make("pre"), chars = Array.from(p.source), at = Math.max(0, p.column - 1);
    pre.appendChild(make("span", p.line + " | ", "lineno"));
    pre.appendChild(document.createTextNode(chars.slice(0, at).join("")));
    pre.appendChild(make("mark", chars[at] || " "));
    pre.appendChild(document.createTextNode(chars.slice(at + 1).join("")));
    return pre;
  }

  function showProblems(list, havePages) {
    problemsBox.hidden = !list.length;
    book.classList.toggle("stale", list.length > 0);
    if (!list.length) return;
    problemsBox.querySelector("h2").textContent = fill(texts.errors, { n: list.length });
    problemsBox.querySelector("ol").replaceChildren.apply(problemsBox.querySelector("ol"), list.map(function (p) {
      var item = make("li");
      item.appendChild(make("code", p.text));
      if (p.source !== null && p.line > 0) item.appendChild(excerpt(p));
      return item;
    }));
    problemsBox.querySelector(".kept").textContent = havePages ? texts.kept : texts["nothing-yet"];
  }

  function showWarnings(list) {
    warningsBox.hidden = !list.length;
    warningsBox.querySelector("summary").textContent = fill(texts.warnings, { n: list.length });
    warningsBox.querySelector("ol").replaceChildren.apply(warningsBox.querySelector("ol"), list.map(function (w) {
      var item = make("li"), line = make(w.anchor ? "a" : "span", w.text);
      if (w.anchor) line.href = "#" + w.anchor;
      item.appendChild(line);
      return item;
    }));
  }

  function apply(state) {
    showOptions(state.options, state.template);
    showProblems(state.problems, state.html !== null);
    notice.hidden = !state.notice;
    notice.textContent = state.notice;
    if (state.title) document.title = state.title + " — reportgen";
    var drawn = Promise.resolve(pages);
    if (state.html === null) {
      book.replaceChildren();
      shownHtml = null;
    } else if (state.html !== shownHtml) {
      shownHtml = state.html;
      drawn = window.reportgenPages.render(galley, book, state.html);
    }
    return drawn.then(function (n) {
      pages = n || 0;
      showWarnings(state.warnings);
      document.body.dataset.version = state.version;
      document.body.dataset.state = state.problems.length ? "errors" : "ok";
      window.reportgenDrawn = performance.timeOrigin + performance.now();
      status(texts.redrawn + " " + new Date().toLocaleTimeString([], { hour12: false }) + " · " + fill(texts.pages, { n: pages }));
    });
  }

  function later(state) {
    queue = queue.then(function () { return apply(state); });
  }

  function connect() {
    if (events) events.close();
    events = new EventSource("events" + (asked ? "?template=" + encodeURIComponent(asked) : ""));
    events.addEventListener("state", function (e) { later(JSON.parse(e.data)); });
    events.onerror = function () { status(texts.reconnecting, true); };
  }

  picker.addEventListener("change", function () {
    asked = picker.value;
    var query = new URLSearchParams(location.search);
    query.set("template", asked);
    history.replaceState(null, "", "?" + query.toString());
    connect();
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  later(first);
  connect();
})();
