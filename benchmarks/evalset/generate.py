"""Writing a whole set: every template's documents rendered, degraded and saved, then registry.csv and
truth.jsonl."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from .effects import scan_effects
from .files import save
from .layout import render_page
from .registry import REGISTRY_HEADER, distractors, registry_row
from .templates import GENERATORS


def generate(out: Path, per_template: int, seed: int, registry_size: int, templates: list[str]) -> None:
    scans = out / "scans"
    scans.mkdir(parents=True, exist_ok=True)
    for old in scans.iterdir():  # files of an earlier run of this script would mix with this one
        if old.is_file() and old.stem.rsplit("_", 1)[0] in GENERATORS:
            old.unlink()
    truth, shown = [], []
    count = 0
    for t in templates:
        for i in range(per_template):
            rng = random.Random(f"{seed}/{t}/{i}")
            doc = GENERATORS[t](rng)
            rendered = [render_page(pg, rng) for pg in doc.pages]
            harsh_ = t == "state_harsh"
            photo = t == "photographed"
            images = [im if (harsh_ or photo) else scan_effects(im, rng) for im, _ in rendered]
            ext = doc.ext or rng.choice([".jpg"] * 5 + [".png"] * 2 + [".tif"] * 2 + [".pdf"])
            if len(images) > 1 and ext not in (".tif", ".pdf"):
                ext = ".tif"
            name = f"{t}_{i:03d}{ext}"
            save(images, scans / name, rng, 200 if harsh_ else 300)
            for p in doc.people:
                if doc.kind in ("diploma", "supplement") and rng.random() < 0.1:
                    p.in_registry = False
            shown += doc.people
            truth.append(
                {
                    "file": name,
                    "kind": doc.kind,
                    "template": t,
                    "graduate_ids": doc.people,
                    "fields": doc.fields,
                    "pages": [txt for _, txt in rendered],
                }
            )
            count += 1
    rng = random.Random(f"{seed}/registry")
    rows = [p for p in shown if p.in_registry] + distractors(rng, shown, registry_size)
    rng.shuffle(rows)
    for i, p in enumerate(rows, 1):
        p.gid = f"G{i:06d}"
    with (out / "registry.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=REGISTRY_HEADER)
        w.writeheader()
        for p in rows:
            w.writerow(registry_row(p))
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for t in truth:
            t["graduate_ids"] = [p.gid for p in t["graduate_ids"] if p.in_registry]
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"make_set: {count} files in {scans}, {len(rows)} registry rows, truth in {out / 'truth.jsonl'}")
