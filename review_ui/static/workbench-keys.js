// The keyboard: one name per key whatever the layout, and the document page's shortcuts (the list the
// help overlay shows, `?`). The queue's keys are in workbench-queue.js.

export const isTyping = (el) =>
  !!el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));

// One name per key whatever the keyboard layout: a Kazakh or Russian layout gives "о" for the J key.
export function keyName(e) {
  if (["?", "+", "=", "-", "_", "[", "]"].includes(e.key)) return e.key === "_" ? "-" : e.key === "=" ? "+" : e.key;
  if (["ArrowUp", "ArrowDown", "Escape", "Enter"].includes(e.key)) return e.key;
  const code = e.code || "";
  if (code.startsWith("Key")) return code.slice(3).toLowerCase();
  const digit = code.match(/^(?:Digit|Numpad)(\d)$/);
  if (digit) return digit[1];
  return { Equal: "+", NumpadAdd: "+", Minus: "-", NumpadSubtract: "-", BracketLeft: "[", BracketRight: "]" }[code] || e.key;
}

// next and previous in the queue
function go(page, id, atEnd) {
  if (id) window.location.href = `/documents/${id}`;
  else page.say(atEnd);
}

function editFirstField(page) {
  const input = page.fields.first();
  if (!input) return;
  page.tabs.show("fields-tab");
  input.focus();
  if (input.select) input.select();
}

function documentKeys(page) {
  const { data, L, viewer, candidates, tabs, help } = page;
  const keys = {
    j: () => go(page, data.next, L.end_of_queue),
    n: () => go(page, data.next, L.end_of_queue),
    k: () => go(page, data.previous, L.start_of_queue),
    p: () => go(page, data.previous, L.start_of_queue),
    ArrowDown: () => candidates.next(),
    ArrowUp: () => candidates.previous(),
    c: () => candidates.decide("confirm"),
    r: () => candidates.decide("reject"),
    e: () => editFirstField(page),
    "+": () => viewer.zoom(1.25),
    "-": () => viewer.zoom(0.8),
    0: () => viewer.fit(),
    "[": () => viewer.step(-1),
    "]": () => viewer.step(1),
    f: () => tabs.show("fields-tab"),
    t: () => tabs.show("text-tab"),
    s: () => tabs.show("steps-tab"),
    h: () => tabs.show("history-tab"),
    "?": () => help.toggle(),
  };
  for (let n = 1; n <= 9; n += 1) keys[String(n)] = () => candidates.select(n - 1);
  return keys;
}

// `page`: the document page's parts (workbench-document.js), all set up before this is called
export function bindDocumentKeys(page) {
  const keys = documentKeys(page);
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector("dialog[open]")) return;
    const key = keyName(e);
    if (page.help.open()) {
      if (key === "Escape" || key === "?") {
        e.preventDefault();
        page.help.toggle(false);
      }
      return;
    }
    if (isTyping(e.target)) return;
    const action = keys[key];
    if (!action) return;
    e.preventDefault(); // the key that opens a dialog must not also type into it
    action();
  });
}
