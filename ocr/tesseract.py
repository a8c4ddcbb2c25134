"""Tesseract, and the one place where its output becomes the OCR result model (`ocr.model`).

The only module of the project that imports pytesseract.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pytesseract
from PIL import Image

from muragat.errors import OcrFailed
from ocr.model import Box, Line, PageResult, Word

# One thread per Tesseract process: pages are read in parallel by workers, and OpenMP threads on top of
# that oversubscribe the CPUs and make Tesseract slower, not faster. Tesseract processes inherit it.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DEFAULT_TIMEOUT_S = 300.0

_INSTALL_HINT = (
    "Install Tesseract 5 (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)"
)


@lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise OcrFailed(f"Tesseract is not installed or not on PATH. {_INSTALL_HINT}.") from e
    except (pytesseract.TesseractError, OSError, subprocess.SubprocessError) as e:
        raise OcrFailed(
            f"Tesseract could not list its languages ({e}). Check the installation: `tesseract --list-langs`."
        ) from e


def available_languages() -> set[str]:
    """The languages Tesseract has traineddata for (e.g. {"kaz", "rus", "eng", "osd"})."""
    return set(_installed_languages())


def check_languages(languages: str) -> None:
    """Refuse a language spec ("kaz+rus") that names a language Tesseract does not have."""
    wanted = [lang for lang in languages.split("+") if lang]
    if not wanted:
        raise OcrFailed(f"No OCR language given ({languages!r}); use e.g. 'kaz+rus'.")
    missing = [lang for lang in wanted if lang not in _installed_languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)  # Debian/Ubuntu package names
        raise OcrFailed(
            f"Tesseract has no traineddata for {', '.join(missing)} (asked for {languages!r}; installed: "
            f"{', '.join(sorted(_installed_languages()))}). Install it (Debian/Ubuntu: apt-get install "
            f"{packages}) or change MURAGAT_OCR_LANGUAGES."
        )


def _config(image: Image.Image, psm: int, dpi: float | None = None) -> str:
    parts = [f"--psm {psm}"]
    if dpi is None:
        try:
            dpi = float(image.info["dpi"][0])
        except (KeyError, TypeError, ValueError, IndexError):
            dpi = 0.0
    # A known scan resolution (PDF renders set it) helps Tesseract; 72 or 96 dpi are what cameras and
    # editors write when they know nothing, and Tesseract's own estimate from the text height is better.
    if 150 <= dpi <= 2400:
        parts.append(f"--dpi {round(dpi)}")
    return " ".join(parts)


def _words_to_page(
    data: Mapping[str, Sequence[object]], *, number: int, width: int, height: int
) -> PageResult:
    """`image_to_data` output (a dict of columns, one row per layout element) -> words grouped into lines.

    Rows come in Tesseract's reading order; level-5 rows are words. A word's `line` is the index of its
    line in `PageResult.lines` and `position` its index within that line (both from 0); `block` is
    Tesseract's block number.
    """
    lines: list[Line] = []
    current: tuple[int, int, int] | None = None
    for i, raw_text in enumerate(data["text"]):
        text = str(raw_text).strip()
        conf = float(str(data["conf"][i]))
        if not text or conf < 0:
            continue
        key = (int(str(data["block_num"][i])), int(str(data["par_num"][i])), int(str(data["line_num"][i])))
        if key != current:
            lines.append(Line(words=[]))
            current = key
        left = max(0, int(str(data["left"][i])))
        top = max(0, int(str(data["top"][i])))
        box = Box(
            left=left,
            top=top,
            width=max(0, min(int(str(data["width"][i])), width - left)),
            height=max(0, min(int(str(data["height"][i])), height - top)),
        )
        words = lines[-1].words
        words.append(
            Word(
                text=text,
                box=box,
                confidence=round(min(max(conf / 100.0, 0.0), 1.0), 4),
                block=key[0],
                line=len(lines) - 1,
                position=len(words),
            )
        )
    return PageResult(number=number, width=width, height=height, lines=lines, source="tesseract")


def recognize(
    image: Image.Image,
    *,
    languages: str = "kaz+rus",
    psm: int = 3,
    number: int = 1,
    timeout: float = DEFAULT_TIMEOUT_S,
    dpi: float | None = None,
) -> PageResult:
    """Read one page image with Tesseract: its words with boxes (pixels of `image`, origin top-left) and
    confidence 0..1, in reading order, grouped into lines. `timeout` is in seconds (0: none); `dpi` is
    the resolution to tell Tesseract (default: the image's own `info["dpi"]` where plausible)."""
    check_languages(languages)
    # pytesseract re-encodes the image in its `format` (lossy for JPEG) and sets `format` on the object
    # it is given. A copy written as BMP leaves the caller's image alone and costs a tenth of PNG's time
    # (about 0.1 s on a 300 dpi page), for a temporary file Tesseract reads at once.
    prepared = image.copy() if image.mode in ("1", "L", "RGB", "RGBA", "LA") else image.convert("RGB")
    prepared.format = "BMP"
    try:
        data = pytesseract.image_to_data(
            prepared,
            lang=languages,
            config=_config(image, psm, dpi),
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except pytesseract.TesseractNotFoundError as e:
        raise OcrFailed(f"Page {number}: Tesseract is not installed or not on PATH. {_INSTALL_HINT}.") from e
    except pytesseract.TesseractError as e:
        raise OcrFailed(
            f"Page {number}: Tesseract failed (status {e.status}: {e.message.strip() or 'no message'}). "
            "Check the image and the Tesseract installation, then process the document again."
        ) from e
    except RuntimeError as e:  # pytesseract's timeout
        raise OcrFailed(
            f"Page {number}: Tesseract did not finish within {timeout:g} s ({e}). The page may be very large "
            "or noisy; scan it at 300 dpi and process the document again."
        ) from e
    except (OSError, subprocess.SubprocessError) as e:
        raise OcrFailed(f"Page {number}: Tesseract could not be run ({e}). {_INSTALL_HINT}.") from e
    return _words_to_page(data, number=number, width=image.width, height=image.height)


def detect_orientation(image: Image.Image, *, number: int = 1, timeout: float = 60.0) -> tuple[int, float]:
    """Tesseract's orientation and script detection (OSD): the clockwise rotation (0, 90, 180, 270) that
    makes the page upright, and its confidence (Tesseract's scale; above about 2 is sure). A page with too
    little text for OSD gives (0, 0.0)."""
    prepared = image.copy()
    prepared.format = None
    try:
        osd = pytesseract.image_to_osd(
            prepared,
            config="-c min_characters_to_try=10",
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except pytesseract.TesseractNotFoundError as e:
        raise OcrFailed(f"Page {number}: Tesseract is not installed or not on PATH. {_INSTALL_HINT}.") from e
    except pytesseract.TesseractError:
        return 0, 0.0  # "Too few characters": nothing to decide on
    except RuntimeError as e:
        raise OcrFailed(f"Page {number}: Tesseract's orientation detection did not finish ({e}).") from e
    except (OSError, subprocess.SubprocessError) as e:
        raise OcrFailed(f"Page {number}: Tesseract could not be run ({e}). {_INSTALL_HINT}.") from e
    try:
        return int(osd["rotate"]) % 360, float(osd["orientation_conf"])
    except (KeyError, TypeError, ValueError):
        return 0, 0.0
