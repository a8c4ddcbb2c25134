// History: every revision of the document and its matches, newest first, fetched again after each
// change; a restorable one is restored (with a reason) as a new revision.
import { $, $$ } from "./dom.js";
import { getJSON, sendJSON } from "./http.js";

const span = (className, textContent) => Object.assign(document.createElement("span"), { className, textContent });

function restoreButton(h, L) {
  const button = Object.assign(document.createElement("button"), { type: "button", className: "restore secondary", textContent: L.restore });
  button.dataset.revisionId = h.id;
  return button;
}

// `known`: the revisions shown before, so that a new one is marked fresh
function historyRow(h, known, L) {
  const tr = document.createElement("tr");
  tr.dataset.revisionId = h.id;
  tr.dataset.field = h.field;
  if (known.size && !known.has(h.id)) tr.classList.add("fresh");
  tr.insertCell().textContent = h.when;
  tr.insertCell().textContent = h.actor;
  const what = tr.insertCell();
  what.textContent = h.what;
  if (h.subject) what.append(span("muted", ` ${h.subject}`));
  const change = tr.insertCell();
  if (h.field !== "created") change.append(span("old", h.old_text), " → ", span("new", h.new_text));
  if (h.restorable) change.append(document.createElement("br"), restoreButton(h, L));
  const why = tr.insertCell();
  why.textContent = h.reason_text;
  why.title = h.reason_full;
  return tr;
}

async function refresh(page) {
  let rows;
  try {
    rows = await getJSON(`/api/v1/documents/${page.docId}/history`);
  } catch (err) {
    return page.say(`${page.L.failed} ${err.message}`, true);
  }
  const body = $("#history tbody");
  const known = new Set($$("tr[data-revision-id]", body).map((tr) => tr.dataset.revisionId));
  if (!rows.length) {
    const cell = document.createElement("tr").insertCell();
    cell.colSpan = 5;
    cell.className = "muted";
    cell.textContent = page.L.no_history;
    return body.replaceChildren(cell.parentElement);
  }
  body.replaceChildren(...rows.map((h) => historyRow(h, known, page.L)));
}

async function restore(page, button) {
  const { L, say } = page;
  const reason = await page.reasonDialog.ask(L.restore_title, "");
  if (reason === null) return;
  try {
    await sendJSON("POST", `/api/v1/revisions/${button.dataset.revisionId}/restore`, { reason });
  } catch (err) {
    return say(`${L.failed} ${err.message}`, true);
  }
  say(L.restored);
  const doc = await getJSON(`/api/v1/documents/${page.docId}`);
  page.fields.show(doc.fields);
  page.showStatus(doc.status);
  await Promise.all([page.candidates.refresh(), refresh(page)]);
}

// `page`: the document page's parts (workbench-document.js)
export function setupHistory(page) {
  $("#history").addEventListener("click", (e) => {
    const button = e.target.closest("button.restore");
    if (button) restore(page, button);
  });
  return { refresh: () => refresh(page) };
}
