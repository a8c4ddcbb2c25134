"use strict";
// The reviewers' workbench: the queue and the document page (scan viewer with word boxes, fields edited in
// place, candidate graduates, history). Every word the user reads comes from the page (the template's
// translated labels in #wb-data, or the server's answers): this file holds no interface text.
(() => {
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const csrf = () => $('meta[name="csrf-token"]').content;
  const fmt = (text, values) => String(text).replace(/%\((\w+)\)s/g, (_, key) => (key in values ? values[key] : ""));
  const clamp = (value, low, high) => Math.min(high, Math.max(low, value));
  const confClass = (c) => (c >= 0.9 ? "conf-high" : c >= 0.6 ? "conf-mid" : "conf-low");

  async function api(method, url, body) {
    const init = { method, headers: { "X-CSRF-Token": csrf() } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((data.error && (data.error.message_localized || data.error.message)) || response.statusText);
    return data;
  }

  const isTyping = (el) =>
    !!el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));

  // One name per key whatever the keyboard layout: a Kazakh or Russian layout gives "о" for the J key.
  function keyName(e) {
    if (["?", "+", "=", "-", "_", "[", "]"].includes(e.key)) return e.key === "_" ? "-" : e.key === "=" ? "+" : e.key;
    if (["ArrowUp", "ArrowDown", "Escape", "Enter"].includes(e.key)) return e.key;
    const code = e.code || "";
    if (code.startsWith("Key")) return code.slice(3).toLowerCase();
    const digit = code.match(/^(?:Digit|Numpad)(\d)$/);
    if (digit) return digit[1];
    return { Equal: "+", NumpadAdd: "+", Minus: "-", NumpadSubtract: "-", BracketLeft: "[", BracketRight: "]" }[code] || e.key;
  }

  // --- the queue ---------------------------------------------------------------------------------

  function setupQueue() {
    const rows = $$("#queue .queue-item");
    if (!rows.length) return;
    let at = 0;
    const select = (i) => {
      at = clamp(i, 0, rows.length - 1);
      rows.forEach((row, n) => row.classList.toggle("selected", n === at));
      rows[at].focus();
    };
    rows.forEach((row, n) => row.addEventListener("click", () => select(n)));
    document.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const key = keyName(e);
      if (key === "j" || key === "n" || key === "ArrowDown") select(at + 1);
      else if (key === "k" || key === "p" || key === "ArrowUp") select(at - 1);
      else if (key === "Enter" && !e.target.closest("a, button")) window.location.href = $("a", rows[at]).href;
      else return;
      e.preventDefault();
    });
    select(0);
  }

  // --- the document page -------------------------------------------------------------------------

  function setupDocument() {
    const blob = $("#wb-data");
    if (!blob) return;
    const data = JSON.parse(blob.textContent);
    const L = data.labels;
    const docId = data.document_id;
    const messageEl = $("#wb-message");
    const say = (text, isError = false) => {
      messageEl.textContent = text;
      messageEl.classList.toggle("error", isError);
    };

    const viewer = setupViewer(data, (word) => linkWordToFields(word));
    const fields = setupFields();
    const candidates = setupCandidates();
    const tabs = setupTabs();
    const help = setupHelp();
    const reasonDialog = setupReasonDialog();

    // ---- fields, and where on the scan each came from
    function setupFields() {
      const inputs = $$(".field-row input, .field-row select");
      const rowOf = (input) => input.closest(".field-row");
      const dirty = () => inputs.filter((i) => !i.readOnly && i.value !== i.dataset.original);
      const markDirty = (input) => {
        rowOf(input).classList.toggle("dirty", input.value !== input.dataset.original);
        rowOf(input).classList.remove("saved");
        if (dirty().length) say(L.unsaved);
      };
      inputs.forEach((input) => {
        input.addEventListener("focus", () => focusField(input.dataset.field));
        input.addEventListener("click", () => focusField(input.dataset.field));
        input.addEventListener("input", () => markDirty(input));
        input.addEventListener("change", () => markDirty(input));
        input.addEventListener("keydown", (e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            save();
          } else if (e.key === "Escape") {
            e.preventDefault();
            input.value = input.dataset.original;
            markDirty(input);
            if (!dirty().length) say("");
            input.blur();
          }
        });
      });
      $("#fields-form").addEventListener("submit", (e) => {
        e.preventDefault();
        save();
      });
      $("#edit-reason").addEventListener("keydown", (e) => {
        if (e.key === "Escape") e.target.blur();
      });
      window.addEventListener("beforeunload", (e) => {
        if (dirty().length) {
          e.preventDefault();
          e.returnValue = L.unsaved_leave;
        }
      });

      async function save() {
        const changed = dirty();
        if (!changed.length) return say(L.nothing_changed);
        const reason = $("#edit-reason").value.trim();
        if (!reason) return $("#edit-reason").reportValidity();
        say(L.saving);
        try {
          await api("PATCH", `/api/v1/documents/${docId}/fields`, {
            fields: Object.fromEntries(changed.map((i) => [i.dataset.field, i.value])),
            expected: Object.fromEntries(changed.map((i) => [i.dataset.field, i.dataset.original])),
            reason,
          });
        } catch (err) {
          return say(`${L.failed} ${err.message}`, true);
        }
        changed.forEach((input) => {
          input.dataset.original = input.value;
          rowOf(input).classList.remove("dirty");
          rowOf(input).classList.add("saved");
        });
        say(L.saved);
        await Promise.all([candidates.refresh(), refreshHistory()]);
      }

      function show(values) {
        inputs.forEach((input) => {
          const value = values[input.dataset.field];
          const text = value === undefined || value === null ? "" : typeof value === "boolean" ? String(value) : String(value);
          if (input.value === input.dataset.original) input.value = text; // an unsaved edit stays as typed
          input.dataset.original = text;
          markDirty(input);
        });
      }

      return {
        first: () => inputs.find((i) => !i.readOnly),
        row: (name) => $(`.field-row[data-field="${CSS.escape(name)}"]`),
        show,
      };
    }

    function focusField(name) {
      $$(".field-row.active, .field-row.linked").forEach((r) => r.classList.remove("active", "linked"));
      const row = fields.row(name);
      if (row) row.classList.add("active");
      viewer.highlight(data.evidence[name]);
    }

    function linkWordToFields(word) {
      const centre = (b) => [b.left + b.width / 2, b.top + b.height / 2];
      const inside = (b, [x, y]) => x >= b.left && x <= b.left + b.width && y >= b.top && y <= b.top + b.height;
      const names = Object.entries(data.evidence || {})
        .filter(([, ev]) => ev && ev.page === viewer.page() && (ev.words || []).some((b) => inside(b, centre(word)) || inside(word, centre(b))))
        .map(([name]) => name);
      $$(".field-row.active, .field-row.linked").forEach((r) => r.classList.remove("active", "linked"));
      if (!names.length) return viewer.highlight(null);
      tabs.show("fields-tab");
      names.forEach((name) => fields.row(name) && fields.row(name).classList.add("linked"));
      const first = fields.row(names[0]);
      if (first) first.scrollIntoView({ block: "nearest" });
      viewer.highlight(data.evidence[names[0]], false);
    }

    // ---- candidates: select, confirm, reject
    function setupCandidates() {
      const cards = () => $$(".candidate[data-match-id]");
      let selected = Math.max(0, cards().findIndex((c) => c.dataset.decision !== "rejected"));
      const select = (i, scroll = true) => {
        const all = cards();
        if (!all.length) return;
        selected = clamp(i, 0, all.length - 1);
        all.forEach((card, n) => {
          card.classList.toggle("selected", n === selected);
          if (n === selected) card.setAttribute("aria-current", "true");
          else card.removeAttribute("aria-current");
        });
        if (scroll) all[selected].scrollIntoView({ block: "nearest" });
      };
      cards().forEach((card, n) => {
        card.addEventListener("click", () => select(n));
        $$("button[data-action]", card).forEach((button) =>
          button.addEventListener("click", (e) => {
            e.stopPropagation();
            select(n);
            decide(button.dataset.action);
          }),
        );
      });
      select(selected, false);

      function setDecision(card, decision) {
        card.dataset.decision = decision;
        card.classList.toggle("is-rejected", decision === "rejected");
        const badge = $(".decision", card);
        badge.className = `badge decision decision-${decision}`;
        badge.textContent = data.decisions[decision] || decision;
      }

      async function decide(action) {
        const card = cards()[selected];
        if (!card) return say(L.no_candidate, true);
        const name = card.dataset.name;
        const reason = await reasonDialog.ask(fmt(L[`${action}_title`], { name }), L[`${action}_reason`]);
        if (reason === null) return;
        let result;
        try {
          result = await api("POST", `/api/v1/documents/${docId}/matches/${encodeURIComponent(card.dataset.graduateId)}/${action}`, { reason });
        } catch (err) {
          return say(`${L.failed} ${err.message}`, true);
        }
        setDecision(card, result.decision);
        const status = $("#document-status");
        status.className = `badge status-${result.document_status}`;
        status.textContent = data.statuses[result.document_status] || result.document_status;
        if ($("#status-reason")) $("#status-reason").hidden = true; // it spoke of the state before this decision
        if (action === "confirm") {
          say("");
          $("#banner-text").textContent = fmt(L.confirmed, { name });
          $("#confirmed-banner").hidden = false;
          $("#banner-next").focus();
        } else {
          say(fmt(L.rejected, { name }));
          const next = cards().findIndex((c, n) => n > selected && c.dataset.decision !== "rejected");
          if (next >= 0) select(next);
        }
        await refreshHistory();
      }

      async function refresh() {
        let rows;
        try {
          rows = await api("GET", `/api/v1/documents/${docId}/candidates`);
        } catch (err) {
          return say(`${L.failed} ${err.message}`, true);
        }
        for (const c of rows) {
          const card = $(`.candidate[data-match-id="${CSS.escape(c.match_id)}"]`);
          if (!card) continue;
          setDecision(card, c.decision);
          const count = $(".differences", card);
          count.textContent = fmt(L.differences, { n: c.differences });
          count.classList.toggle("has-differences", c.differences > 0);
          const body = $(".compare tbody", card);
          body.replaceChildren(...c.compare.map(compareRow));
        }
      }

      function compareRow(row) {
        const tr = document.createElement("tr");
        tr.dataset.field = row.field;
        tr.className = row.same === false ? "differs" : row.same ? "same" : "missing";
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = row.label;
        tr.append(th);
        for (const text of [row.extracted, row.registry]) tr.insertCell().textContent = text;
        return tr;
      }

      return { select, next: () => select(selected + 1), previous: () => select(selected - 1), decide, refresh };
    }

    // ---- history and restore
    async function refreshHistory() {
      let rows;
      try {
        rows = await api("GET", `/api/v1/documents/${docId}/history`);
      } catch (err) {
        return say(`${L.failed} ${err.message}`, true);
      }
      const body = $("#history tbody");
      const known = new Set($$("tr[data-revision-id]", body).map((tr) => tr.dataset.revisionId));
      if (!rows.length) {
        const cell = document.createElement("tr").insertCell();
        cell.colSpan = 5;
        cell.className = "muted";
        cell.textContent = L.no_history;
        return body.replaceChildren(cell.parentElement);
      }
      body.replaceChildren(...rows.map((h) => historyRow(h, known)));
    }

    function historyRow(h, known) {
      const tr = document.createElement("tr");
      tr.dataset.revisionId = h.id;
      tr.dataset.field = h.field;
      if (known.size && !known.has(h.id)) tr.classList.add("fresh");
      tr.insertCell().textContent = h.when;
      tr.insertCell().textContent = h.actor;
      const what = tr.insertCell();
      what.textContent = h.what;
      if (h.subject) {
        const subject = document.createElement("span");
        subject.className = "muted";
        subject.textContent = ` ${h.subject}`;
        what.append(subject);
      }
      const change = tr.insertCell();
      if (h.field !== "created") {
        const old = Object.assign(document.createElement("span"), { className: "old", textContent: h.old_text });
        const now = Object.assign(document.createElement("span"), { className: "new", textContent: h.new_text });
        change.append(old, " → ", now);
      }
      if (h.restorable) {
        const button = Object.assign(document.createElement("button"), { type: "button", className: "restore secondary", textContent: L.restore });
        button.dataset.revisionId = h.id;
        change.append(document.createElement("br"), button);
      }
      const why = tr.insertCell();
      why.textContent = h.reason_text;
      why.title = h.reason;
      return tr;
    }

    $("#history").addEventListener("click", async (e) => {
      const button = e.target.closest("button.restore");
      if (!button) return;
      const reason = await reasonDialog.ask(L.restore_title, "");
      if (reason === null) return;
      try {
        await api("POST", `/api/v1/revisions/${button.dataset.revisionId}/restore`, { reason });
      } catch (err) {
        return say(`${L.failed} ${err.message}`, true);
      }
      say(L.restored);
      const doc = await api("GET", `/api/v1/documents/${docId}`);
      fields.show(doc.fields);
      const status = $("#document-status");
      status.className = `badge status-${doc.status}`;
      status.textContent = data.statuses[doc.status] || doc.status;
      await Promise.all([candidates.refresh(), refreshHistory()]);
    });

    // ---- next and previous in the queue
    function go(id, atEnd) {
      if (id) window.location.href = `/documents/${id}`;
      else say(atEnd);
    }

    const keys = {
      j: () => go(data.next, L.end_of_queue),
      n: () => go(data.next, L.end_of_queue),
      k: () => go(data.previous, L.start_of_queue),
      p: () => go(data.previous, L.start_of_queue),
      ArrowDown: () => candidates.next(),
      ArrowUp: () => candidates.previous(),
      c: () => candidates.decide("confirm"),
      r: () => candidates.decide("reject"),
      e: () => {
        const input = fields.first();
        if (!input) return;
        tabs.show("fields-tab");
        input.focus();
        if (input.select) input.select();
      },
      "+": () => viewer.zoom(1.25),
      "-": () => viewer.zoom(0.8),
      0: () => viewer.fit(),
      "[": () => viewer.step(-1),
      "]": () => viewer.step(1),
      f: () => tabs.show("fields-tab"),
      t: () => tabs.show("text-tab"),
      s: () => tabs.show("steps-tab"),
      h: () => tabs.show("history-tab"),
      "?": () => help.toggle(),
    };
    for (let n = 1; n <= 9; n += 1) keys[String(n)] = () => candidates.select(n - 1);

    document.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || $("dialog[open]")) return;
      const key = keyName(e);
      if (help.open()) {
        if (key === "Escape" || key === "?") {
          e.preventDefault();
          help.toggle(false);
        }
        return;
      }
      if (isTyping(e.target)) return;
      const action = keys[key];
      if (!action) return;
      e.preventDefault(); // the key that opens a dialog must not also type into it
      action();
    });
  }

  // ---- the scan: zoom, pan, pages, word boxes coloured by confidence
  function setupViewer(data, onWord) {
    const box = $("#viewer");
    const none = { page: () => null, highlight() {}, zoom() {}, fit() {}, step() {} };
    if (!box) return none;
    const stage = $("#stage");
    const img = $("#scan");
    const svg = $("#boxes");
    const wordLayer = $("#word-layer");
    const hlLayer = $("#highlight-layer");
    const SVG = "http://www.w3.org/2000/svg";
    const cache = new Map();
    const view = { scale: 1, x: 0, y: 0 };
    let page = data.pages[0].number;
    let words = [];
    let evidence = null;

    // a page larger than the viewer is kept covering it; a smaller one stays inside it
    const bound = (offset, size, room) => (size > room ? clamp(offset, room - size, 0) : clamp(offset, 0, room - size));
    const apply = () => {
      view.x = bound(view.x, stage.offsetWidth * view.scale, box.clientWidth);
      view.y = bound(view.y, stage.offsetHeight * view.scale, box.clientHeight);
      stage.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
      $("#zoom-level").textContent = `${Math.round(view.scale * 100)}%`;
    };
    const zoomAt = (factor, cx, cy) => {
      const scale = clamp(view.scale * factor, 0.2, 10);
      view.x = cx - ((cx - view.x) * scale) / view.scale;
      view.y = cy - ((cy - view.y) * scale) / view.scale;
      view.scale = scale;
      apply();
    };
    const zoom = (factor) => zoomAt(factor, box.clientWidth / 2, box.clientHeight / 2);
    // the whole page in view: the stage is as wide as the viewer, so a tall page is scaled down
    const fit = () => {
      const height = stage.offsetHeight || 1;
      view.scale = Math.min(1, box.clientHeight / height);
      view.x = (box.clientWidth - stage.offsetWidth * view.scale) / 2;
      view.y = 0;
      apply();
    };

    $("#zoom-in").addEventListener("click", () => zoom(1.25));
    $("#zoom-out").addEventListener("click", () => zoom(0.8));
    $("#zoom-reset").addEventListener("click", fit);
    $("#show-boxes").addEventListener("change", (e) => svg.classList.toggle("hidden-boxes", !e.target.checked));
    box.addEventListener("wheel", (e) => {
      e.preventDefault();
      const rect = box.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - rect.left, e.clientY - rect.top);
    }, { passive: false });

    let drag = null;
    let dragged = false;
    box.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      drag = { px: e.clientX, py: e.clientY, x: view.x, y: view.y, id: e.pointerId };
      dragged = false;
    });
    box.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.px;
      const dy = e.clientY - drag.py;
      if (!dragged && Math.hypot(dx, dy) < 4) return;
      if (!dragged) {
        dragged = true;
        box.classList.add("dragging");
        box.setPointerCapture(drag.id);
      }
      view.x = drag.x + dx;
      view.y = drag.y + dy;
      apply();
    });
    const endDrag = () => {
      drag = null;
      box.classList.remove("dragging");
    };
    box.addEventListener("pointerup", endDrag);
    box.addEventListener("pointercancel", endDrag);
    wordLayer.addEventListener("click", (e) => {
      if (dragged) return;
      const rect = e.target.closest("rect.word");
      if (!rect) return;
      $$("rect.picked", wordLayer).forEach((r) => r.classList.remove("picked"));
      rect.classList.add("picked");
      onWord(words[Number(rect.dataset.i)]);
    });

    // Word boxes are in the page's coordinates (its width and height), whatever size the image was
    // stored at: the SVG's viewBox is the page, stretched over the image as shown.
    const meta = () => data.pages.find((p) => p.number === page);
    img.addEventListener("load", fit);
    if (img.complete && img.naturalWidth) fit();
    window.addEventListener("resize", fit);

    async function pageWords(number) {
      if (!cache.has(number)) {
        const response = await fetch(`/api/v1/documents/${data.document_id}/pages/${number}/text`);
        cache.set(number, response.ok ? (await response.json()).words : []);
      }
      return cache.get(number);
    }

    function rect(b, className) {
      const r = document.createElementNS(SVG, "rect");
      r.setAttribute("x", b.left);
      r.setAttribute("y", b.top);
      r.setAttribute("width", b.width);
      r.setAttribute("height", b.height);
      r.setAttribute("class", className);
      return r;
    }

    function drawWords() {
      wordLayer.replaceChildren(
        ...words.map((w, i) => {
          const r = rect(w, `word ${confClass(w.confidence)}`);
          r.dataset.i = i;
          const title = document.createElementNS(SVG, "title");
          title.textContent = `${w.text} · ${Math.round(w.confidence * 100)}%`;
          r.append(title);
          return r;
        }),
      );
    }

    function drawEvidence() {
      const boxes = evidence && evidence.page === page ? evidence.words || [] : [];
      hlLayer.replaceChildren(...boxes.map((b) => rect(b, "evidence")));
      return boxes;
    }

    // pan so that the evidence is in the middle of the viewer, at the present zoom
    function centreOn(boxes) {
      if (!boxes.length) return;
      const left = Math.min(...boxes.map((b) => b.left));
      const top = Math.min(...boxes.map((b) => b.top));
      const right = Math.max(...boxes.map((b) => b.left + b.width));
      const bottom = Math.max(...boxes.map((b) => b.top + b.height));
      const px = stage.offsetWidth / meta().width;
      const cx = ((left + right) / 2) * px * view.scale;
      const cy = ((top + bottom) / 2) * px * view.scale;
      if (stage.offsetWidth * view.scale > box.clientWidth) view.x = box.clientWidth / 2 - cx;
      if (stage.offsetHeight * view.scale > box.clientHeight) view.y = box.clientHeight / 2 - cy;
      apply();
    }

    async function show(number) {
      if (!data.pages.some((p) => p.number === number)) return;
      const changed = number !== page;
      page = number;
      $$(".thumbnail").forEach((t) => {
        const active = Number(t.dataset.page) === number;
        t.classList.toggle("active", active);
        if (active) t.setAttribute("aria-current", "true");
        else t.removeAttribute("aria-current");
      });
      $$(".page-summary").forEach((p) => { p.hidden = Number(p.dataset.page) !== number; });
      if (changed) {
        svg.setAttribute("viewBox", `0 0 ${meta().width} ${meta().height}`);
        img.alt = img.alt.replace(/\d+/, String(number));
        wordLayer.replaceChildren();
        await new Promise((resolve) => {
          img.addEventListener("load", resolve, { once: true });
          img.addEventListener("error", resolve, { once: true });
          img.src = `/api/v1/documents/${data.document_id}/pages/${number}/image`;
        });
      }
      words = await pageWords(number);
      if (page === number) drawWords();
    }

    $$(".thumbnail").forEach((t) => t.addEventListener("click", () => show(Number(t.dataset.page))));
    show(page);

    async function highlight(ev, centre = true) {
      evidence = ev || null;
      if (evidence && evidence.page && evidence.page !== page) await show(evidence.page);
      const boxes = drawEvidence();
      if (centre) centreOn(boxes);
    }

    function step(delta) {
      const at = data.pages.findIndex((p) => p.number === page);
      const next = data.pages[at + delta];
      if (next) show(next.number).then(drawEvidence);
    }

    return { page: () => page, highlight, zoom, fit, step };
  }

  function setupTabs() {
    const tabs = $$('[role="tab"]');
    const show = (id) => {
      tabs.forEach((tab) => {
        const active = tab.id === id;
        tab.setAttribute("aria-selected", String(active));
        tab.tabIndex = active ? 0 : -1;
        $(`#${tab.getAttribute("aria-controls")}`).hidden = !active;
      });
    };
    tabs.forEach((tab, n) => {
      tab.addEventListener("click", () => show(tab.id));
      tab.addEventListener("keydown", (e) => {
        const move = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
        if (!move) return;
        e.preventDefault();
        const next = tabs[(n + move + tabs.length) % tabs.length];
        show(next.id);
        next.focus();
      });
    });
    return { show };
  }

  function setupHelp() {
    const overlay = $("#help-overlay");
    const button = $("#help-button");
    let before = null;
    const toggle = (open = overlay.hidden) => {
      if (open) before = document.activeElement;
      overlay.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      if (open) $("#help-close").focus();
      else if (before && before.focus) before.focus();
    };
    button.addEventListener("click", () => toggle());
    $("#help-close").addEventListener("click", () => toggle(false));
    overlay.addEventListener("click", (e) => {
      if (e.target === overlay) toggle(false);
    });
    return { toggle, open: () => !overlay.hidden };
  }

  // A reason for a decision or a restore: asked in a dialog, Enter accepts, Esc cancels.
  function setupReasonDialog() {
    const dialog = $("#reason-dialog");
    const input = $("#reason-input");
    let settle = null;
    const finish = (value) => {
      if (dialog.open) dialog.close();
      if (settle) settle(value);
      settle = null;
    };
    $("#reason-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (!value) return input.reportValidity();
      finish(value);
    });
    $("#reason-cancel").addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      finish(null);
    });
    const ask = (title, preset) =>
      new Promise((resolve) => {
        settle = resolve;
        $("#reason-title").textContent = title;
        input.value = preset || "";
        dialog.showModal();
        input.focus();
        input.select();
      });
    return { ask };
  }

  document.addEventListener("DOMContentLoaded", () => {
    setupQueue();
    setupDocument();
  });
})();
