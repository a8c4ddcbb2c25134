// Where on the scan each field was read: focusing a field shows its words on the scan; clicking a word
// on the scan marks the fields read from it.
import { $$ } from "./dom.js";

const clearMarks = () =>
  $$(".field-row.active, .field-row.linked").forEach((r) => r.classList.remove("active", "linked"));

export function focusField(page, name) {
  clearMarks();
  const row = page.fields.row(name);
  if (row) row.classList.add("active");
  page.viewer.highlight(page.data.evidence[name]);
}

const centre = (b) => [b.left + b.width / 2, b.top + b.height / 2];
const inside = (b, [x, y]) => x >= b.left && x <= b.left + b.width && y >= b.top && y <= b.top + b.height;
const overlaps = (word) => (b) => inside(b, centre(word)) || inside(word, centre(b));

export function linkWordToFields(page, word) {
  const { data, fields, viewer } = page;
  const names = Object.entries(data.evidence || {})
    .filter(([, ev]) => ev && ev.page === viewer.page() && (ev.words || []).some(overlaps(word)))
    .map(([name]) => name);
  clearMarks();
  if (!names.length) return viewer.highlight(null);
  page.tabs.show("fields-tab");
  names.forEach((name) => fields.row(name) && fields.row(name).classList.add("linked"));
  const first = fields.row(names[0]);
  if (first) first.scrollIntoView({ block: "nearest" });
  viewer.highlight(data.evidence[names[0]], false);
}
