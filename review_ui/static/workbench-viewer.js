// The scan: zoom (buttons, wheel, + - 0), pan by dragging, pages (thumbnails, [ ]), and the word boxes
// drawn over it (workbench-boxes.js); a click on a word is handed to `onWord`.
import { $, $$, clamp } from "./dom.js";
import { drawEvidence, drawWords, pageWords } from "./workbench-boxes.js";

const NONE = { page: () => null, highlight() {}, zoom() {}, fit() {}, step() {} };

// a page larger than the viewer is kept covering it; a smaller one stays inside it
const bound = (offset, size, room) => (size > room ? clamp(offset, room - size, 0) : clamp(offset, 0, room - size));

function apply(v) {
  const { view, stage, box } = v;
  view.x = bound(view.x, stage.offsetWidth * view.scale, box.clientWidth);
  view.y = bound(view.y, stage.offsetHeight * view.scale, box.clientHeight);
  stage.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
  $("#zoom-level").textContent = `${Math.round(view.scale * 100)}%`;
}

function zoomAt(v, factor, cx, cy) {
  const { view } = v;
  const scale = clamp(view.scale * factor, 0.2, 10);
  view.x = cx - ((cx - view.x) * scale) / view.scale;
  view.y = cy - ((cy - view.y) * scale) / view.scale;
  view.scale = scale;
  apply(v);
}

const zoom = (v, factor) => zoomAt(v, factor, v.box.clientWidth / 2, v.box.clientHeight / 2);

// the whole page in view: the stage is as wide as the viewer, so a tall page is scaled down
function fit(v) {
  const { view, stage, box } = v;
  const height = stage.offsetHeight || 1;
  view.scale = Math.min(1, box.clientHeight / height);
  view.x = (box.clientWidth - stage.offsetWidth * view.scale) / 2;
  view.y = 0;
  apply(v);
}

function bindTools(v) {
  $("#zoom-in").addEventListener("click", () => zoom(v, 1.25));
  $("#zoom-out").addEventListener("click", () => zoom(v, 0.8));
  $("#zoom-reset").addEventListener("click", () => fit(v));
  $("#show-boxes").addEventListener("change", (e) => v.svg.classList.toggle("hidden-boxes", !e.target.checked));
  v.box.addEventListener("wheel", (e) => {
    e.preventDefault();
    const rect = v.box.getBoundingClientRect();
    zoomAt(v, e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - rect.left, e.clientY - rect.top);
  }, { passive: false });
}

// a drag of 4 px or more pans (and is no click on a word)
function bindPan(v) {
  const { box, view } = v;
  box.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    v.drag = { px: e.clientX, py: e.clientY, x: view.x, y: view.y, id: e.pointerId };
    v.dragged = false;
  });
  box.addEventListener("pointermove", (e) => {
    if (!v.drag) return;
    const dx = e.clientX - v.drag.px;
    const dy = e.clientY - v.drag.py;
    if (!v.dragged && Math.hypot(dx, dy) < 4) return;
    if (!v.dragged) {
      v.dragged = true;
      box.classList.add("dragging");
      box.setPointerCapture(v.drag.id);
    }
    view.x = v.drag.x + dx;
    view.y = v.drag.y + dy;
    apply(v);
  });
  const endDrag = () => {
    v.drag = null;
    box.classList.remove("dragging");
  };
  box.addEventListener("pointerup", endDrag);
  box.addEventListener("pointercancel", endDrag);
}

function bindWords(v, onWord) {
  v.wordLayer.addEventListener("click", (e) => {
    if (v.dragged) return;
    const rect = e.target.closest("rect.word");
    if (!rect) return;
    $$("rect.picked", v.wordLayer).forEach((r) => r.classList.remove("picked"));
    rect.classList.add("picked");
    onWord(v.words[Number(rect.dataset.i)]);
  });
}

const meta = (v) => v.data.pages.find((p) => p.number === v.page);

// pan so that the evidence is in the middle of the viewer, at the present zoom
function centreOn(v, boxes) {
  if (!boxes.length) return;
  const { view, stage, box } = v;
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const right = Math.max(...boxes.map((b) => b.left + b.width));
  const bottom = Math.max(...boxes.map((b) => b.top + b.height));
  const px = stage.offsetWidth / meta(v).width;
  const cx = ((left + right) / 2) * px * view.scale;
  const cy = ((top + bottom) / 2) * px * view.scale;
  if (stage.offsetWidth * view.scale > box.clientWidth) view.x = box.clientWidth / 2 - cx;
  if (stage.offsetHeight * view.scale > box.clientHeight) view.y = box.clientHeight / 2 - cy;
  apply(v);
}

function markPage(number) {
  $$(".thumbnail").forEach((t) => {
    const active = Number(t.dataset.page) === number;
    t.classList.toggle("active", active);
    if (active) t.setAttribute("aria-current", "true");
    else t.removeAttribute("aria-current");
  });
  $$(".page-summary").forEach((p) => { p.hidden = Number(p.dataset.page) !== number; });
}

function loadImage(v, number) {
  const { img } = v;
  v.svg.setAttribute("viewBox", `0 0 ${meta(v).width} ${meta(v).height}`);
  img.alt = img.alt.replace(/\d+/, String(number));
  v.wordLayer.replaceChildren();
  return new Promise((resolve) => {
    img.addEventListener("load", resolve, { once: true });
    img.addEventListener("error", resolve, { once: true });
    img.src = `/api/v1/documents/${v.data.document_id}/pages/${number}/image`;
  });
}

async function show(v, number) {
  if (!v.data.pages.some((p) => p.number === number)) return;
  const changed = number !== v.page;
  v.page = number;
  markPage(number);
  if (changed) await loadImage(v, number);
  v.words = await pageWords(v, number);
  if (v.page === number) drawWords(v);
}

async function highlight(v, ev, centre = true) {
  v.evidence = ev || null;
  if (v.evidence && v.evidence.page && v.evidence.page !== v.page) await show(v, v.evidence.page);
  const boxes = drawEvidence(v);
  if (centre) centreOn(v, boxes);
}

function step(v, delta) {
  const at = v.data.pages.findIndex((p) => p.number === v.page);
  const next = v.data.pages[at + delta];
  if (next) show(v, next.number).then(() => drawEvidence(v));
}

// `data`: the page's #wb-data (document_id, pages with number, width and height)
export function setupViewer(data, onWord) {
  const box = $("#viewer");
  if (!box) return NONE;
  const v = {
    data, box, stage: $("#stage"), img: $("#scan"), svg: $("#boxes"),
    wordLayer: $("#word-layer"), hlLayer: $("#highlight-layer"),
    cache: new Map(), view: { scale: 1, x: 0, y: 0 },
    page: data.pages[0].number, words: [], evidence: null, drag: null, dragged: false,
  };
  bindTools(v);
  bindPan(v);
  bindWords(v, onWord);
  v.img.addEventListener("load", () => fit(v));
  if (v.img.complete && v.img.naturalWidth) fit(v);
  window.addEventListener("resize", () => fit(v));
  $$(".thumbnail").forEach((t) => t.addEventListener("click", () => show(v, Number(t.dataset.page))));
  show(v, v.page);
  return {
    page: () => v.page,
    highlight: (ev, centre) => highlight(v, ev, centre),
    zoom: (factor) => zoom(v, factor),
    fit: () => fit(v),
    step: (delta) => step(v, delta),
  };
}
