"""Texts the other packages compose in English and the interface shows: error messages, status reasons,
match reasons, field flags, revision reasons and the OCR steps' explanations.

The producers keep their English (it is also the export contract and the CLI's language); here each is
marked with N_ so that `scripts/i18n.sh` puts it in the catalogs. A fixed text is listed as it is; a
composed one as a pattern whose placeholders stand where the producer puts values, so that
`Translator.gettext` translates the whole message (and a value that is itself a catalog entry, such as
«bachelor» or «confirmed»). Where a composed part is itself composed (an IIN problem inside a flag, the
kind's reason inside a revision reason), the combination is listed as a pattern of its own.

tests/review_ui/test_system_messages.py calls the producers and checks that each of their texts is
translated, so that a reworded producer shows up as a failing test rather than as English on a page.
"""

from __future__ import annotations

from review_ui.labels import N_

# --- muragat/errors.py raised by review_ui/auth.py (error pages) ------------------------------------
AUTH = (
    N_("sign in to continue"),
    N_("the %(role)s role may not use this page"),
    N_("the archivist role may not use this page"),
    N_("the reviewer role may not use this page"),
    N_("the verifier role may not use this page"),
    N_("the admin role may not use this page"),
    N_("the auditor role may not use this page"),
    N_("this record belongs to another institution than your account's"),
    N_("the form has expired or did not come from this site; reload the page and try again"),
    N_("the API token is not valid (unknown or revoked)"),
)

# --- review_ui/field_edits.py, review_ui/api.py, matching/decisions.py: errors and reasons ---------------
WORKBENCH = (
    N_("document %(id)s does not exist"),
    N_("document %(id)s has no page %(page)s (yet)"),
    N_("revision %(id)s does not exist"),
    N_("match %(id)s no longer exists"),
    N_("%(field)s must be a year, not «%(value)s»"),
    N_("%(field)s must be a year between 1900 and 2100, not %(year)s"),
    N_("graduation_year must be a year, not «%(value)s»"),
    N_("enrollment_year must be a year, not «%(value)s»"),
    N_("graduation_year must be a year between 1900 and 2100, not %(year)s"),
    N_("enrollment_year must be a year between 1900 and 2100, not %(year)s"),
    N_("honors must be true or false, not «%(value)s»"),
    N_("degree must be one of %(degrees)s, not «%(value)s»"),
    N_("say why the fields change (reason)"),
    N_("the reason is longer than 900 characters"),
    N_("unknown fields: %(unknown)s; known: %(known)s"),
    N_("changed by someone else meanwhile: %(fields)s; reload the page"),
    N_(
        "revision %(id)s changed %(entity)s %(field)s; only document fields, document status and match "
        "decisions can be restored"
    ),
    N_("%(field)s already has the value it had before revision %(id)s"),
    # revision reasons of a restore and of a decision (the history's tooltip shows them as stored)
    N_("restored from revision %(id)s: %(why)s"),
    N_("restored from revision %(id)s"),
    N_("review: %(decision)s: %(why)s"),
    N_("graduate %(graduate)s is no candidate of document %(document)s"),
    N_("a decision needs its author: sign in, or name the actor"),
    # status reasons written when a reviewer decides
    N_("match to %(graduate)s confirmed by %(actor)s"),
    N_("match to %(graduate)s rejected by %(actor)s"),
)

# --- review_ui/verification.py, review_ui/reports.py, review_ui/personal_data.py, review_ui/audit.py,
# review_ui/registry_sync.py, muragat/accounts.py, review_ui/pages.py ------------------------------
OTHER_PAGES = (
    N_("give the holder's IIN or surname with the diploma's series and number"),
    N_("no confirmed diploma has match %(id)s"),
    N_("the scan has no page %(page)s"),
    N_("there is no report %(name)s; reports: %(reports)s"),
    N_("graduate %(graduate)s is not in the registry"),
    N_("from must be a date like 2026-11-27, not «%(value)s»"),
    N_("to must be a date like 2026-11-27, not «%(value)s»"),
    N_("%(name)s must be an ISO 8601 date or time, not «%(value)s»"),
    N_("the batch has %(count)s graduates; send at most %(limit)s a request"),
    N_("rows %(rows)s name another institution than your account's; nothing was imported"),
    N_("user %(user)s does not exist"),
    N_("user %(user)s is disabled"),
    N_("name the token after the integration that will use it"),
    N_("API token %(id)s does not exist"),
    N_("API token %(id)s was revoked at %(when)s"),
    # revision reasons (the audit log shows them)
    N_("API token %(name)s created for %(user)s"),
    N_("API token %(name)s revoked"),
    N_("language"),
    # review_ui/verification.py: where an IIN was shown in full (an audit entry's detail)
    N_("verification"),
)

# --- muragat/cli/: revision reasons the audit log shows ----------------------------------------------
CLI = (
    N_("account created on request %(reference)s"),
    N_("account created on request (none given)"),
)

# --- muragat/jobs.py and muragat/reconcile.py: revision and status reasons ----------------------------
JOBS = (
    N_("processing started"),
    N_("processing failed"),
    N_("unexpected error: %(error)s"),
    N_("the worker processing it stopped; queued again"),
)

# --- muragat/match_stage.py with matching/kind.py: revision and status reasons -------------------------
MATCH_STAGE = (
    N_("OCR and matching finished; %(reason)s"),
    N_("OCR and matching finished; diploma title found: «%(title)s»"),
    N_("OCR and matching finished; ledger heading found: «%(heading)s»"),
    N_("OCR and matching finished; %(rows)s rows of diploma series, number and date"),
    N_("OCR and matching finished; neither a diploma title nor a ledger heading was found"),
    N_("diploma title found: «%(title)s»"),
    N_("ledger heading found: «%(heading)s»"),
    N_("%(rows)s rows of diploma series, number and date"),
    N_("neither a diploma title nor a ledger heading was found"),
    N_("archive document: no graduate matching for this kind"),
    N_("every one of %(count)s ledger rows matched"),
    N_("%(open)s of %(count)s ledger rows need a reviewer"),
    N_("matched to a graduate on two independent keys"),
    N_("candidate graduates found; a reviewer must decide"),
    N_("no graduate in the registry matches the diploma's fields"),
    # matching/kind.py: the strongest signal of the kind chosen
    N_("ledger heading «%(heading)s»"),
    N_("order «%(order)s» about «%(phrase)s»"),
    N_("%(rows)s numbered rows of names"),
    N_("%(count)s different diploma numbers"),
    N_("supplement heading «%(heading)s»"),
    N_("%(rows)s transcript rows with credits and grades"),
    N_("diploma title «%(title)s»"),
    N_("diploma phrase «%(phrase)s»"),
    N_("diploma phrase «%(phrase)s» and %(more)s more"),
    N_("series and number «%(number)s»"),
    N_("a QR code with a diploma's series and number"),
    N_("no heading, phrase or number of an education document decided it"),
    # the revision reason of the job that read it: each of them after the fixed start
    N_("OCR and matching finished; ledger heading «%(heading)s»"),
    N_("OCR and matching finished; order «%(order)s» about «%(phrase)s»"),
    N_("OCR and matching finished; %(rows)s numbered rows of names"),
    N_("OCR and matching finished; %(count)s different diploma numbers"),
    N_("OCR and matching finished; supplement heading «%(heading)s»"),
    N_("OCR and matching finished; %(rows)s transcript rows with credits and grades"),
    N_("OCR and matching finished; diploma title «%(title)s»"),
    N_("OCR and matching finished; diploma phrase «%(phrase)s»"),
    N_("OCR and matching finished; diploma phrase «%(phrase)s» and %(more)s more"),
    N_("OCR and matching finished; series and number «%(number)s»"),
    N_("OCR and matching finished; a QR code with a diploma's series and number"),
    N_("OCR and matching finished; no heading, phrase or number of an education document decided it"),
    N_(
        "it looks like an education document, but too little of it could be read to tell which kind; a "
        "reviewer must look at it"
    ),
    N_("no graduate row of the ledger could be read or matched"),
    N_(
        "a diploma supplement, but neither the diploma it belongs to nor the graduate's name or IIN could be "
        "read; a reviewer must read it"
    ),
    N_("a diploma, but no key field (series and number, IIN or name) could be read; a reviewer must read it"),
)

# --- ingest/service.py, ingest/sources.py, ingest/retry.py, review_ui/upload_api.py: upload results,
# errors and revision reasons -----------------------------------------------------------------------
INGEST = (
    N_("uploaded"),
    N_("collection created at upload"),
    N_("the same file uploaded again under another name"),
    N_("retry requested after: %(reason)s"),
    N_("retry requested after: unexpected error: %(error)s"),
    N_("document %(id)s (%(file)s) is %(status)s; only failed documents are retried"),
    N_("%(file)s: stored, %(pages)s page(s), queued"),
    N_(
        "%(file)s: stored, %(pages)s page(s), queued (queue unreachable: %(error)s; it will be picked up "
        "when a worker starts)"
    ),
    N_("%(file)s: already in the archive as %(existing)s (document %(id)s)"),
    N_("%(file)s: %(size)s bytes, more than the %(limit)s allowed"),
    N_("%(file)s: could not be recorded; try again"),
    N_("%(file)s: larger than the %(limit)s bytes allowed"),
    N_("%(file)s: unreadable"),
    N_("%(file)s: about %(entries)s entries in the ZIP, more than %(limit)s files allowed"),
    N_("%(file)s: not a readable ZIP archive (%(error)s)"),
    N_("%(file)s: %(count)s files in the ZIP, more than %(limit)s"),
    N_("%(file)s: %(size)s bytes unpacked, more than %(limit)s"),
    N_("%(file)s: %(size)s bytes unpacked, more than the %(limit)s allowed"),
    N_(
        "%(file)s: compressed with method %(method)s, which is not accepted; make the ZIP again with the "
        "usual (deflate) compression"
    ),
    N_("%(file)s: cannot be read from the ZIP (%(error)s)"),
    N_("%(file)s: a ZIP inside a ZIP is not unpacked (only one level is); upload the inner ZIP on its own"),
    N_("%(file)s: cannot be read (%(error)s)"),
)

# --- ocr/rasterize.py: files refused at upload, or failed when read ------------------------------------
RASTERIZE = (
    N_("%(file)s: empty file (0 bytes). Check that the upload finished and send it again."),
    N_(
        "%(file)s: unsupported file: the content looks like %(what)s. Accepted are JPEG, PNG, TIFF, WebP, "
        "BMP or PDF files (recognised by their content, not their name); convert the scan to one of these "
        "and upload it again."
    ),
    N_(
        "%(file)s: unsupported file: the content looks like %(what)s although its name ends in "
        ".%(suffix)s. Accepted are JPEG, PNG, TIFF, WebP, BMP or PDF files (recognised by their content, "
        "not their name); convert the scan to one of these and upload it again."
    ),
    N_(
        "%(file)s: unsupported file: the content looks like unrecognised binary data (it starts with "
        "bytes %(bytes)s). Accepted are JPEG, PNG, TIFF, WebP, BMP or PDF files (recognised by their "
        "content, not their name); convert the scan to one of these and upload it again."
    ),
    N_(
        "%(file)s: unsupported file: the content looks like unrecognised binary data (it starts with "
        "bytes %(bytes)s) although its name ends in .%(suffix)s. Accepted are JPEG, PNG, TIFF, WebP, BMP "
        "or PDF files (recognised by their content, not their name); convert the scan to one of these and "
        "upload it again."
    ),
    # what the content looks like (a value of the patterns above)
    N_("a ZIP archive or an Office document (.docx, .xlsx)"),
    N_("a legacy Microsoft Office document (.doc, .xls)"),
    N_("a GIF image"),
    N_("an HEIC/AVIF photo"),
    N_("a JPEG 2000 image"),
    N_("a DjVu document"),
    N_("an RTF document"),
    N_("a compressed archive (RAR, 7z or gzip)"),
    N_("an HTML page"),
    N_("an XML or SVG document"),
    N_("plain text"),
    N_(
        "%(file)s: the image is %(width)sx%(height)s pixels (%(pixels)s megapixels), over the limit of "
        "%(limit)s megapixels. Scan it again at a lower resolution (300 dpi is enough for OCR) or in parts."
    ),
    N_(
        "%(file)s: page %(page)s is %(width)sx%(height)s pixels (%(pixels)s megapixels), over the limit "
        "of %(limit)s megapixels. Scan it again at a lower resolution (300 dpi is enough for OCR) or in "
        "parts."
    ),
    N_(
        "%(file)s: page %(page)s at %(dpi)s dpi is %(width)sx%(height)s pixels (%(pixels)s megapixels), "
        "over the limit of %(limit)s megapixels. Split the page or export the PDF at a smaller page size."
    ),
    N_(
        "%(file)s: the file has more than %(limit)s pages, over the limit. Split it into smaller files "
        "and upload them one by one."
    ),
    N_(
        "%(file)s: the file has more than %(limit)s pages (%(pages)s), over the limit. Split it into "
        "smaller files and upload them one by one."
    ),
    N_(
        "%(file)s: the image is too large to open (%(error)s). Scan it again at a lower resolution "
        "(300 dpi is enough for OCR) or in parts."
    ),
    N_(
        "%(file)s: the %(format)s file is damaged and cannot be opened (%(error)s). Export or scan it "
        "again and upload the new file."
    ),
    N_(
        "%(file)s: the %(format)s file is truncated or damaged and its pixels cannot be read (%(error)s). "
        "Upload the complete original file again."
    ),
    N_(
        "%(file)s: page %(page)s of the %(format)s file is truncated or damaged and its pixels cannot be "
        "read (%(error)s). Upload the complete original file again."
    ),
    N_(
        "%(file)s: reading its pages took longer than the limit of %(seconds)s seconds (stopped after "
        "page %(page)s). Split it into smaller files and upload them one by one."
    ),
    N_(
        "%(file)s: page %(page)s has unreadable orientation (EXIF) data (%(error)s). Save the scan again "
        "without metadata and upload it."
    ),
    N_(
        "%(file)s: the PDF is protected by a password, so its pages cannot be read. Save or print it to "
        "a new PDF without a password and upload that file."
    ),
    N_(
        "%(file)s: the PDF is encrypted with a security scheme that cannot be opened. Save or print it "
        "to a new PDF without security and upload that file."
    ),
    N_("%(file)s: the PDF has no pages. Check that the right file was exported and upload it."),
    N_(
        "%(file)s: the PDF is damaged and cannot be opened (%(error)s). Export or scan it again and "
        "upload the new file."
    ),
    N_(
        "%(file)s: page %(page)s of the PDF is damaged and cannot be read (%(error)s). Export or scan it "
        "again and upload the new file."
    ),
)

# --- ocr/tesseract.py: reasons a document failed -----------------------------------------------------
TESSERACT = (
    N_(
        "Page %(page)s: Tesseract is not installed or not on PATH. Install Tesseract 5 (Debian/Ubuntu: "
        "apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
    ),
    N_(
        "Page %(page)s: Tesseract failed (status %(status)s: %(error)s). Check the image and the "
        "Tesseract installation, then process the document again."
    ),
    N_(
        "Page %(page)s: Tesseract did not finish within %(seconds)s s (%(error)s). The page may be very "
        "large or noisy; scan it at 300 dpi and process the document again."
    ),
    N_(
        "Page %(page)s: Tesseract could not be run (%(error)s). Install Tesseract 5 (Debian/Ubuntu: "
        "apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
    ),
    N_("Page %(page)s: Tesseract's orientation detection did not finish (%(error)s)."),
    N_(
        "Page %(page)s: Tesseract (tesserocr) could not read the image (%(error)s). Process the document "
        "again; if it fails again, reinstall tesserocr (`pip install --force-reinstall tesserocr`) or "
        "uninstall it to use the tesseract command instead."
    ),
    N_("the engine stopped at the limit"),
    N_(
        "Tesseract is not installed or not on PATH. Install Tesseract 5 (Debian/Ubuntu: apt-get install "
        "tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
    ),
)

# --- muragat/queue.py, storage/db.py, storage/objects.py: services away (error pages, failed documents)
SERVICES = (
    N_("cannot reach the database at %(url)s: %(error)s; check MURAGAT_DATABASE_URL"),
    N_("cannot reach Redis at %(url)s: %(error)s; check MURAGAT_REDIS_URL"),
    N_("object %(key)s not found in folder %(folder)s"),
    N_("object %(key)s not found in bucket %(bucket)s"),
)

# --- ocr/*.py: the steps' explanations (the Steps tab) -------------------------------------------------
OCR_STEPS = (
    # ocr/ink.py
    N_("the page is greyscale: no coloured ink to separate"),
    N_("no coloured ink found: plain luminance"),
    N_("no coloured ink; %(lines)s lines of pale print (a coloured name scanned in grey) made dark"),
    N_(
        "coloured ink (stamp, security pattern) lightened: each pixel takes its brightest channel, which "
        "keeps dark text dark"
    ),
    N_(
        "coloured ink (stamps, security patterns) lightened by each pixel's brightest channel; %(lines)s "
        "lines of coloured text kept dark by their darkest channel"
    ),
    # ocr/sheet.py
    N_("no sheet stands out from a background: read as a scan"),
    N_("the paper fills the image: read as a scan"),
    N_("the bright region runs along the image's edges (uneven light, not a sheet): read as a scan"),
    N_("the bright region has no sharp edge (uneven light, not a sheet): read as a scan"),
    N_("a sheet stands out, but not with four corners: read as it is"),
    N_("a photographed page: the sheet found against its background, cut out and its perspective corrected"),
    # ocr/binarize.py: despeckle
    N_("no salt-and-pepper specks on the paper"),
    N_("salt-and-pepper specks on the paper: removed by a 3x3 median"),
    # ocr/blocks.py
    N_("no block reads like Latin print read as Cyrillic: nothing re-read"),
    N_("blocks read like Latin print read as Cyrillic, but Tesseract has no eng traineddata"),
    N_(
        "blocks that read like Latin print read as Cyrillic re-read with eng in one run; English kept for "
        "lines where it is Latin words and more confident"
    ),
    # ocr/digits.py
    N_("no number-like words to re-read"),
    N_(
        "number-like words re-read digits only (grey, Otsu, Otsu thickened; and once with eng, kept as a "
        "reading); digits changed where two thirds of the re-reads agree and none reads the page's digits; "
        "a 3 or 5 the models disagree on decided by its shape"
    ),
    # ocr/background.py
    N_("paper brightness divided out (uneven lighting, shadows, tinted paper)"),
    # ocr/orientation.py
    N_("text lines run across the page (projection profiles)"),
    N_("text lines run down the page (projection profiles); OSD says turn %(degrees)s degrees clockwise"),
    # ocr/deskew.py
    N_("text lines are level"),
    N_("no clear skew within the search range"),
    N_("text lines tilted by %(angle)s degrees (sharpest projection profile): rotated level"),
    # ocr/resolution.py
    N_("characters are large enough: not scaled"),
    N_(
        "characters only %(height)s px high (a low-resolution scan or small print): scaled up so they are "
        "about %(target)s px"
    ),
    # ocr/binarize.py
    N_("little noise on the paper: left as it is"),
    N_("grain on the paper would break up into specks when thresholded: smoothed first"),
    N_("one Otsu threshold on the flattened page: text black, paper, faint patterns and pale ink white"),
    # ocr/qr.py
    N_("no QR code found"),
    N_("QR code decoded; its area is kept out of text recognition"),
    # ocr/layout.py
    N_("portrait page: one reading order, Tesseract's page segmentation"),
    N_("page too small to split"),
    N_("landscape page without an empty gutter near the middle: read as one page"),
    N_("two-page spread (empty gutter down the middle): left page read before right page"),
    # ocr/pipeline.py («Tesseract kaz+rus», the recognition step's why, is a program and its language codes:
    # shown as it is, and a pattern for it would also match «Tesseract OCR»)
    N_("poor reading: OSD asked which way up"),
    N_("poor reading; OSD said turn %(degrees)s degrees, and the turned page reads better"),
    N_("poor reading; OSD said turn %(degrees)s degrees, but the turned page reads worse"),
    N_("Kazakh- and Russian-only letters and words"),
    # ocr/series.py
    N_("series re-read in English, but the lines did not come back one each"),
    N_(
        "series letters with Latin twins re-read with the English model; Latin kept where it has a letter "
        "Cyrillic lacks"
    ),
    # ocr/cleanup.py
    N_("Latin look-alikes in Cyrillic words, Latin letters in codes, Kazakh letters by the word list"),
    # ocr/text_layer.py
    N_("the PDF's text layer cannot be read (%(error)s): OCR instead"),
    N_("the page is rotated in the PDF: OCR instead"),
    N_("no usable text layer (%(reason)s): OCR instead"),
    N_("no usable text layer (only %(letters)s letters): OCR instead"),
    N_("no usable text layer (glyphs without a Unicode mapping): OCR instead"),
    N_(
        "no usable text layer (only %(share)s of its characters are Cyrillic or Latin letters, digits or "
        "punctuation): OCR instead"
    ),
    N_("no usable text layer (most of its words have no vowel): OCR instead"),
    N_("the PDF has a real text layer: its words are used, no OCR"),
)

# Step names, detail keys and values that review_ui.review_rows shows through gettext as they are stored,
# since its STEP_LABELS does not name them (yet).
OCR_STEP_KEYS = (
    N_("orientation_check"),
    N_("text_layer"),
    N_("series"),
    N_("osd_confidence"),
    N_("turned_confidence"),
    N_("used"),
    N_("changes"),
    N_("candidates"),
    N_("codes"),
    N_("mixed"),
    N_("kaz"),
    N_("rus"),
    N_("eng"),
    N_("none"),
)

# --- matching/scoring.py, matching/matcher.py: why a candidate graduate (match reasons) ----------------
MATCH_REASONS = (
    N_("diploma series and number equal"),
    N_("diploma number equal"),
    N_("diploma number equal, series differs: %(series)s"),
    N_("diploma number differs in one digit (OCR?)"),
    N_("diploma number differs: %(read)s / %(registered)s"),
    N_("IIN equal"),
    N_("IIN differs"),
    N_("graduation year equal"),
    N_("graduation year differs: %(read)s / %(registered)s"),
    N_("enrollment year differs: %(read)s / %(registered)s"),
    N_("institution equal"),
    N_("registration number equal, same institution and year"),
    N_("registration number equal"),
    N_("issue date equal"),
    N_("degree equal"),
    N_("degree differs: %(read)s / %(registered)s"),
    N_("surname differs: %(read)s / %(registered)s"),
    N_("first name differs: %(read)s / %(registered)s"),
    N_("patronymic differs: %(read)s / %(registered)s"),
    N_("full name equal after transliteration"),
    N_("full name nearly equal (OCR) after transliteration"),
    N_("surname equal after transliteration"),
    N_("first name equal after transliteration"),
    N_("patronymic equal after transliteration"),
    N_("ledger row %(number)s"),
    N_("enrollment year equal"),
    N_("diploma number equal to another reading of it"),
    N_("programme code equal"),
)

# --- matching/fields.py, matching/matcher.py, matching/iin.py: field flags ------------------------------
FIELD_FLAGS = (
    N_("series read as «%(series)s»"),
    N_("unusual number length %(length)s"),
    N_("another reading: «%(value)s»"),
    N_("no honours mark found"),
    N_("name found by its size"),
    N_("the Latin name agrees after transliteration"),
    N_("the Latin name «%(name)s» differs"),
    N_("read from the Latin name"),
    N_("another reading of the number"),
    N_("read as «%(value)s»; spelled as in the registry"),
    N_("read as «%(value)s»; another reading of it is the registry's number"),
    N_("invalid IIN: %(problems)s"),
    # matching/iin.py: the problems, alone and as check_iin joins them
    N_("invalid IIN: must be 12 digits"),
    N_("invalid IIN: century-and-sex digit %(digit)s is not 1-6"),
    N_("invalid IIN: %(date)s is not a real birth date (YYMMDD)"),
    N_("invalid IIN: no control digit exists for these digits"),
    N_("invalid IIN: control digit is %(digit)s, expected %(expected)s"),
    N_("invalid IIN: century-and-sex digit %(digit)s is not 1-6; no control digit exists for these digits"),
    N_(
        "invalid IIN: century-and-sex digit %(digit)s is not 1-6; control digit is %(control)s, expected "
        "%(expected)s"
    ),
    N_("invalid IIN: %(date)s is not a real birth date (YYMMDD); no control digit exists for these digits"),
    N_(
        "invalid IIN: %(date)s is not a real birth date (YYMMDD); control digit is %(control)s, expected "
        "%(expected)s"
    ),
    N_("must be 12 digits"),
    N_("century-and-sex digit %(digit)s is not 1-6"),
    N_("%(date)s is not a real birth date (YYMMDD)"),
    N_("no control digit exists for these digits"),
    N_("control digit is %(digit)s, expected %(expected)s"),
)

# --- matching/registry.py: revision reasons the audit log shows ----------------------------------------
REGISTRY = (
    N_("registry import %(file)s"),
    N_("registry sync %(source)s"),
)

# Values the patterns above capture that are words of their own (the field names scoring.py writes).
VALUES = (
    N_("surname"),
    N_("first name"),
    N_("patronymic"),
)

ALL: tuple[str, ...] = (
    AUTH
    + WORKBENCH
    + OTHER_PAGES
    + CLI
    + JOBS
    + MATCH_STAGE
    + INGEST
    + RASTERIZE
    + TESSERACT
    + SERVICES
    + OCR_STEPS
    + OCR_STEP_KEYS
    + MATCH_REASONS
    + FIELD_FLAGS
    + REGISTRY
    + VALUES
)
