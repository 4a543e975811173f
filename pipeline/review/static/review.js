// pledge review: keyboard shortcuts, target <-> evidence linking, add-from-selection.
// Plain JavaScript, no dependencies, no network access.
(function () {
  "use strict";

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr.target[data-key]")); }
  function selectedRow() { return document.querySelector("tr.target.selected"); }

  function showEvidence(key) {
    document.querySelectorAll("mark.ev.focus").forEach(function (m) { m.classList.remove("focus"); });
    var marks = document.querySelectorAll("mark.ev[data-keys]");
    var first = null;
    marks.forEach(function (m) {
      if (m.dataset.keys.split(" ").indexOf(key) >= 0) { m.classList.add("focus"); if (!first) { first = m; } }
    });
    var anchor = document.getElementById("ev-" + key) || first;
    if (anchor) { anchor.scrollIntoView({block: "center", behavior: "smooth"}); }
  }

  function select(row, scrollRow) {
    if (!row) { return; }
    rows().forEach(function (r) { r.classList.remove("selected"); });
    row.classList.add("selected");
    if (scrollRow) { row.scrollIntoView({block: "nearest"}); }
    showEvidence(row.dataset.key);
    if (history.replaceState) {
      var url = new URL(window.location.href);
      url.searchParams.set("sel", row.dataset.key);
      url.hash = "";
      history.replaceState(null, "", url.toString());
    }
  }

  function move(step) {
    var all = rows();
    if (!all.length) { return; }
    var i = all.indexOf(selectedRow());
    var next = i < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, i + step));
    select(all[next], true);
  }

  function submit(selector) {
    var row = selectedRow();
    var form = row && row.querySelector(selector);
    if (form) { form.requestSubmit ? form.requestSubmit() : form.submit(); }
  }

  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) { return; }
    if (!document.getElementById("targets")) { return; }
    switch (ev.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": submit("form.approve-form"); break;
      case "r": submit("form.reject-form"); break;
      case "e":
        var link = selectedRow() && selectedRow().querySelector("a.edit-link");
        if (link) { window.location.href = link.href; }
        break;
      default: return;
    }
    ev.preventDefault();
  });

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (t.closest("form, a, button, input, select, textarea")) { return; }
    var row = t.closest("tr.target[data-key]");
    if (row) { select(row, false); return; }
    var mark = t.closest("mark.ev[data-keys]");
    if (mark && window.getSelection().isCollapsed) {
      var target = document.getElementById("row-" + mark.dataset.keys.split(" ")[0]);
      if (target) { select(target, true); }
    }
  });

  // -- add a missed target from a text selection ------------------------------
  function codepoints(s) { return Array.from(s).length; }

  // Document offset of a DOM (node, offset) position inside #doctext.
  function docOffset(root, node, offset) {
    var seg = null;
    if (node.nodeType === Node.TEXT_NODE) {
      seg = node.parentElement.closest("[data-start]");
      if (seg) { return parseInt(seg.dataset.start, 10) + codepoints(node.data.slice(0, offset)); }
    }
    // An element boundary: the next segment's start, or the end of the previous one.
    var el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var child = el.childNodes[offset];
    var next = child && (child.matches && child.matches("[data-start]") ? child : null);
    if (next) { return parseInt(next.dataset.start, 10); }
    var segs = root.querySelectorAll("[data-start]");
    var last = segs[segs.length - 1];
    return last ? parseInt(last.dataset.start, 10) + codepoints(last.textContent) : 0;
  }

  var text = document.getElementById("doctext");
  var button = document.getElementById("add-selection");
  if (text && button) {
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel.rangeCount || sel.isCollapsed) { button.hidden = true; return; }
      var range = sel.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { button.hidden = true; return; }
      var start = docOffset(text, range.startContainer, range.startOffset);
      var end = docOffset(text, range.endContainer, range.endOffset);
      if (end <= start) { button.hidden = true; return; }
      var params = new URLSearchParams({start: String(start), end: String(end), sel: sel.toString().slice(0, 2000)});
      button.href = "/documents/" + encodeURIComponent(text.dataset.document) + "/add?" + params.toString();
      button.hidden = false;
    });
  }

  // Initial selection (after an action the server sends ?sel=KEY).
  var initial = document.querySelector("tr.target.selected");
  if (initial) { select(initial, true); }
})();
