"use strict";
// A small layer over server-rendered pages: uploads with drag and drop, live collection progress,
// retry buttons. Every state-changing request carries the CSRF token of the page.
const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

async function post(url, body) {
  const response = await fetch(url, { method: "POST", body, headers: { "X-CSRF-Token": csrf() } });
  const data = await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 207) throw new Error((data.error && (data.error.message_localized || data.error.message)) || response.statusText);
  return data;
}

function labelsFrom(templateId) {
  const out = {};
  const template = document.getElementById(templateId);
  if (template) template.content.querySelectorAll("[data-key]").forEach((el) => { out[el.dataset.key] = el.textContent; });
  return out;
}

function setupUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const zone = document.getElementById("drop-zone");
  const input = document.getElementById("files");
  const labels = labelsFrom("result-labels");
  let dropped = [];
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault(); zone.classList.remove("over"); dropped = Array.from(e.dataTransfer.files);
    zone.querySelector("p").textContent = dropped.map((f) => f.name).join(", ");
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = new FormData();
    for (const file of dropped.length ? dropped : Array.from(input.files)) body.append("files", file);
    body.append("collection", document.getElementById("collection").value);
    const table = document.getElementById("upload-results");
    const tbody = table.querySelector("tbody");
    tbody.innerHTML = "";
    table.classList.remove("hidden");
    try {
      const data = await post("/api/v1/documents", body);
      for (const r of data.results) {
        const row = tbody.insertRow();
        row.insertCell().textContent = r.filename;
        const result = row.insertCell(); result.textContent = labels[r.result] || r.result; result.className = r.result;
        row.insertCell().textContent = r.result === "rejected" ? r.message_localized || r.message : "";
      }
      dropped = []; input.value = "";
      refreshCollections();
    } catch (err) {
      tbody.insertRow().insertCell().textContent = labels.error + " " + err.message;
    }
  });
}

async function refreshCollections() {
  const table = document.getElementById("collections");
  if (!table) return;
  const response = await fetch("/api/v1/collections");
  if (!response.ok) return;
  const batches = await response.json();
  if (!batches.length) return;
  const statusLabels = window.MURAGAT_STATUS_LABELS || {};
  const tbody = table.querySelector("tbody");
  tbody.innerHTML = "";
  for (const b of batches) {
    const done = ["processed", "needs_review", "verified", "failed"].reduce((n, s) => n + (b.counts[s] || 0), 0);
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
        await post(`/api/v1/documents/${button.dataset.id}/retry`, new FormData());
        button.closest("tr").remove();
      } catch (err) {
        button.disabled = false;
        button.closest("tr").querySelector(".reason").textContent = err.message;
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupUpload();
  setupRetry();
  if (document.getElementById("collections")) { refreshCollections(); setInterval(refreshCollections, 3000); }
});
