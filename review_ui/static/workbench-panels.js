// The side's tabs, the keyboard help overlay, and the dialog that asks for a reason.
import { $, $$ } from "./dom.js";

export function setupTabs() {
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

export function setupHelp() {
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
// `ask` answers the reason, or null when cancelled.
export function setupReasonDialog() {
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
