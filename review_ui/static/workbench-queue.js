// The review queue: j/k (or n/p, arrows) move the selection, Enter opens the selected document.
import { $, $$, clamp } from "./dom.js";
import { isTyping, keyName } from "./workbench-keys.js";

export function setupQueue() {
  const rows = $$("#queue .queue-item");
  if (!rows.length) return;
  let at = 0;
  const select = (i) => {
    at = clamp(i, 0, rows.length - 1);
    rows.forEach((row, n) => row.classList.toggle("selected", n === at));
    rows[at].focus();
  };
  rows.forEach((row, n) => row.addEventListener("click", () => select(n)));
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    const key = keyName(e);
    if (key === "j" || key === "n" || key === "ArrowDown") select(at + 1);
    else if (key === "k" || key === "p" || key === "ArrowUp") select(at - 1);
    else if (key === "Enter" && !e.target.closest("a, button")) window.location.href = $("a", rows[at]).href;
    else return;
    e.preventDefault();
  });
  select(0);
}
