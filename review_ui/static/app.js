// A small layer over server-rendered pages: uploads with drag and drop, live collection progress,
// retry buttons. Every request goes through http.js, which carries the CSRF token of the page.
import { labelsFrom, onReady } from "./dom.js";
import { getJSON, postForm } from "./http.js";

const FINISHED = ["processed", "needs_review", "verified", "failed"];

function setupDropZone(zone, files) {
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault(); zone.classList.remove("over"); files.dropped = Array.from(e.dataTransfer.files);
    zone.querySelector("p").textContent = files.dropped.map((f) => f.name).join(", ");
  });
}

function showResults(tbody, results, labels) {
  for (const r of results) {
    const row = tbody.insertRow();
    row.insertCell().textContent = r.filename;
    const result = row.insertCell(); result.textContent = labels[r.result] || r.result; result.className = r.result;
    row.insertCell().textContent = r.result === "rejected" ? r.message_localized || r.message : "";
  }
}

function setupUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = document.getElementById("files");
  const labels = labelsFrom("result-labels");
  const files = { dropped: [] };
  setupDropZone(document.getElementById("drop-zone"), files);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = new FormData();
    for (const file of files.dropped.length ? files.dropped : Array.from(input.files)) body.append("files", file);
    body.append("collection", document.getElementById("collection").value);
    const table = document.getElementById("upload-results");
    const tbody = table.querySelector("tbody");
    tbody.innerHTML = "";
    table.classList.remove("hidden");
    try {
      const data = await postForm("/api/v1/documents", body);
      showResults(tbody, data.results, labels);
      files.dropped = []; input.value = "";
      refreshCollections();
    } catch (err) {
      tbody.insertRow().insertCell().textContent = labels.error + " " + err.message;
    }
  });
}

async function refreshCollections() {
  const table = document.getElementById("collections");
  if (!table) return;
  let batches;
  try {
    batches = await getJSON("/api/v1/collections");
  } catch {
    return; // the next poll tries again
  }
  if (!batches.length) return;
  const statusLabels = labelsFrom("status-labels");
  const tbody = table.querySelector("tbody");
  tbody.innerHTML = "";
  for (const b of batches) {
    const done = FINISHED.reduce((n, s) => n + (b.counts[s] || 0), 0);
    const row = tbody.insertRow();
    row.insertCell().textContent = b.name;
    const progress = document.createElement("progress");
    progress.max = b.total; progress.value = done;
    const cell = row.insertCell(); cell.append(progress, ` ${done} / ${b.total}`);
    row.insertCell().textContent = Object.entries(b.counts).map(([s, n]) => `${statusLabels[s] || s}: ${n}`).join(", ");
  }
}

function setupRetry() {
  document.querySelectorAll("button.retry").forEach((button) => {
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await postForm(`/api/v1/documents/${button.dataset.id}/retry`, new FormData());
        button.closest("tr").remove();
      } catch (err) {
        button.disabled = false;
        button.closest("tr").querySelector(".reason").textContent = err.message;
      }
    });
  });
}

// The language menu sends its form when a language is chosen (no inline handler: the CSP forbids them).
function setupSubmitOnChange() {
  document.querySelectorAll("[data-submit-on-change]").forEach((input) => {
    input.addEventListener("change", () => input.form.submit());
  });
}

onReady(() => {
  setupSubmitOnChange();
  setupUpload();
  setupRetry();
  if (document.getElementById("collections")) { refreshCollections(); setInterval(refreshCollections, 3000); }
});
