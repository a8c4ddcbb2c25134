// The document page: the parts (scan, fields, candidates, history, tabs, help, the reason dialog,
// the keyboard) are set up here and share one `page` object, through which each reaches the others
// when the user acts (a saved field refreshes the candidates and History, and so on).
import { $, $$, fmt } from "./dom.js";
import { sendJSON } from "./http.js";
import { setupCandidates } from "./workbench-candidates.js";
import { linkWordToFields } from "./workbench-evidence.js";
import { setupFields } from "./workbench-fields.js";
import { setupHistory } from "./workbench-history.js";
import { setupText } from "./workbench-text.js";
import { bindDocumentKeys } from "./workbench-keys.js";
import { setupHelp, setupReasonDialog, setupTabs } from "./workbench-panels.js";
import { setupViewer } from "./workbench-viewer.js";

// what every part reads: the page's data (#wb-data: labels, statuses, decisions, evidence, pages,
// next and previous in the queue), the message line and the status badge
function pageContext(blob) {
  const data = JSON.parse(blob.textContent);
  const messageEl = $("#wb-message");
  const say = (text, isError = false) => {
    messageEl.textContent = text;
    messageEl.classList.toggle("error", isError);
  };
  // the status badge, and the reason beside it where the server gave one in the reader's language
  const showStatus = (status, reason) => {
    const badge = $("#document-status");
    badge.className = `badge status-${status}`;
    badge.textContent = data.statuses[status] || status;
    const line = $("#status-reason");
    if (line && reason !== undefined) {
      line.textContent = reason;
      line.hidden = !reason;
    }
  };
  return { data, L: data.labels, docId: data.document_id, say, showStatus };
}

export function setupDocument() {
  const blob = $("#wb-data");
  if (!blob) return;
  const page = pageContext(blob);
  page.viewer = setupViewer(page.data, (word) => linkWordToFields(page, word));
  page.fields = setupFields(page);
  page.candidates = setupCandidates(page);
  page.tabs = setupTabs();
  page.help = setupHelp();
  page.reasonDialog = setupReasonDialog();
  page.history = setupHistory(page);
  setupResolutions(page);
  setupText(page);
  bindDocumentKeys(page);
}

// "Reviewed: not in the registry" (a diploma nobody in the registry matches) and "Reviewed" (an archive
// document): the reviewer finishes a document matching cannot settle, with a reason
function setupResolutions(page) {
  // a ledger's row whose graduate the registry lacks
  $$("button.resolve-row").forEach((button) =>
    button.addEventListener("click", async () => {
      const n = button.dataset.row;
      const reason = await page.reasonDialog.ask(fmt(page.L.row_title, { n }), page.L.row_reason);
      if (reason === null) return;
      let result;
      try {
        result = await sendJSON("POST", `/api/v1/documents/${page.docId}/rows/${n}/resolve`, { reason });
      } catch (err) {
        return page.say(`${page.L.failed} ${err.message}`, true);
      }
      page.showStatus(result.document_status, result.status_reason);
      const tr = button.closest("tr");
      tr.classList.replace("open", "done");
      button.remove();
      page.say(fmt(page.L.row_done, { n }));
      await page.history.refresh();
    }),
  );
  $$("button.resolve").forEach((button) =>
    button.addEventListener("click", async () => {
      const reason = await page.reasonDialog.ask(button.dataset.title, button.dataset.reason);
      if (reason === null) return;
      let result;
      try {
        const register = button.dataset.resolution === "register"; // an admin adds the graduate
        result = register
          ? await sendJSON("POST", `/api/v1/documents/${page.docId}/register`, { reason })
          : await sendJSON("POST", `/api/v1/documents/${page.docId}/resolve`, {
              resolution: button.dataset.resolution,
              reason,
            });
      } catch (err) {
        return page.say(`${page.L.failed} ${err.message}`, true);
      }
      page.showStatus(result.document_status, result.status_reason);
      $("#resolutions").hidden = true;
      $("#banner-text").textContent = fmt(page.L.resolved, { reason: result.status_reason });
      $("#confirmed-banner").hidden = false;
      $("#banner-next").focus();
      await page.history.refresh();
    }),
  );
}
