// The candidate graduates beside the fields: one is selected (arrows, 1-9, a click), confirmed (c) or
// rejected (r) with a reason asked in the dialog; their comparisons are fetched again after an edit.
import { $, $$, clamp, fmt } from "./dom.js";
import { getJSON, sendJSON } from "./http.js";

const cards = () => $$(".candidate[data-match-id]");

function select(list, i, scroll = true) {
  const all = cards();
  if (!all.length) return;
  list.selected = clamp(i, 0, all.length - 1);
  all.forEach((card, n) => {
    card.classList.toggle("selected", n === list.selected);
    if (n === list.selected) card.setAttribute("aria-current", "true");
    else card.removeAttribute("aria-current");
  });
  if (scroll) all[list.selected].scrollIntoView({ block: "nearest" });
}

function setDecision(page, card, decision) {
  card.dataset.decision = decision;
  card.classList.toggle("is-rejected", decision === "rejected");
  const badge = $(".decision", card);
  badge.className = `badge decision decision-${decision}`;
  badge.textContent = page.data.decisions[decision] || decision;
}

function showDecided(list, action, name) {
  const { L, say } = list.page;
  if (action === "confirm") {
    say("");
    $("#banner-text").textContent = fmt(L.confirmed, { name });
    $("#confirmed-banner").hidden = false;
    $("#banner-next").focus();
  } else {
    say(fmt(L.rejected, { name }));
    const next = cards().findIndex((c, n) => n > list.selected && c.dataset.decision !== "rejected");
    if (next >= 0) select(list, next);
  }
}

async function decide(list, action) {
  const { page } = list;
  const { L, say } = page;
  const card = cards()[list.selected];
  if (!card) return say(L.no_candidate, true);
  const name = card.dataset.name;
  const reason = await page.reasonDialog.ask(fmt(L[`${action}_title`], { name }), L[`${action}_reason`]);
  if (reason === null) return;
  const url = `/api/v1/documents/${page.docId}/matches/${encodeURIComponent(card.dataset.graduateId)}/${action}`;
  let result;
  try {
    result = await sendJSON("POST", url, { reason });
  } catch (err) {
    // another graduate is confirmed here: the reviewer says whether this one takes its place
    if (err.code !== "review.another_confirmed") return say(`${L.failed} ${err.message}`, true);
    if (!window.confirm(`${err.message}\n\n${fmt(L.replace_question, { name })}`)) return say(err.message, true);
    try {
      result = await sendJSON("POST", url, { reason, replace: true });
    } catch (again) {
      return say(`${L.failed} ${again.message}`, true);
    }
    await refresh(page); // the replaced graduate is now rejected
  }
  setDecision(page, card, result.decision);
  page.showStatus(result.document_status);
  if ($("#status-reason")) $("#status-reason").hidden = true; // it spoke of the state before this decision
  showDecided(list, action, name);
  await page.history.refresh();
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
  if (row.detail) {
    const detail = document.createElement("small");
    detail.className = "compare-detail";
    detail.textContent = row.detail;
    tr.lastElementChild.append(" ", detail);
  }
  return tr;
}

async function refresh(page) {
  let rows;
  try {
    rows = await getJSON(`/api/v1/documents/${page.docId}/candidates`);
  } catch (err) {
    return page.say(`${page.L.failed} ${err.message}`, true);
  }
  for (const c of rows) {
    const card = $(`.candidate[data-match-id="${CSS.escape(c.match_id)}"]`);
    if (!card) continue;
    setDecision(page, card, c.decision);
    const count = $(".differences", card);
    count.textContent = fmt(page.L.differences, { n: c.differences });
    count.classList.toggle("has-differences", c.differences > 0);
    $(".compare tbody", card).replaceChildren(...c.compare.map(compareRow));
  }
}

// `page`: the document page's parts (workbench-document.js)
export function setupCandidates(page) {
  const list = { page, selected: Math.max(0, cards().findIndex((c) => c.dataset.decision !== "rejected")) };
  cards().forEach((card, n) => {
    card.addEventListener("click", () => select(list, n));
    $$("button[data-action]", card).forEach((button) =>
      button.addEventListener("click", (e) => {
        e.stopPropagation();
        select(list, n);
        decide(list, button.dataset.action);
      }),
    );
  });
  select(list, list.selected, false);
  return {
    select: (i) => select(list, i),
    next: () => select(list, list.selected + 1),
    previous: () => select(list, list.selected - 1),
    decide: (action) => decide(list, action),
    refresh: () => refresh(page),
  };
}
