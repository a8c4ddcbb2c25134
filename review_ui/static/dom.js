// Small DOM helpers shared by the pages' modules.

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

// "%(name)s" placeholders, as the server's gettext writes them, filled from `values`
export const fmt = (text, values) => String(text).replace(/%\((\w+)\)s/g, (_, key) => (key in values ? values[key] : ""));

export const clamp = (value, low, high) => Math.min(high, Math.max(low, value));

// Runs `fn` once the document is parsed (module scripts run before DOMContentLoaded, but not always).
export function onReady(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
  else fn();
}

// The translated labels a template puts in a <template id=...> as elements with data-key.
export function labelsFrom(templateId) {
  const out = {};
  const template = document.getElementById(templateId);
  if (template) template.content.querySelectorAll("[data-key]").forEach((el) => { out[el.dataset.key] = el.textContent; });
  return out;
}
