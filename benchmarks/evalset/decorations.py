"""What a page carries besides its text: QR codes, borders, logos, guilloche, stamps and signatures.

Each deco_* returns a callable for Page.under (img, draw, rng) or Page.over (img, draw, rng, boxes)."""

from __future__ import annotations

import math

import qrcode
from PIL import Image, ImageDraw, ImageFilter


def qr_image(payload: str, px: int) -> Image.Image:
    q = qrcode.QRCode(border=2, box_size=10, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(payload)
    q.make(fit=True)
    return q.make_image(fill_color="black", back_color="white").convert("RGB").resize((px, px), Image.NEAREST)


def deco_qr(payload: str, x: int, y: int, px: int):
    def f(img, draw, rng, boxes):
        img.paste(qr_image(payload, px), (x, y))

    return f


def deco_border(color: tuple, inset: int, width: int):
    def f(img, draw, rng):
        w, h = img.size
        draw.rectangle([inset, inset, w - inset, h - inset], outline=color, width=width)
        if rng.random() < 0.5:
            draw.rectangle([inset + 18, inset + 18, w - inset - 18, h - inset - 18], outline=color, width=2)

    return f


def deco_logo(color: tuple, x: int, y: int, r: int):
    def f(img, draw, rng):
        shape = rng.choice(["disc", "shield", "sun"])
        if shape == "disc":
            draw.ellipse([x - r, y - r, x + r, y + r], fill=color)
            draw.ellipse([x - r * 0.6, y - r * 0.6, x + r * 0.6, y + r * 0.6], fill=(255, 255, 255))
            draw.polygon(
                [(x, y - r * 0.5), (x + r * 0.45, y + r * 0.4), (x - r * 0.45, y + r * 0.4)], fill=color
            )
        elif shape == "shield":
            draw.polygon(
                [(x - r, y - r), (x + r, y - r), (x + r, y), (x, y + r * 1.2), (x - r, y)], fill=color
            )
            draw.rectangle([x - r * 0.15, y - r * 0.7, x + r * 0.15, y + r * 0.6], fill=(255, 255, 255))
        else:
            for k in range(16):
                a = k * math.pi / 8
                draw.line([(x, y), (x + r * math.cos(a), y + r * math.sin(a))], fill=color, width=8)
            draw.ellipse([x - r * 0.45, y - r * 0.45, x + r * 0.45, y + r * 0.45], fill=color)

    return f


def deco_guilloche(color: tuple):
    def f(img, draw, rng):
        w, h = img.size
        for k in range(rng.randint(18, 30)):
            amp, per, ph = rng.uniform(30, 140), rng.uniform(300, 900), rng.uniform(0, 6.3)
            y0 = k * h / 24
            pts = [
                (x, y0 + amp * math.sin(x / per * 6.28 + ph) + 0.3 * amp * math.sin(x / per * 19 + ph))
                for x in range(0, w + 20, 20)
            ]
            draw.line(pts, fill=color, width=2)
        for _ in range(rng.randint(2, 4)):
            cx, cy, r = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h, rng.uniform(200, 500)
            for j in range(36):
                a = j * math.pi / 18
                draw.ellipse(
                    [
                        cx + r * 0.4 * math.cos(a) - r * 0.6,
                        cy + r * 0.4 * math.sin(a) - r * 0.6,
                        cx + r * 0.4 * math.cos(a) + r * 0.6,
                        cy + r * 0.4 * math.sin(a) + r * 0.6,
                    ],
                    outline=color,
                    width=1,
                )

    return f


def deco_stamp(color: tuple, avoid: tuple = ("protect",)):
    """A round stamp placed partly over text but clear of the lines tagged to be avoided."""

    def f(img, draw, rng, boxes):
        w, h = img.size
        r = rng.randint(170, 240)
        bad = [b for t, b in boxes if t in avoid]
        text_boxes = [b for t, b in boxes if t not in avoid and t != "table"]
        for _ in range(200):
            if text_boxes and rng.random() < 0.8:
                bx = rng.choice(text_boxes)
                cx, cy = rng.uniform(bx[0], bx[2]), rng.uniform(bx[1], bx[3]) + rng.uniform(-r, r) * 0.5
            else:
                cx, cy = rng.uniform(r, w - r), rng.uniform(h * 0.5, h - r)
            if not (r < cx < w - r and r < cy < h - r):
                continue
            if all(_circle_clear(cx, cy, r + 12, b) for b in bad):
                break
        else:
            return
        layer = Image.new("L", img.size, 0)
        d = ImageDraw.Draw(layer)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=200, width=10)
        d.ellipse([cx - r + 30, cy - r + 30, cx + r - 30, cy + r - 30], outline=190, width=5)
        for k in range(5):  # a star in the middle
            a1, a2 = -math.pi / 2 + k * 2 * math.pi / 5, -math.pi / 2 + (k + 2) * 2 * math.pi / 5
            d.line(
                [
                    (cx + r * 0.45 * math.cos(a1), cy + r * 0.45 * math.sin(a1)),
                    (cx + r * 0.45 * math.cos(a2), cy + r * 0.45 * math.sin(a2)),
                ],
                fill=200,
                width=7,
            )
        for k in range(60):  # dotted ring where a real stamp has its lettering
            a = k * math.pi / 30
            rr = r - 16
            d.ellipse(
                [
                    cx + rr * math.cos(a) - 4,
                    cy + rr * math.sin(a) - 4,
                    cx + rr * math.cos(a) + 4,
                    cy + rr * math.sin(a) + 4,
                ],
                fill=170,
            )
        layer = layer.filter(ImageFilter.GaussianBlur(1.2))
        img.paste(Image.new("RGB", img.size, color), (0, 0), layer)

    return f


def _circle_clear(cx: float, cy: float, r: float, b: tuple) -> bool:
    nx, ny = min(max(cx, b[0]), b[2]), min(max(cy, b[1]), b[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 > r * r


def deco_signature(x: int, y: int):
    def f(img, draw, rng, boxes):
        pts, px = [], x
        for _ in range(rng.randint(25, 40)):
            px += rng.randint(6, 16)
            pts.append((px, y + rng.randint(-30, 30)))
        draw.line(pts, fill=(30, 40, 110), width=4, joint="curve")

    return f
