"""QR codes are read even where OpenCV's classic detector misses them."""

from __future__ import annotations

import io

import cv2
import numpy as np
import qrcode

from ocr.qr import decode_qr

# A long verification link whose code OpenCV's classic QRCodeDetector fails to decode (found by search)
MISSED_BY_THE_CLASSIC_DETECTOR = (
    "http://testserver/v/p4KZceuN1510UlCX97rCIor0HoicNisw-EykGNv2al0l8UGelTru_EHEC7PDFIMkvVH6e5DgOlGIlnK"
    "CBdK9uSeI-t7mIxu3JUof_oRyH64LrY1nNTK3lCY-7Xy6jRp9"
)


def _code(text: str) -> np.ndarray:
    image = qrcode.make(text, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer)
    return cv2.imdecode(np.frombuffer(buffer.getvalue(), np.uint8), cv2.IMREAD_GRAYSCALE)


def test_a_code_the_classic_detector_misses_is_read() -> None:
    pixels = _code(MISSED_BY_THE_CLASSIC_DETECTOR)
    assert cv2.QRCodeDetector().detectAndDecode(pixels)[0] == ""  # the case this guards against
    assert decode_qr(pixels) == MISSED_BY_THE_CLASSIC_DETECTOR


def test_no_code_reads_as_nothing() -> None:
    assert decode_qr(np.full((200, 200), 255, dtype=np.uint8)) == ""
