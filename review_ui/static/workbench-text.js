// The Text tab: each OCR line beside its image cut from the scan; Enter saves a corrected line, Esc puts
// it back, ✓ confirms a line OCR read right. Saved lines become revisions, and ground truth for training.
import { $, $$ } from "./dom.js";
import { sendJSON } from "./http.js";

const LINE_HEIGHT = 40; // px: lines are shown at one height, whatever their size on the scan

function showImage(page, list, item) {
  const d = item.dataset;
  const scale = LINE_HEIGHT / Math.max(1, Number(d.height));
  const image = $(".line-image", item);
  image.style.width = `${Math.round(Number(d.width) * scale)}px`;
  image.style.height = `${LINE_HEIGHT}px`;
  image.style.backgroundImage = `url("/api/v1/documents/${page.docId}/pages/${list.dataset.page}/image")`;
  image.style.backgroundSize = `${Math.round(Number(list.dataset.width) * scale)}px auto`;
  image.style.backgroundPosition = `-${Math.round(Number(d.left) * scale)}px -${Math.round(Number(d.top) * scale)}px`;
}

async function save(page, list, item, input) {
  const { L, say } = page;
  const reason = $("#line-reason").value.trim();
  if (!reason) return $("#line-reason").reportValidity();
  const url = `/api/v1/documents/${page.docId}/pages/${list.dataset.page}/lines/${item.dataset.block}/${item.dataset.line}`;
  say(L.saving);
  try {
    const saved = await sendJSON("PUT", url, { text: input.value, reason, expected: input.dataset.original });
    input.value = saved.text;
    input.dataset.original = saved.text;
  } catch (err) {
    return say(`${L.failed} ${err.message}`, true);
  }
  item.classList.add("corrected", "saved");
  input.blur(); // focus leaves the line, so that the next key is a shortcut
  say(L.saved);
  await page.history.refresh();
}

export function setupText(page) {
  $$(".text-lines").forEach((list) =>
    $$(".text-line", list).forEach((item) => {
      showImage(page, list, item);
      const input = $(".line-text", item);
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          save(page, list, item, input);
        } else if (e.key === "Escape") {
          e.preventDefault();
          input.value = input.dataset.original;
          input.blur();
        }
      });
      $(".line-confirm", item).addEventListener("click", () => save(page, list, item, input));
    }),
  );
}
