"""Each preprocessing stage on pages made here: turned, skewed, stamped, shaded, noisy, small, spread."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.background import flatten
from ocr.binarize import binarize, denoise, despeckle
from ocr.deskew import deskew, measure_skew, rotate
from ocr.ink import suppress_colour
from ocr.layout import find_gutter
from ocr.pipeline import process_page
from ocr.qr import find_qr_codes
from ocr.resolution import normalise, text_height
from ocr.sheet import find_sheet
from tests.pages import DIPLOMA_LINES, FONT, render_page

LINES = [
    "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ",
    "ДИПЛОМ",
    "Осы диплом Оразбайева Құралай Нұрдәулетқызына",
    "2010 жылы Абай атындағы Қазақ ұлттық педагогикалық",
    "университетіне түсіп, білім беру бағдарламасы бойынша",
    "толық курсын бітіргені туралы берілді.",
    "Мемлекеттік аттестаттау комиссиясының шешімімен",
    "бакалавр дәрежесі берілді. Тіркеу нөмірі 6782",
]


def words_of(text: str) -> set[str]:
    return {w.strip(".,«»").lower() for w in text.split()}


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    """A page of 300 dpi print (characters about 25 px high), so that it is not scaled."""
    return np.asarray(render_page(LINES, width=2000, font_size=46))


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_turned_page_comes_back_upright(page: np.ndarray, clockwise: int) -> None:
    turned = np.ascontiguousarray(np.rot90(page, -clockwise // 90))  # turned clockwise by `clockwise`
    result = process_page(Image.fromarray(turned), number=1, languages="kaz+rus").result
    assert (result.rotation + clockwise) % 360 == 0, result.steps
    assert {"диплом", "университетіне", "берілді"} <= words_of(result.text)
    assert abs(result.width / result.height - page.shape[1] / page.shape[0]) < 0.01  # its own shape again


def test_upright_page_is_never_turned(page: np.ndarray) -> None:
    processed = process_page(Image.fromarray(page), number=2, languages="kaz+rus")
    assert processed.result.rotation == 0
    assert abs(processed.image.width / processed.image.height - page.shape[1] / page.shape[0]) < 0.01
    assert {"диплом", "университетіне", "берілді"} <= words_of(processed.result.text)
    assert [s["step"] for s in processed.result.steps if s["step"] == "orientation_check"] == []


@pytest.mark.parametrize("degrees", [3.0, -3.0, 1.2])
def test_skew_is_measured_within_a_third_of_a_degree(page: np.ndarray, degrees: float) -> None:
    skewed = rotate(page, degrees)
    assert abs(measure_skew(skewed) - degrees) <= 0.3
    straight, angle, record = deskew(skewed, skewed)
    assert record["applied"] is True and abs(angle - degrees) <= 0.3
    assert abs(measure_skew(straight)) <= 0.3


def test_level_page_is_not_resampled(page: np.ndarray) -> None:
    out, angle, record = deskew(page, page)
    assert out is page and angle == 0.0 and record["applied"] is False


def stamped(page: np.ndarray) -> np.ndarray:
    """The page with a thick red stamp (ring and text) printed across the text: ink on ink multiplies,
    so text under the stamp stays dark, as on paper."""
    stamp = Image.new("RGB", (page.shape[1], page.shape[0]), (255, 255, 255))
    draw = ImageDraw.Draw(stamp)
    centre = (stamp.width // 2, stamp.height // 2)
    for radius in (200, 150):
        box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
        draw.ellipse(box, outline=(205, 30, 40), width=14)
    font = ImageFont.truetype(str(FONT), 60)
    draw.text((centre[0] - 180, centre[1] - 30), "МӨР ПЕЧАТЬ", font=font, fill=(215, 40, 50))
    ink = np.asarray(stamp).astype(np.uint16)
    return (np.dstack([page] * 3).astype(np.uint16) * ink // 255).astype(np.uint8)


def test_red_stamp_over_text_leaves_the_text_readable(page: np.ndarray) -> None:
    image = stamped(page)
    gray, record = suppress_colour(image)
    assert record["applied"] is True
    stamp_pixels = (image[:, :, 0] > 150) & (image[:, :, 1] < 100)
    assert np.percentile(gray[stamp_pixels], 5) > 180  # the stamp is pale now
    text_pixels = image.max(axis=2) < 60
    assert gray[text_pixels].max() < 60  # the text is as dark as it was
    result = process_page(Image.fromarray(image), number=1, languages="kaz+rus").result
    assert {"университетіне", "аттестаттау", "комиссиясының", "шешімімен"} <= words_of(result.text)
    assert "печать" not in words_of(result.text)


def test_grey_page_is_left_to_luminance(page: np.ndarray) -> None:
    gray, record = suppress_colour(np.dstack([page] * 3))
    assert record["applied"] is False
    assert np.array_equal(gray, page)


def test_uneven_lighting_is_flattened(page: np.ndarray) -> None:
    height, width = page.shape
    shade = np.linspace(0.45, 1.0, width)[None, :] * np.linspace(0.7, 1.0, height)[:, None]
    shaded = (page.astype(np.float64) * shade).astype(np.uint8)
    flat, record = flatten(shaded)
    paper = page > 250
    assert shaded[paper].min() < 130  # one threshold could not separate paper from text before
    assert np.percentile(flat[paper], 1) > 200  # paper is near white everywhere now
    assert np.percentile(flat[page < 50], 50) < 100  # and text is still dark
    assert record["paper_low"] < record["paper_high"]


def test_grain_is_smoothed_before_thresholding(page: np.ndarray) -> None:
    rng = np.random.default_rng(1)
    noisy = np.clip(page.astype(np.int16) + rng.normal(0, 25, page.shape), 0, 255).astype(np.uint8)
    smooth, record = denoise(noisy)
    assert record["applied"] is True
    clean, quiet = denoise(page)
    assert quiet["applied"] is False and clean is page
    paper = cv2.erode(page, np.ones((9, 9), np.uint8)) > 250
    assert smooth[paper].std() < noisy[paper].std() / 2


def photographed(page: np.ndarray) -> np.ndarray:
    """The page lying on a desk, photographed from a little to the side: perspective and a soft light."""
    height, width = page.shape
    desk = np.full((int(height * 1.5), int(width * 1.4), 3), (120, 105, 90), np.uint8)
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    x0, y0 = 0.2 * width, 0.25 * height
    target = np.float32(
        [
            [x0 + 40, y0],
            [x0 + width - 30, y0 + 60],
            [x0 + width + 20, y0 + height],
            [x0 - 20, y0 + height - 40],
        ]
    )
    warp = cv2.getPerspectiveTransform(source, target)
    sheet = cv2.warpPerspective(np.dstack([page] * 3), warp, desk.shape[1::-1], borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full(page.shape, 255, np.uint8), warp, desk.shape[1::-1]) > 0
    desk[mask] = sheet[mask]
    light = np.linspace(0.8, 1.0, desk.shape[1])[None, :, None]
    return (desk * light).astype(np.uint8)


def test_a_photographed_sheet_is_cut_out_and_straightened(page: np.ndarray) -> None:
    photo = photographed(page)
    sheet, record = find_sheet(photo)
    assert record["applied"] is True and 0.2 < record["sheet_share"] < 0.9
    assert (
        abs(sheet.shape[1] / sheet.shape[0] - page.shape[1] / page.shape[0]) < 0.25
    )  # within the perspective's own shrink
    result = process_page(Image.fromarray(photo), number=1, languages="kaz+rus").result
    assert result.rotation == 0 and "ДИПЛОМ" in result.text and "Тіркеу нөмірі 6782" in result.text


def test_a_scan_and_uneven_light_are_not_cut(page: np.ndarray) -> None:
    assert find_sheet(page)[1]["applied"] is False
    shade = np.linspace(0.35, 1.0, page.shape[1])[None, :]  # a lamp at one side, no sheet edge
    assert find_sheet((page * shade).astype(np.uint8))[1]["applied"] is False


def test_salt_and_pepper_specks_are_removed_and_the_text_read(page: np.ndarray) -> None:
    rng = np.random.default_rng(7)
    speckled = page.copy()
    specks = rng.random(page.shape) < 0.006  # a dirty scanner glass: dark specks all over the paper
    speckled[specks] = rng.integers(0, 60, int(specks.sum()))
    cleaned, record = despeckle(speckled)
    assert record["applied"] is True and record["speck_share"] > 0.0025
    paper = cv2.erode(page, np.ones((5, 5), np.uint8)) > 250
    assert (cleaned[paper] < 128).mean() < (speckled[paper] < 128).mean() / 10
    unchanged, quiet = despeckle(page)
    assert quiet["applied"] is False and unchanged is page  # strokes' corners are no specks
    text = process_page(Image.fromarray(speckled), number=1, languages="kaz+rus").result.text
    assert "ДИПЛОМ" in text and "бакалавр" in text, text


def test_small_print_is_scaled_up_and_normal_print_is_not(page: np.ndarray) -> None:
    height = text_height(binarize(page)[0])
    assert height is not None and height > 20
    _, scale, record = normalise(page, height)
    assert scale == 1.0 and record["scale"] == 1.0
    small = cv2.resize(page, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)  # a 150 dpi scan
    small_height = text_height(binarize(small)[0])
    assert small_height is not None and small_height < 16
    scaled, scale, record = normalise(small, small_height)
    assert 1.6 <= scale <= 3.0 and scaled.shape[0] == round(small.shape[0] * scale)


def test_low_resolution_page_reads_after_scaling(page: np.ndarray) -> None:
    small = cv2.resize(page, None, fx=0.4, fy=0.4, interpolation=cv2.INTER_AREA)
    processed = process_page(Image.fromarray(small), number=1, languages="kaz+rus")
    resolution = next(s for s in processed.result.steps if s["step"] == "resolution")
    assert float(str(resolution["scale"])) > 1.5
    assert processed.image.width > small.shape[1] * 1.5  # boxes refer to the scaled page
    assert {"диплом", "университетіне", "берілді"} <= words_of(processed.result.text)
    for word in processed.result.words:
        assert word.box.left + word.box.width <= processed.image.width
        assert word.box.top + word.box.height <= processed.image.height


def test_qr_code_is_decoded_and_kept_out_of_the_text(page: np.ndarray) -> None:
    url = "https://epvo.kz/#/verification_education_document?series=BD&number=587169604"
    qr = cv2.QRCodeEncoder.create().encode(url)
    qr = cv2.resize(qr, None, fx=10, fy=10, interpolation=cv2.INTER_NEAREST)
    canvas = np.full((page.shape[0] + qr.shape[0] + 80, page.shape[1]), 255, dtype=np.uint8)
    canvas[: page.shape[0]] = page
    canvas[page.shape[0] + 40 : page.shape[0] + 40 + qr.shape[0], 1200 : 1200 + qr.shape[1]] = qr
    codes, rects, record = find_qr_codes(canvas)
    assert codes == [url] and record["count"] == 1
    assert find_qr_codes(page)[0] == []
    result = process_page(Image.fromarray(canvas), number=1, languages="kaz+rus").result
    assert result.qr_codes == [url]
    assert all(w.box.top < page.shape[0] for w in result.words)  # nothing read inside the code


def test_spread_is_read_left_page_first() -> None:
    left = render_page(DIPLOMA_LINES[:4], width=1300)
    right = render_page(
        ["РЕСПУБЛИКА КАЗАХСТАН", "ДИПЛОМ", "Настоящий диплом выдан", "Калиевой Шынар"], width=1300
    )
    spread = Image.new("L", (2700, max(left.height, right.height) + 300), 255)
    spread.paste(left, (0, 0))
    spread.paste(right, (1400, 0))
    split, record = find_gutter(np.asarray(spread))
    assert record["spread"] is True and split is not None
    ink_columns = np.nonzero((np.asarray(spread) < 128).any(axis=0))[0]
    left_end = ink_columns[ink_columns < 1400].max()
    right_start = ink_columns[ink_columns >= 1400].min()
    assert left_end < split < right_start  # in the gutter between the two pages' text
    result = process_page(spread, number=1, languages="kaz+rus").result
    text = result.text
    assert text.index("Оразбайева") < text.index("КАЗАХСТАН") < text.index("Настоящий")
    right_words = [w for w in result.words if w.text == "Настоящий"]
    assert right_words and right_words[0].box.left >= 1400  # boxes back on the spread


def test_portrait_page_is_not_split(page: np.ndarray) -> None:
    split, record = find_gutter(page)
    assert split is None and record["spread"] is False
