// The document page: the parts (scan, fields, candidates, history, tabs, help, the reason dialog,
// the keyboard) are set up here and share one `page` object, through which each reaches the others
// when the user acts (a saved field refreshes the candidates and History, and so on).
import { $ } from "./dom.js";
import { setupCandidates } from "./workbench-candidates.js";
import { linkWordToFields } from "./workbench-evidence.js";
import { setupFields } from "./workbench-fields.js";
import { setupHistory } from "./workbench-history.js";
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
  const showStatus = (status) => {
    const badge = $("#document-status");
    badge.className = `badge status-${status}`;
    badge.textContent = data.statuses[status] || status;
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
  bindDocumentKeys(page);
}
