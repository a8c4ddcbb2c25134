"""Tesseract, and the one place where its output becomes the OCR result model (`ocr.model`).

The only module of the project that imports pytesseract (and tesserocr, for `read_small`).
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytesseract
from PIL import Image

from muragat.errors import OcrFailed
from muragat.messages import Message
from muragat.messages.catalog.files import Code
from ocr.model import Box, Line, PageResult, Word

# One thread per Tesseract process: pages are read in parallel by workers, and OpenMP threads on top of
# that oversubscribe the CPUs and make Tesseract slower, not faster. Tesseract processes inherit it.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DEFAULT_TIMEOUT_S = 300.0


@lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise OcrFailed(Message(Code.TESSERACT_MISSING)) from e
    except (pytesseract.TesseractError, OSError, subprocess.SubprocessError) as e:
        raise OcrFailed(Message(Code.TESSERACT_NO_LANGUAGE_LIST, error=str(e))) from e


def available_languages() -> set[str]:
    """The languages Tesseract has traineddata for (e.g. {"kaz", "rus", "eng", "osd"})."""
    return set(_installed_languages())


def check_languages(languages: str) -> None:
    """Refuse a language spec ("kaz+rus") that names a language Tesseract does not have."""
    wanted = [lang for lang in languages.split("+") if lang]
    if not wanted:
        raise OcrFailed(Message(Code.NO_LANGUAGE, languages=repr(languages)))
    missing = [lang for lang in wanted if lang not in _installed_languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)  # Debian/Ubuntu package names
        raise OcrFailed(
            Message(
                Code.NO_TRAINEDDATA,
                missing=", ".join(missing),
                languages=repr(languages),
                installed=", ".join(sorted(_installed_languages())),
                packages=packages,
            )
        )


def _config_dpi(image: Image.Image, dpi: float | None = None) -> float | None:
    """The resolution to tell Tesseract, or None to let it estimate one from the text height."""
    if dpi is None:
        try:
            dpi = float(image.info["dpi"][0])
        except (KeyError, TypeError, ValueError, IndexError):
            dpi = 0.0
    # A known scan resolution (PDF renders set it) helps Tesseract; 72 or 96 dpi are what cameras and
    # editors write when they know nothing, and Tesseract's own estimate from the text height is better.
    return dpi if 150 <= dpi <= 2400 else None


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
    the resolution to tell Tesseract (default: the image's own `info["dpi"]` where plausible).

    The process's persistent engine reads it (tesserocr: the models are loaded once per worker, not once
    per page, which is a fifth of a page's time); the `tesseract` command where tesserocr is missing."""
    return _read(
        image,
        languages=languages,
        psm=psm,
        number=number,
        whitelist=None,
        dpi=_config_dpi(image, dpi),
        timeout=timeout,
    )


def detect_orientation(image: Image.Image, *, number: int = 1, timeout: float = 60.0) -> tuple[int, float]:
    """Tesseract's orientation and script detection (OSD): the clockwise rotation (0, 90, 180, 270) that
    makes the page upright, and its confidence (Tesseract's scale; above about 2 is sure). A page with too
    little text for OSD gives (0, 0.0). The process's persistent OSD engine answers (no process start,
    which was most of an OSD's time); the `tesseract` command where tesserocr is missing."""
    prepared = image.copy() if image.mode in ("1", "L", "RGB") else image.convert("RGB")
    with _engine_lock:
        engine = _engine(OSD_LANGUAGE, OSD_ONLY)
        if engine is not None:
            try:
                engine.SetVariable("min_characters_to_try", "10")
                engine.SetImage(prepared)
                found = engine.DetectOrientationScript()
            except Exception as e:  # tesserocr raises RuntimeError for an image it cannot take
                raise OcrFailed(Message(Code.TESSERACT_OSD_UNFINISHED, page=number, error=str(e))) from e
            finally:
                engine.Clear()
            if not found:
                return 0, 0.0  # too few characters: nothing to decide on
            # the engine gives the page's own turn; the command's "Rotate" is the turn back to upright
            return (360 - int(found["orient_deg"])) % 360, float(found["orient_conf"])
    prepared.format = None
    try:
        osd = pytesseract.image_to_osd(
            prepared,
            config="-c min_characters_to_try=10",
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except pytesseract.TesseractNotFoundError as e:
        raise OcrFailed(Message(Code.TESSERACT_PAGE_MISSING, page=number)) from e
    except pytesseract.TesseractError:
        return 0, 0.0  # "Too few characters": nothing to decide on
    except RuntimeError as e:
        raise OcrFailed(Message(Code.TESSERACT_OSD_UNFINISHED, page=number, error=str(e))) from e
    except (OSError, subprocess.SubprocessError) as e:
        raise OcrFailed(Message(Code.TESSERACT_NOT_RUN, page=number, error=str(e))) from e
    try:
        return int(osd["rotate"]) % 360, float(osd["orientation_conf"])
    except (KeyError, TypeError, ValueError):
        return 0, 0.0


# --- Small reads (a crop of a number, a few words stacked): one persistent engine per process ----------
#
# Starting a `tesseract` process costs 0.1-0.2 s, which is most of the time of a small read. `read_small`
# keeps one `tesserocr.PyTessBaseAPI` per (languages, psm) in this process, made on first use, and falls
# back to the `tesseract` command (pytesseract) where tesserocr is missing or cannot start. Workers are
# processes, so an engine is used by one page at a time; the lock keeps threads of one process apart.

OSD_LANGUAGE, OSD_ONLY = "osd", 0  # the engine that only tells orientation and script
_engines: dict[tuple[str, int], Any] = {}  # (languages, psm) -> PyTessBaseAPI, or None where it failed
_engine_lock = threading.Lock()
_LIST_LANGS_PATH = re.compile(r'"([^"]+)"')


@lru_cache(maxsize=1)
def tessdata_path() -> str:
    """The tessdata folder the `tesseract` command reads its traineddata from, so that the engine of
    `read_small` uses the same models: TESSDATA_PREFIX where set, else the folder `tesseract --list-langs`
    names on its first line."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix and Path(prefix).is_dir():
        if any(Path(prefix).glob("*.traineddata")):
            return str(Path(prefix)) + os.sep
        if any((Path(prefix) / "tessdata").glob("*.traineddata")):
            return str(Path(prefix) / "tessdata") + os.sep
    try:
        done = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as e:
        raise OcrFailed(Message(Code.TESSERACT_MISSING_ERROR, error=str(e))) from e
    output = (done.stdout or b"").decode("utf-8", "replace") + (done.stderr or b"").decode("utf-8", "replace")
    for line in output.splitlines():
        found = _LIST_LANGS_PATH.search(line)
        if "languages" in line and found and Path(found.group(1)).is_dir():
            return found.group(1)
    raise OcrFailed(Message(Code.NO_TESSDATA_FOLDER))


def _new_engine(languages: str, psm: int) -> Any:
    """A tesserocr engine for `languages` and page segmentation mode `psm` (raises when it cannot)."""
    import tesserocr  # the wheel bundles its own libtesseract; OMP_THREAD_LIMIT is set above

    if not 0 <= psm <= 13:  # the engine would take it; the command says what is wrong, so it reads instead
        raise ValueError(f"page segmentation mode {psm} does not exist")
    # OSD's model is of the legacy engine, which LSTM_ONLY would not load
    oem = tesserocr.OEM.DEFAULT if psm == OSD_ONLY else tesserocr.OEM.LSTM_ONLY
    return tesserocr.PyTessBaseAPI(path=tessdata_path(), lang=languages, psm=psm, oem=oem)


_engine_factory: Callable[[str, int], Any] = _new_engine  # tests replace it to make tesserocr unavailable


def _engine(languages: str, psm: int) -> Any:
    """The process's engine for (languages, psm), made on first use; None where tesserocr is unusable."""
    key = (languages, psm)
    if key not in _engines:
        try:
            _engines[key] = _engine_factory(languages, psm)
        except Exception:  # ImportError, RuntimeError("Failed to init API..."), no tessdata folder found
            _engines[key] = None
    return _engines[key]


def _tsv_to_data(tsv: str) -> dict[str, list[str]]:
    """tesserocr's `GetTSVText` (no header) -> columns as pytesseract's `image_to_data` gives them."""
    data: dict[str, list[str]] = {name: [] for name in _TSV_COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < len(_TSV_COLUMNS):
            continue
        cells = cells[: len(_TSV_COLUMNS) - 1] + ["\t".join(cells[len(_TSV_COLUMNS) - 1 :])]
        for name, cell in zip(_TSV_COLUMNS, cells, strict=True):
            data[name].append(cell)
    return data


_TSV_COLUMNS = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)


def _read_with_engine(
    engine: Any, image: Image.Image, whitelist: str | None, dpi: float | None, timeout: float
) -> str | None:
    """The engine's TSV for `image`; None where it did not finish within `timeout` seconds (0: none)."""
    try:
        engine.SetVariable("tessedit_char_whitelist", whitelist or "")
        engine.SetImage(image)
        if dpi:
            engine.SetSourceResolution(round(dpi))
        if not engine.Recognize(timeout=int(timeout * 1000)):
            return None
        tsv = engine.GetTSVText(0)
    finally:
        engine.SetVariable("tessedit_char_whitelist", "")
        engine.Clear()
    return tsv or ""


def _read_with_command(
    image: Image.Image,
    languages: str,
    psm: int,
    number: int,
    whitelist: str | None,
    dpi: float | None,
    timeout: float,
) -> dict[str, list[object]]:
    """The `tesseract` command's `image_to_data` columns for `image`. pytesseract re-encodes the image in
    its `format` (lossy for JPEG) and sets `format` on the object it is given: the caller hands a copy,
    written as BMP, which costs a tenth of PNG's time (about 0.1 s on a 300 dpi page)."""
    config = f"--psm {psm}" + (f" --dpi {round(dpi)}" if dpi else "")
    if whitelist:
        config += f" -c tessedit_char_whitelist={whitelist}"
    image.format = "BMP"
    try:
        data: dict[str, list[object]] = pytesseract.image_to_data(
            image, lang=languages, config=config, output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except pytesseract.TesseractNotFoundError as e:
        raise OcrFailed(Message(Code.TESSERACT_PAGE_MISSING, page=number)) from e
    except pytesseract.TesseractError as e:
        error = e.message.strip() or "no message"
        raise OcrFailed(Message(Code.TESSERACT_FAILED, page=number, status=e.status, error=error)) from e
    except RuntimeError as e:  # pytesseract's timeout
        raise OcrFailed(_did_not_finish(number, timeout, str(e))) from e
    except (OSError, subprocess.SubprocessError) as e:
        raise OcrFailed(Message(Code.TESSERACT_NOT_RUN, page=number, error=str(e))) from e
    return data


def _did_not_finish(number: int, timeout: float, why: str | Message) -> Message:
    return Message(Code.TESSERACT_TIMEOUT, page=number, seconds=f"{timeout:g}", error=why)


def _read(
    image: Image.Image,
    *,
    languages: str,
    psm: int,
    number: int,
    whitelist: str | None,
    dpi: float | None,
    timeout: float,
) -> PageResult:
    """`image` read by this process's engine for (languages, psm), or by the `tesseract` command where
    tesserocr is missing or cannot start; the one place both become the OCR result model."""
    check_languages(languages)
    prepared = image.copy() if image.mode in ("1", "L", "RGB") else image.convert("RGB")
    data: Mapping[str, Sequence[object]]
    with _engine_lock:
        engine = _engine(languages, psm)
        if engine is not None:
            try:
                tsv = _read_with_engine(engine, prepared, whitelist, dpi, timeout)
            except Exception as e:  # tesserocr raises RuntimeError for an image it cannot take
                raise OcrFailed(Message(Code.TESSEROCR_FAILED, page=number, error=str(e))) from e
            if tsv is None:
                raise OcrFailed(_did_not_finish(number, timeout, Message(Code.ENGINE_STOPPED)))
            data = _tsv_to_data(tsv)
    if engine is None:
        data = _read_with_command(prepared, languages, psm, number, whitelist, dpi, timeout)
    return _words_to_page(data, number=number, width=image.width, height=image.height)


def read_small(
    image: Image.Image,
    *,
    languages: str,
    psm: int,
    number: int = 1,
    whitelist: str | None = None,
    dpi: int = 300,
) -> PageResult:
    """A small image (a crop, or a few crops stacked) read like `recognize`, by this process's persistent
    engine for (languages, psm): no process start. `whitelist` limits the characters Tesseract may read
    (e.g. "0123456789"), for this call only. Falls back to the `tesseract` command where tesserocr is
    missing or cannot start."""
    return _read(
        image, languages=languages, psm=psm, number=number, whitelist=whitelist, dpi=dpi, timeout=60.0
    )
