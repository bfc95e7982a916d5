// booklet studio: the little behaviour htmx does not cover. Plain script, no build step.
// - the editor: caret position, jump to a problem's place, Ctrl+S, completion of {figures} and suffixes
// - the preview: scroll to the page that changed, and measure save → updated preview
// - small helpers: auto-submitting selects, copy buttons, cancel buttons, request errors
"use strict";

(function () {
  const $ = (selector, root) => (root || document).querySelector(selector);
  const $$ = (selector, root) => Array.from((root || document).querySelectorAll(selector));

  // --- helpers ------------------------------------------------------------------------------
  document.addEventListener("change", (event) => {
    if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
  });
  document.addEventListener("click", (event) => {
    const copy = event.target.closest("[data-copy]");
    if (copy) {
      navigator.clipboard && navigator.clipboard.writeText(copy.dataset.copy);
      copy.textContent = copy.dataset.copied || copy.textContent;
    }
    const clear = event.target.closest("[data-clear]");
    if (clear) $(clear.dataset.clear).replaceChildren();
  });
  document.addEventListener("htmx:sendError", () => showError("offline"));
  document.addEventListener("htmx:responseError", () => showError("failed"));
  function showError(kind) {
    const box = $("#request-error");
    if (!box) return;
    box.textContent = box.dataset[kind] || kind;
    box.hidden = false;
    setTimeout(() => (box.hidden = true), 6000);
  }

  // --- editor: places ---------------------------------------------------------------------
  const editor = () => $("#editor");
  const currentFile = () => { const f = $("#editor-form input[name=file]"); return f ? f.value : null; };

  function offsetOf(text, line, col) {
    let offset = 0;
    for (let i = 1; i < line; i++) {
      const next = text.indexOf("\n", offset);
      if (next === -1) return text.length;
      offset = next + 1;
    }
    return Math.min(offset + Math.max(col - 1, 0), text.length);
  }

  function jump(line, col) {
    const area = editor();
    if (!area) return;
    const at = offsetOf(area.value, line, col);
    area.focus();
    area.setSelectionRange(at, at);
    // scroll the line into the middle of the textarea
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 1) * lineHeight - area.clientHeight / 2);
    showCaret();
  }

  function showCaret() {
    const area = editor();
    const out = $("#caret");
    if (!area || !out) return;
    const before = area.value.slice(0, area.selectionStart);
    const line = before.split("\n").length;
    const col = before.length - before.lastIndexOf("\n");
    out.textContent = (out.dataset.template || "{line}:{col}").replace("{line}", line).replace("{col}", col);
    out.dataset.line = line;
    out.dataset.col = col;
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.jump");
    if (!link || !editor() || link.dataset.file !== currentFile()) return;
    event.preventDefault();
    jump(Number(link.dataset.line), Number(link.dataset.col));
  });

  // --- editor: saving ---------------------------------------------------------------------
  let dirty = false;
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s" && $("#editor-form")) {
      event.preventDefault();
      htmx.trigger("#editor-form", "submit");
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  // --- editor: completion of {figure} and of suffixes -----------------------------------
  let items = [];
  let choices = [];
  let chosen = 0;
  let replace = null; // [start, end, kind]

  async function loadCompletions(area) {
    if (items.length || !area.dataset.completions) return;
    const response = await fetch(area.dataset.completions, { credentials: "same-origin" });
    if (response.ok) {
      const data = await response.json();
      items = data.figures.map((f) => ({ ...f, kind: "figure" }));
      items.suffixes = data.suffixes;
    }
  }

  function caretCoordinates(area, position) {
    const mirror = document.createElement("div");
    const style = getComputedStyle(area);
    for (const p of ["boxSizing", "width", "fontFamily", "fontSize", "lineHeight", "paddingTop", "paddingLeft",
      "paddingRight", "borderTopWidth", "borderLeftWidth", "whiteSpace", "wordWrap", "tabSize", "letterSpacing"]) {
      mirror.style[p] = style[p];
    }
    mirror.style.position = "absolute";
    mirror.style.visibility = "hidden";
    mirror.style.overflowWrap = "break-word";
    mirror.textContent = area.value.slice(0, position);
    const marker = document.createElement("span");
    marker.textContent = "\u200b";
    mirror.appendChild(marker);
    document.body.appendChild(mirror);
    const top = marker.offsetTop - area.scrollTop;
    const left = marker.offsetLeft;
    const height = parseFloat(style.lineHeight) || 20;
    mirror.remove();
    return { top: top + height + 2, left: left };
  }

  function closeList() {
    const list = $("#completion");
    const area = editor();
    if (list) list.hidden = true;
    if (area) area.removeAttribute("aria-activedescendant");
    replace = null;
  }

  function openList(area, found, start, end, kind) {
    const list = $("#completion");
    if (!list || !found.length) return closeList();
    choices = found.slice(0, 50);
    chosen = 0;
    replace = [start, end, kind];
    list.replaceChildren(
      ...choices.map((item, i) => {
        const li = document.createElement("li");
        li.id = "completion-" + i;
        li.setAttribute("role", "option");
        const code = document.createElement("code");
        code.textContent = item.kind === "suffix" ? item.name : item.name;
        li.appendChild(code);
        if (item.printed || item.label) {
          const small = document.createElement("small");
          small.textContent = " " + [item.printed, item.label].filter(Boolean).join(" · ");
          li.appendChild(small);
        }
        li.addEventListener("mousedown", (event) => { event.preventDefault(); chosen = i; accept(area); });
        return li;
      })
    );
    const where = caretCoordinates(area, start);
    list.style.top = where.top + "px";
    list.style.left = Math.min(where.left, area.clientWidth - 320) + "px";
    list.hidden = false;
    mark(area);
  }

  function mark(area) {
    $$("#completion li").forEach((li, i) => li.setAttribute("aria-selected", i === chosen ? "true" : "false"));
    const active = $("#completion-" + chosen);
    if (active) { area.setAttribute("aria-activedescendant", active.id); active.scrollIntoView({ block: "nearest" }); }
  }

  function accept(area) {
    if (!replace) return;
    const [start, end, kind] = replace;
    const item = choices[chosen];
    const inserted = kind === "figure" ? item.name + "}" : item.name;
    area.setRangeText(inserted, start, end, "end");
    closeList();
    dirty = true;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  async function complete(area) {
    await loadCompletions(area);
    const caret = area.selectionStart;
    const before = area.value.slice(0, caret);
    let match = before.match(/\{([A-Za-z0-9_]*)$/);
    if (match) {
      const typed = match[1].toLowerCase();
      const found = items
        .filter((f) => f.name.includes(typed))
        .sort((a, b) => (b.name.startsWith(typed) - a.name.startsWith(typed)) || a.name.localeCompare(b.name));
      return openList(area, found, caret - match[1].length, caret, "figure");
    }
    match = before.match(/\}('[a-zçğıöşü]*)$/i);
    if (match && items.suffixes) {
      const found = items.suffixes.filter((s) => s.startsWith(match[1])).map((s) => ({ name: s, kind: "suffix" }));
      return openList(area, found, caret - match[1].length, caret, "suffix");
    }
    closeList();
  }

  document.addEventListener("input", (event) => {
    if (event.target === editor()) { dirty = true; complete(event.target); showCaret(); }
  });
  document.addEventListener("keyup", (event) => { if (event.target === editor()) showCaret(); });
  document.addEventListener("click", (event) => { if (event.target === editor()) { showCaret(); closeList(); } });
  document.addEventListener("keydown", (event) => {
    const area = editor();
    if (event.target !== area || !replace) return;
    if (event.key === "ArrowDown") { chosen = (chosen + 1) % choices.length; mark(area); event.preventDefault(); }
    else if (event.key === "ArrowUp") { chosen = (chosen - 1 + choices.length) % choices.length; mark(area); event.preventDefault(); }
    else if (event.key === "Enter" || event.key === "Tab") { accept(area); event.preventDefault(); }
    else if (event.key === "Escape") { closeList(); event.preventDefault(); }
  });

  // --- preview: focus and timing ------------------------------------------------------------
  // data-save-started / data-answer-ms / data-preview-ms on <html>: the time from pressing save
  // to the server's answer and to the changed pages' new images being loaded (read by the
  // browser tests).
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (form && (form.id === "editor-form" || form.id === "figures-form" || form.closest("#import-plan"))) {
      document.documentElement.dataset.saveStarted = String(performance.now());
      delete document.documentElement.dataset.previewMs;
    }
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.elt && event.detail.elt.id === "editor-form" && event.detail.xhr.status === 200) dirty = false;
    const started = Number(document.documentElement.dataset.saveStarted || 0);
    if (started) document.documentElement.dataset.answerMs = String(Math.round(performance.now() - started));
  });

  function focusPreview(preview) {
    if (!preview) return;
    const number = preview.dataset.focus;
    const page = number && $("#page-" + number, preview);
    if (page) preview.scrollTop += page.getBoundingClientRect().top - preview.getBoundingClientRect().top - 48;
    const started = Number(document.documentElement.dataset.saveStarted || 0);
    const changed = $$(".page.changed img", preview);
    if (!started || !changed.length) return;
    Promise.all(changed.map((img) => (img.complete ? Promise.resolve() : new Promise((ok) => {
      img.addEventListener("load", ok, { once: true });
      img.addEventListener("error", ok, { once: true });
    })))).then(() => {
      const ms = Math.round(performance.now() - started);
      document.documentElement.dataset.previewMs = String(ms);
      delete document.documentElement.dataset.saveStarted;
    });
  }
  // htmx:load names every element swapped in, out-of-band ones included
  document.addEventListener("htmx:load", (event) => { if (event.detail.elt.id === "preview") focusPreview(event.detail.elt); });

  document.addEventListener("DOMContentLoaded", () => {
    const area = editor();
    if (area) {
      area.setAttribute("aria-autocomplete", "list");
      area.setAttribute("aria-controls", "completion");
      const place = location.hash.match(/^#L(\d+):(\d+)$/);
      if (place) jump(Number(place[1]), Number(place[2]));
      else showCaret();
    }
    focusPreview($("#preview"));
  });
})();
