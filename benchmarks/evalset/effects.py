"""Degradation of rendered pages: a flatbed scan's noise, blur and skew, a phone photograph on a desk, and a
harsh low-resolution scan with salt-and-pepper noise."""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
from PIL import Image


def scan_effects(img: Image.Image, rng: random.Random) -> Image.Image:
    """A mild flatbed look: a little blur, noise and sometimes a small skew."""
    a = add_noise(np.asarray(img), rng, rng.uniform(2, 6))
    if rng.random() < 0.5:
        a = cv2.GaussianBlur(a, (0, 0), rng.uniform(0.3, 0.8))
    if rng.random() < 0.35:
        a = rotate(a, rng.uniform(-1.2, 1.2), (250, 250, 250), expand=False)
    return Image.fromarray(a)


def add_noise(a: np.ndarray, rng: random.Random, sigma: float) -> np.ndarray:
    """Gaussian grey noise (seeded through cv2's RNG, which is fast on large pages)."""
    cv2.setRNGSeed(rng.randrange(2**31))
    noise = np.empty(a.shape[:2], np.int16)
    cv2.randn(noise, 0, sigma)
    out = a.astype(np.int16)
    out += noise[:, :, None] if out.ndim == 3 else noise
    np.clip(out, 0, 255, out=out)
    return out.astype(np.uint8)


def rotate(a: np.ndarray, deg: float, fill: tuple, expand: bool) -> np.ndarray:
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    if expand:
        c, s = abs(m[0, 0]), abs(m[0, 1])
        nw, nh = int(h * s + w * c), int(h * c + w * s)
        m[0, 2] += nw / 2 - w / 2
        m[1, 2] += nh / 2 - h / 2
        w, h = nw, nh
    return cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=fill)


def photograph(img: Image.Image, rng: random.Random) -> Image.Image:
    a = np.asarray(img.convert("RGB"))
    h, w = a.shape[:2]
    pad = int(0.1 * max(w, h))
    W, H = w + 2 * pad, h + 2 * pad  # noqa: N806
    desk = rng.choice([(120, 90, 60), (150, 120, 90), (80, 80, 85), (190, 180, 165), (60, 50, 45)])
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = []
    for x, y in src:
        dx, dy = rng.uniform(0.03, 0.08) * w, rng.uniform(0.03, 0.08) * h
        dst.append(
            [
                pad + x + (dx if x == 0 else -dx) * rng.choice([1, -0.4]),
                pad + y + (dy if y == 0 else -dy) * rng.choice([1, -0.4]),
            ]
        )
    m = cv2.getPerspectiveTransform(src, np.float32(dst))
    bg = np.empty((H, W, 3), np.uint8)
    bg[:] = desk
    nrng = np.random.default_rng(rng.randrange(2**32))
    bg = np.clip(bg.astype(np.int16) + nrng.integers(-12, 12, (H, W, 1)), 0, 255).astype(np.uint8)
    warped = cv2.warpPerspective(
        a, m, (W, H), borderMode=cv2.BORDER_TRANSPARENT, dst=bg.copy(), flags=cv2.INTER_LINEAR
    )
    # uneven light: a gradient from one side and a vignette
    yy, xx = np.mgrid[0:64, 0:64].astype(np.float32) / 63  # computed small, then scaled up
    ang = rng.uniform(0, 2 * math.pi)
    grad = (xx - 0.5) * math.cos(ang) + (yy - 0.5) * math.sin(ang)
    vign = (xx - 0.5) ** 2 + (yy - 0.5) ** 2
    light = 1.0 - rng.uniform(0.15, 0.35) * (grad + 0.5) - rng.uniform(0.2, 0.45) * vign
    light = cv2.resize(light, (W, H), interpolation=cv2.INTER_LINEAR)
    tint = np.array([1.0, rng.uniform(0.97, 1.0), rng.uniform(0.9, 0.98)], np.float32)
    out = warped.astype(np.float32)
    out *= light[..., None]
    out *= tint
    out = np.clip(out, 0, 255).astype(np.uint8)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.8, 1.6))
    scale = rng.uniform(0.6, 0.8)  # a phone photo of ~12 MP covers the page at less than 300 dpi
    out = cv2.resize(out, (int(W * scale), int(H * scale)), interpolation=cv2.INTER_AREA)
    return Image.fromarray(out)


def harsh(img: Image.Image, rng: random.Random) -> Image.Image:
    a = rotate(np.asarray(img), rng.choice([-1, 1]) * rng.uniform(1, 3), (235, 235, 230), expand=True)
    h, w = a.shape[:2]
    a = cv2.resize(a, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)  # 300 -> 200 dpi
    a = add_noise(a, rng, rng.uniform(12, 22))
    nrng = np.random.default_rng(rng.randrange(2**32))
    mask = nrng.random(a.shape[:2], dtype=np.float32)
    sp = rng.uniform(0.004, 0.012)
    a[mask < sp / 2] = 0
    a[mask > 1 - sp / 2] = 255
    return Image.fromarray(a)
