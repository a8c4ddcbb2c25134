// The SVG over the scan: the page's word boxes coloured by confidence, and the boxes a field was read
// from. Boxes are in the page's coordinates (its width and height), whatever size the image was stored
// at: the SVG's viewBox is the page, stretched over the image as shown.
import { getJSON } from "./http.js";

const SVG = "http://www.w3.org/2000/svg";

export const confClass = (c) => (c >= 0.9 ? "conf-high" : c >= 0.6 ? "conf-mid" : "conf-low");

// the words of a page, fetched once (none when the server has none to give)
export async function pageWords(v, number) {
  if (!v.cache.has(number)) {
    let words;
    try {
      words = (await getJSON(`/api/v1/documents/${v.data.document_id}/pages/${number}/text`)).words || [];
    } catch {
      words = [];
    }
    v.cache.set(number, words);
  }
  return v.cache.get(number);
}

function rect(b, className) {
  const r = document.createElementNS(SVG, "rect");
  r.setAttribute("x", b.left);
  r.setAttribute("y", b.top);
  r.setAttribute("width", b.width);
  r.setAttribute("height", b.height);
  r.setAttribute("class", className);
  return r;
}

export function drawWords(v) {
  v.wordLayer.replaceChildren(
    ...v.words.map((w, i) => {
      const r = rect(w, `word ${confClass(w.confidence)}`);
      r.dataset.i = i;
      const title = document.createElementNS(SVG, "title");
      title.textContent = `${w.text} · ${Math.round(w.confidence * 100)}%`;
      r.append(title);
      return r;
    }),
  );
}

// the evidence's boxes, when it is on the page shown; answers them
export function drawEvidence(v) {
  const boxes = v.evidence && v.evidence.page === v.page ? v.evidence.words || [] : [];
  v.hlLayer.replaceChildren(...boxes.map((b) => rect(b, "evidence")));
  return boxes;
}
