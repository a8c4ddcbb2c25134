"""Words the interface shows for values stored in English (states, kinds, roles, decisions).

Marked with N_ so that `scripts/i18n.sh` extracts them; translated when shown.
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message


LABELS = {
    "queued": N_("queued"),
    "processing": N_("processing"),
    "processed": N_("processed"),
    "needs_review": N_("needs review"),
    "verified": N_("verified"),
    "failed": N_("failed"),
    "diploma": N_("diploma"),
    "ledger": N_("ledger"),
    "archive": N_("archival document"),
    "auto_matched": N_("matched automatically"),
    "confirmed": N_("confirmed"),
    "rejected": N_("rejected"),
    "archivist": N_("archivist"),
    "reviewer": N_("reviewer"),
    "verifier": N_("verifier"),
    "admin": N_("administrator"),
    "auditor": N_("auditor"),
    # values the OCR steps record (the languages Tesseract read a block in, or none)
    "kaz": N_("Kazakh (kaz)"),
    "rus": N_("Russian (rus)"),
    "eng": N_("English (eng)"),
    "none": N_("none"),
}


def label(value: object) -> str:
    """The English label of a stored value; pass it through the translator to show it."""
    return LABELS.get(str(value), str(value))


# --- the review pages' words for fields, registry values, page languages, degrees and OCR steps ---

# the diploma fields a reviewer may edit, in the order the page shows them
DIPLOMA_FIELDS: dict[str, str] = {
    "last_name": N_("Surname"),
    "first_name": N_("First name"),
    "patronymic": N_("Patronymic"),
    "iin": N_("IIN"),
    "diploma_series": N_("Diploma series"),
    "diploma_number": N_("Diploma number"),
    "registration_number": N_("Registration number"),
    "issue_date": N_("Issue date"),
    "graduation_year": N_("Graduation year"),
    "enrollment_year": N_("Enrollment year"),
    "degree": N_("Degree"),
    "honors": N_("With honours"),
    "institution": N_("Institution"),
    "program_code": N_("Programme code"),
    "program_name": N_("Programme name"),
    "qualification": N_("Qualification"),
    "protocol_number": N_("Commission protocol number"),
    "protocol_date": N_("Commission protocol date"),
}
# registry values shown with a candidate that the document has no field for
REGISTRY_ONLY: dict[str, str] = {
    "graduate_id": N_("Registry ID"),
    "birth_date": N_("Birth date"),
    "gender": N_("Gender"),
    "study_form": N_("Study form"),
    "study_language": N_("Study language"),
}
OTHER_LABELS: dict[str, str] = {
    "status": N_("Status"),
    "status_reason": N_("Status reason"),
    "kind": N_("Kind"),
    "page_count": N_("Pages"),
    "field_evidence": N_("Where the fields were read"),
    "attempts": N_("Attempts"),
    "decision": N_("Decision"),
    "score": N_("Score"),
    "reasons": N_("Reasons"),
    "status_message": N_("Status reason"),
    "row_resolutions": N_("Ledger rows reviewed"),
    "row": N_("Ledger row"),
    "text": N_("Text"),
    "ocr_text": N_("OCR text"),
    "actor": N_("Author"),
    "diploma_document_id": N_("The diploma this supplement belongs to"),
}
PAGE_LANGUAGES: dict[str, str] = {
    "kk": N_("Kazakh"),
    "ru": N_("Russian"),
    "en": N_("English"),
    "mixed": N_("Kazakh and Russian"),
}
STEP_LABELS: dict[str, str] = {
    "orientation": N_("Orientation"),
    "rotation": N_("Rotation"),
    "deskew": N_("Skew correction"),
    "resolution": N_("Resolution"),
    "background": N_("Background"),
    "ink": N_("Ink colour"),
    "denoise": N_("Noise reduction"),
    "binarize": N_("Binarisation"),
    "cleanup": N_("Clean-up"),
    "layout": N_("Layout"),
    "recognize": N_("Recognition"),
    "check": N_("Check"),
    "language": N_("Language"),
    "qr": N_("QR code"),
    "why": N_("Why"),
    "applied": N_("applied"),
    "angle": N_("angle"),
    "confidence": N_("confidence"),
    "scale": N_("scale"),
    "words": N_("words"),
    "count": N_("count"),
    "spread": N_("two-page spread"),
    "sigma": N_("noise level"),
    "threshold": N_("threshold"),
    "text_height": N_("text height, px"),
    "ink_share": N_("share of ink"),
    "coloured_share": N_("share of coloured pixels"),
    "paper_low": N_("paper brightness, low"),
    "paper_high": N_("paper brightness, high"),
    "rows": N_("row profile"),
    "columns": N_("column profile"),
    "gutter_x": N_("gutter at x"),
    "osd_rotation": N_("rotation by OSD"),
    "changed": N_("changed"),
    "sheet": N_("Photographed sheet"),
    "despeckle": N_("Specks"),
    "sheet_share": N_("share of the image the sheet covers"),
    "edge": N_("sharpness of the sheet's edge"),
    "corners": N_("corners of the sheet"),
    "speck_share": N_("share of specks"),
    "blocks": N_("Text blocks"),
    "columns_found": N_("columns found"),
    "digits": N_("Numbers re-read"),
    "languages": N_("languages of the blocks"),
    "suspects": N_("blocks suspected of Latin print"),
    "reread_eng": N_("blocks read in English"),
    "disagreements": N_("re-reads that disagree"),
    "three_or_five": N_("3 or 5 decided by the digit's shape"),
    "kept_text_regions": N_("lines of coloured text kept"),
    "suppressed_regions": N_("coloured shapes suppressed"),
    "stamps": N_("stamps"),
    "patterns": N_("security patterns"),
    "other_shapes": N_("other coloured shapes"),
    "orientation_check": N_("Orientation check"),
    "text_layer": N_("PDF text layer"),
    "series": N_("Series re-read"),
    "osd_confidence": N_("OSD confidence"),
    "turned_confidence": N_("confidence after turning"),
    "used": N_("used"),
    "changes": N_("changes"),
    "candidates": N_("candidates"),
    "codes": N_("codes"),
    "mixed": N_("mixed"),
}
PAGE_SOURCES: dict[str, str] = {"tesseract": N_("Tesseract OCR"), "text_layer": N_("the PDF's text layer")}
