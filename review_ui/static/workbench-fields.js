// The fields, edited in place: Enter saves every changed field with the reason above them, Esc puts a
// field back as it was; a saved change is compared with the candidates again and shows in History.
import { $, $$ } from "./dom.js";
import { sendJSON } from "./http.js";
import { focusField } from "./workbench-evidence.js";

const rowOf = (input) => input.closest(".field-row");

function dirty(form) {
  return form.inputs.filter((i) => !i.readOnly && i.value !== i.dataset.original);
}

function markDirty(form, input) {
  rowOf(input).classList.toggle("dirty", input.value !== input.dataset.original);
  rowOf(input).classList.remove("saved");
  if (dirty(form).length) form.page.say(form.page.L.unsaved);
}

function bindInput(form, input) {
  input.addEventListener("focus", () => focusField(form.page, input.dataset.field));
  input.addEventListener("click", () => focusField(form.page, input.dataset.field));
  input.addEventListener("input", () => markDirty(form, input));
  input.addEventListener("change", () => markDirty(form, input));
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      save(form);
    } else if (e.key === "Escape") {
      e.preventDefault();
      input.value = input.dataset.original;
      markDirty(form, input);
      if (!dirty(form).length) form.page.say("");
      input.blur();
    }
  });
}

async function save(form) {
  const { page } = form;
  const { L, say } = page;
  const changed = dirty(form);
  if (!changed.length) return say(L.nothing_changed);
  const reason = $("#edit-reason").value.trim();
  if (!reason) return $("#edit-reason").reportValidity();
  say(L.saving);
  let result;
  try {
    result = await sendJSON("PATCH", `/api/v1/documents/${page.docId}/fields`, {
      fields: Object.fromEntries(changed.map((i) => [i.dataset.field, i.value])),
      expected: Object.fromEntries(changed.map((i) => [i.dataset.field, i.dataset.original])),
      reason,
    });
  } catch (err) {
    return say(`${L.failed} ${err.message}`, true);
  }
  // focus leaves the field, so that the next key is a shortcut and not typed into the value
  if (form.inputs.includes(document.activeElement)) document.activeElement.blur();
  changed.forEach((input) => (input.dataset.original = input.value)); // saved: shown as the server keeps it
  show(form, result.fields); // (an IIN without spaces, a date as 2010-07-04)
  changed.forEach((input) => rowOf(input).classList.add("saved"));
  say(L.saved);
  page.showStatus(result.document_status, result.status_reason);
  // matching ran again on the new values: other graduates come with their reasons on a fresh page
  if (result.candidates_changed) return window.location.reload();
  await Promise.all([page.candidates.refresh(), page.history.refresh()]);
}

// the values the server now holds (after a restore); an unsaved edit stays as typed
function show(form, values) {
  form.inputs.forEach((input) => {
    const value = values[input.dataset.field];
    const text = value === undefined || value === null ? "" : String(value);
    if (input.value === input.dataset.original) input.value = text;
    input.dataset.original = text;
    markDirty(form, input);
  });
}

// `page`: the document page's parts (workbench-document.js)
export function setupFields(page) {
  const form = { page, inputs: $$(".field-row input, .field-row select") };
  form.inputs.forEach((input) => bindInput(form, input));
  $("#fields-form").addEventListener("submit", (e) => {
    e.preventDefault();
    save(form);
  });
  $("#edit-reason").addEventListener("keydown", (e) => {
    if (e.key === "Escape") e.target.blur();
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty(form).length) {
      e.preventDefault();
      e.returnValue = page.L.unsaved_leave;
    }
  });
  return {
    first: () => form.inputs.find((i) => !i.readOnly),
    row: (name) => $(`.field-row[data-field="${CSS.escape(name)}"]`),
    show: (values) => show(form, values),
  };
}
