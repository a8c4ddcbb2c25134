// The reviewers' workbench: the queue and the document page (scan viewer with word boxes, fields edited in
// place, candidate graduates, history). Every word the user reads comes from the page (the template's
// translated labels in #wb-data, or the server's answers): these modules hold no interface text.
//
// Native ES modules, no build step; each file one concern:
//   workbench-queue.js       the queue's keys              workbench-document.js  the document page's parts
//   workbench-viewer.js      zoom, pan, pages              workbench-boxes.js     word and evidence boxes
//   workbench-fields.js      fields edited in place        workbench-evidence.js  field <-> scan links
//   workbench-candidates.js  select, confirm, reject       workbench-history.js   History and restore
//   workbench-panels.js      tabs, help, reason dialog     workbench-keys.js      keyboard shortcuts
//   workbench-text.js        OCR lines corrected           http.js                fetch with the CSRF token
//   dom.js                   small DOM helpers
import { onReady } from "./dom.js";
import { setupDocument } from "./workbench-document.js";
import { setupQueue } from "./workbench-queue.js";

onReady(() => {
  setupQueue();
  setupDocument();
});
