"""Messages of uploads (ingest) and Tesseract: upload results, errors and revision reasons (see
muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    UPLOADED = "ingest.uploaded"
    COLLECTION_CREATED = "ingest.collection_created"
    UPLOADED_AGAIN = "ingest.uploaded_again"
    RETRY_REQUESTED = "ingest.retry_requested"
    RETRY_NOT_FAILED = "ingest.retry_not_failed"
    STORED = "ingest.stored"
    STORED_QUEUE_UNREACHABLE = "ingest.stored_queue_unreachable"
    EXISTS = "ingest.exists"
    EXISTS_ELSEWHERE = "ingest.exists_elsewhere"
    FILENAME_TOO_LONG = "ingest.filename_too_long"
    COLLECTION_NAME_TOO_LONG = "ingest.collection_name_too_long"
    COLLECTION_NAME_TAKEN = "ingest.collection_name_taken"
    TOO_LARGE = "ingest.too_large"
    NOT_RECORDED = "ingest.not_recorded"
    LARGER_THAN = "ingest.larger_than"
    UNREADABLE = "ingest.unreadable"
    ZIP_TOO_MANY_ENTRIES = "ingest.zip_too_many_entries"
    ZIP_UNREADABLE = "ingest.zip_unreadable"
    ZIP_TOO_MANY_FILES = "ingest.zip_too_many_files"
    ZIP_TOO_LARGE = "ingest.zip_too_large"
    ZIP_MEMBER_TOO_LARGE = "ingest.zip_member_too_large"
    ZIP_METHOD = "ingest.zip_method"
    ZIP_MEMBER_UNREADABLE = "ingest.zip_member_unreadable"
    ZIP_IN_ZIP = "ingest.zip_in_zip"
    PATH_UNREADABLE = "ingest.path_unreadable"
    TESSERACT_MISSING = "tesseract.missing"
    TESSERACT_PAGE_MISSING = "tesseract.page_missing"
    TESSERACT_FAILED = "tesseract.failed"
    TESSERACT_TIMEOUT = "tesseract.timeout"
    TESSERACT_NOT_RUN = "tesseract.not_run"
    TESSERACT_OSD_UNFINISHED = "tesseract.osd_unfinished"
    TESSEROCR_FAILED = "tesseract.tesserocr_failed"
    ENGINE_STOPPED = "tesseract.engine_stopped"
    TESSERACT_MISSING_ERROR = "tesseract.missing_error"
    TESSERACT_NO_LANGUAGE_LIST = "tesseract.no_language_list"
    NO_LANGUAGE = "tesseract.no_language"
    NO_TRAINEDDATA = "tesseract.no_traineddata"
    NO_TESSDATA_FOLDER = "tesseract.no_tessdata_folder"


TEXTS: dict[Code, Text] = {
    Code.UPLOADED: Text(
        en="uploaded",
        kk="жүктелді",
        ru="загружено",
    ),
    Code.COLLECTION_CREATED: Text(
        en="collection created at upload",
        kk="жинақ жүктеу кезінде құрылды",
        ru="коллекция создана при загрузке",
    ),
    Code.UPLOADED_AGAIN: Text(
        en="the same file uploaded again under another name",
        kk="дәл сол файл басқа атпен қайта жүктелді",
        ru="тот же файл загружен повторно под другим именем",
    ),
    Code.RETRY_REQUESTED: Text(
        en="retry requested after: %(reason)s",
        kk="қайта өңдеу сұралды, себебі: %(reason)s",
        ru="запрошена повторная обработка после: %(reason)s",
    ),
    Code.RETRY_NOT_FAILED: Text(
        en="document %(id)s (%(file)s) is %(status)s; only failed documents are retried",
        kk="%(id)s құжаты (%(file)s) — %(status)s; тек сәтсіз өңделген құжаттар қайталанады",
        ru=(
            "документ %(id)s (%(file)s) в статусе «%(status)s»; повторно обрабатываются только документы с "
            "ошибкой"
        ),
    ),
    Code.STORED: Text(
        en="%(file)s: stored, %(pages)s page(s), queued",
        kk="%(file)s: сақталды, %(pages)s бет, кезекке қойылды",
        ru="%(file)s: сохранён, страниц: %(pages)s, поставлен в очередь",
    ),
    Code.STORED_QUEUE_UNREACHABLE: Text(
        en=(
            "%(file)s: stored, %(pages)s page(s), queued (queue unreachable: %(error)s; it will be picked up "
            "when a worker starts)"
        ),
        kk=(
            "%(file)s: сақталды, %(pages)s бет, кезекке қойылды (кезек қолжетімсіз: %(error)s; өңдеуші іске "
            "қосылғанда алынады)"
        ),
        ru=(
            "%(file)s: сохранён, страниц: %(pages)s, поставлен в очередь (очередь недоступна: %(error)s; "
            "документ будет взят, когда запустится обработчик)"
        ),
    ),
    Code.EXISTS: Text(
        en="%(file)s: already in the archive as %(existing)s (document %(id)s)",
        kk="%(file)s: мұрағатта %(existing)s деген атпен бар (құжат %(id)s)",
        ru="%(file)s: уже есть в архиве как %(existing)s (документ %(id)s)",
    ),
    Code.EXISTS_ELSEWHERE: Text(
        en="%(file)s: the same file is already in another institution's archive; ask an administrator",
        kk="%(file)s: дәл осы файл басқа оқу орнының мұрағатында бар; әкімшіге хабарласыңыз",
        ru="%(file)s: этот же файл уже есть в архиве другого учебного заведения; обратитесь к администратору",
    ),
    Code.FILENAME_TOO_LONG: Text(
        en=(
            "%(name)s…: the file name is %(length)s characters long, more than the %(limit)s allowed; rename "
            "the file and upload it again"
        ),
        kk=(
            "%(name)s…: файл атауы %(length)s таңбадан тұрады, рұқсат етілген %(limit)s таңбадан көп; файлдың"
            " атын өзгертіп, қайта жүктеңіз"
        ),
        ru=(
            "%(name)s…: имя файла длиной %(length)s символов, больше допустимых %(limit)s; переименуйте файл "
            "и загрузите его снова"
        ),
    ),
    Code.COLLECTION_NAME_TAKEN: Text(
        en="the collection name %(name)s is taken; choose another name for this batch",
        kk="%(name)s жинақ атауы бос емес; бұл топтама үшін басқа атау таңдаңыз",
        ru="название коллекции %(name)s уже занято; выберите для этой партии другое",
    ),
    Code.COLLECTION_NAME_TOO_LONG: Text(
        en="the collection name is %(length)s characters long; at most %(limit)s are allowed",
        kk="жинақ атауы %(length)s таңбадан тұрады; ең көбі %(limit)s таңбаға рұқсат етіледі",
        ru="название коллекции длиной %(length)s символов; допускается не больше %(limit)s",
    ),
    Code.TOO_LARGE: Text(
        en="%(file)s: %(size)s bytes, more than the %(limit)s allowed",
        kk="%(file)s: %(size)s байт, рұқсат етілген %(limit)s байттан көп",
        ru="%(file)s: %(size)s байт, больше допустимых %(limit)s",
    ),
    Code.NOT_RECORDED: Text(
        en="%(file)s: could not be recorded; try again",
        kk="%(file)s: тіркеу мүмкін болмады; қайталап көріңіз",
        ru="%(file)s: не удалось записать; попробуйте ещё раз",
    ),
    Code.LARGER_THAN: Text(
        en="%(file)s: larger than the %(limit)s bytes allowed",
        kk="%(file)s: рұқсат етілген %(limit)s байттан үлкен",
        ru="%(file)s: больше допустимых %(limit)s байт",
    ),
    Code.UNREADABLE: Text(
        en="%(file)s: unreadable",
        kk="%(file)s: оқылмайды",
        ru="%(file)s: не читается",
    ),
    Code.ZIP_TOO_MANY_ENTRIES: Text(
        en="%(file)s: about %(entries)s entries in the ZIP, more than %(limit)s files allowed",
        kk="%(file)s: ZIP ішінде шамамен %(entries)s жазба бар, рұқсат етілген %(limit)s файлдан көп",
        ru="%(file)s: в ZIP около %(entries)s записей, больше допустимых %(limit)s файлов",
    ),
    Code.ZIP_UNREADABLE: Text(
        en="%(file)s: not a readable ZIP archive (%(error)s)",
        kk="%(file)s: оқылатын ZIP мұрағаты емес (%(error)s)",
        ru="%(file)s: не читаемый ZIP-архив (%(error)s)",
    ),
    Code.ZIP_TOO_MANY_FILES: Text(
        en="%(file)s: %(count)s files in the ZIP, more than %(limit)s",
        kk="%(file)s: ZIP ішінде %(count)s файл, рұқсат етілгеннен (%(limit)s) көп",
        ru="%(file)s: в ZIP %(count)s файлов, больше допустимых %(limit)s",
    ),
    Code.ZIP_TOO_LARGE: Text(
        en="%(file)s: %(size)s bytes unpacked, more than %(limit)s",
        kk="%(file)s: ашылғанда %(size)s байт, рұқсат етілгеннен (%(limit)s) көп",
        ru="%(file)s: в распакованном виде %(size)s байт, больше допустимых %(limit)s",
    ),
    Code.ZIP_MEMBER_TOO_LARGE: Text(
        en="%(file)s: %(size)s bytes unpacked, more than the %(limit)s allowed",
        kk="%(file)s: ашылғанда %(size)s байт, рұқсат етілген %(limit)s байттан көп",
        ru="%(file)s: в распакованном виде %(size)s байт, больше допустимых %(limit)s",
    ),
    Code.ZIP_METHOD: Text(
        en=(
            "%(file)s: compressed with method %(method)s, which is not accepted; make the ZIP again with the "
            "usual (deflate) compression"
        ),
        kk=(
            "%(file)s: %(method)s әдісімен сығылған, ол қабылданбайды; ZIP-ті әдеттегі (deflate) сығумен "
            "қайта жасаңыз"
        ),
        ru=(
            "%(file)s: сжат методом %(method)s, который не принимается; создайте ZIP заново с обычным сжатием"
            " (deflate)"
        ),
    ),
    Code.ZIP_MEMBER_UNREADABLE: Text(
        en="%(file)s: cannot be read from the ZIP (%(error)s)",
        kk="%(file)s: ZIP-тен оқылмайды (%(error)s)",
        ru="%(file)s: не читается из ZIP (%(error)s)",
    ),
    Code.ZIP_IN_ZIP: Text(
        en=(
            "%(file)s: a ZIP inside a ZIP is not unpacked (only one level is); upload the inner ZIP on its "
            "own"
        ),
        kk="%(file)s: ZIP ішіндегі ZIP ашылмайды (тек бір деңгей ашылады); ішкі ZIP-ті бөлек жүктеңіз",
        ru=(
            "%(file)s: ZIP внутри ZIP не распаковывается (только один уровень); загрузите вложенный ZIP "
            "отдельно"
        ),
    ),
    Code.PATH_UNREADABLE: Text(
        en="%(file)s: cannot be read (%(error)s)",
        kk="%(file)s: оқылмайды (%(error)s)",
        ru="%(file)s: не читается (%(error)s)",
    ),
    Code.TESSERACT_MISSING: Text(
        en=(
            "Tesseract is not installed or not on PATH. Install Tesseract 5 (Debian/Ubuntu: apt-get install "
            "tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        kk=(
            "Tesseract орнатылмаған немесе PATH ішінде жоқ. Tesseract 5 орнатыңыз (Debian/Ubuntu: apt-get "
            "install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        ru=(
            "Tesseract не установлен или не найден в PATH. Установите Tesseract 5 (Debian/Ubuntu: apt-get "
            "install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
    ),
    Code.TESSERACT_PAGE_MISSING: Text(
        en=(
            "Page %(page)s: Tesseract is not installed or not on PATH. Install Tesseract 5 (Debian/Ubuntu: "
            "apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        kk=(
            "%(page)s-бет: Tesseract орнатылмаған немесе PATH ішінде жоқ. Tesseract 5 орнатыңыз "
            "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        ru=(
            "Страница %(page)s: Tesseract не установлен или не найден в PATH. Установите Tesseract 5 "
            "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
    ),
    Code.TESSERACT_FAILED: Text(
        en=(
            "Page %(page)s: Tesseract failed (status %(status)s: %(error)s). Check the image and the "
            "Tesseract installation, then process the document again."
        ),
        kk=(
            "%(page)s-бет: Tesseract қатемен аяқталды (күйі %(status)s: %(error)s). Суретті және Tesseract "
            "орнатылымын тексеріп, құжатты қайта өңдеңіз."
        ),
        ru=(
            "Страница %(page)s: ошибка Tesseract (статус %(status)s: %(error)s). Проверьте изображение и "
            "установку Tesseract, затем обработайте документ снова."
        ),
    ),
    Code.TESSERACT_TIMEOUT: Text(
        en=(
            "Page %(page)s: Tesseract did not finish within %(seconds)s s (%(error)s). The page may be very "
            "large or noisy; scan it at 300 dpi and process the document again."
        ),
        kk=(
            "%(page)s-бет: Tesseract %(seconds)s с ішінде аяқтамады (%(error)s). Бет тым үлкен не шулы болуы "
            "мүмкін; оны 300 dpi-мен сканерлеп, құжатты қайта өңдеңіз."
        ),
        ru=(
            "Страница %(page)s: Tesseract не закончил за %(seconds)s с (%(error)s). Возможно, страница очень "
            "большая или зашумлённая; отсканируйте её с 300 dpi и обработайте документ снова."
        ),
    ),
    Code.TESSERACT_NOT_RUN: Text(
        en=(
            "Page %(page)s: Tesseract could not be run (%(error)s). Install Tesseract 5 (Debian/Ubuntu: "
            "apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        kk=(
            "%(page)s-бет: Tesseract іске қосылмады (%(error)s). Tesseract 5 орнатыңыз (Debian/Ubuntu: "
            "apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        ru=(
            "Страница %(page)s: не удалось запустить Tesseract (%(error)s). Установите Tesseract 5 "
            "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
    ),
    Code.TESSERACT_OSD_UNFINISHED: Text(
        en="Page %(page)s: Tesseract's orientation detection did not finish (%(error)s).",
        kk="%(page)s-бет: Tesseract бағдарды анықтауды аяқтамады (%(error)s).",
        ru="Страница %(page)s: определение ориентации в Tesseract не завершилось (%(error)s).",
    ),
    Code.TESSEROCR_FAILED: Text(
        en=(
            "Page %(page)s: Tesseract (tesserocr) could not read the image (%(error)s). Process the document "
            "again; if it fails again, reinstall tesserocr (`pip install --force-reinstall tesserocr`) or "
            "uninstall it to use the tesseract command instead."
        ),
        kk=(
            "%(page)s-бет: Tesseract (tesserocr) кескінді оқи алмады (%(error)s). Құжатты қайта өңдеңіз; "
            "қайталанса, tesserocr-ды қайта орнатыңыз (`pip install --force-reinstall tesserocr`) немесе "
            "tesseract командасын қолдану үшін оны жойыңыз."
        ),
        ru=(
            "Страница %(page)s: Tesseract (tesserocr) не смог прочитать изображение (%(error)s). Обработайте "
            "документ ещё раз; если ошибка повторится, переустановите tesserocr (`pip install "
            "--force-reinstall tesserocr`) или удалите его, чтобы использовалась команда tesseract."
        ),
    ),
    Code.ENGINE_STOPPED: Text(
        en="the engine stopped at the limit",
        kk="движок шекте тоқтатылды",
        ru="движок остановлен по лимиту",
    ),
    Code.TESSERACT_MISSING_ERROR: Text(
        en=(
            "Tesseract is not installed or not on PATH (%(error)s). Install Tesseract 5 (Debian/Ubuntu: "
            "apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        kk=(
            "Tesseract орнатылмаған немесе PATH ішінде жоқ (%(error)s). Tesseract 5 орнатыңыз (Debian/Ubuntu:"
            " apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
        ru=(
            "Tesseract не установлен или не найден в PATH (%(error)s). Установите Tesseract 5 (Debian/Ubuntu:"
            " apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus)."
        ),
    ),
    Code.TESSERACT_NO_LANGUAGE_LIST: Text(
        en=(
            "Tesseract could not list its languages (%(error)s). Check the installation: `tesseract "
            "--list-langs`."
        ),
        kk=(
            "Tesseract өз тілдерінің тізімін бере алмады (%(error)s). Орнатылымды тексеріңіз: `tesseract "
            "--list-langs`."
        ),
        ru=(
            "Tesseract не смог перечислить свои языки (%(error)s). Проверьте установку: `tesseract "
            "--list-langs`."
        ),
    ),
    Code.NO_LANGUAGE: Text(
        en="No OCR language given (%(languages)s); use e.g. 'kaz+rus'.",
        kk="OCR тілі көрсетілмеген (%(languages)s); мысалы, 'kaz+rus' қолданыңыз.",
        ru="Язык OCR не указан (%(languages)s); укажите, например, 'kaz+rus'.",
    ),
    Code.NO_TRAINEDDATA: Text(
        en=(
            "Tesseract has no traineddata for %(missing)s (asked for %(languages)s; installed: "
            "%(installed)s). Install it (Debian/Ubuntu: apt-get install %(packages)s) or change "
            "MURAGAT_OCR_LANGUAGES."
        ),
        kk=(
            "Tesseract-те %(missing)s үшін traineddata жоқ (сұралғаны: %(languages)s; орнатылғаны: "
            "%(installed)s). Оны орнатыңыз (Debian/Ubuntu: apt-get install %(packages)s) немесе "
            "MURAGAT_OCR_LANGUAGES баптауын өзгертіңіз."
        ),
        ru=(
            "У Tesseract нет traineddata для %(missing)s (запрошено: %(languages)s; установлено: "
            "%(installed)s). Установите их (Debian/Ubuntu: apt-get install %(packages)s) или измените "
            "MURAGAT_OCR_LANGUAGES."
        ),
    ),
    Code.NO_TESSDATA_FOLDER: Text(
        en=(
            "Could not tell where Tesseract keeps its traineddata (`tesseract --list-langs` names no folder)."
            " Set TESSDATA_PREFIX to the tessdata folder (e.g. /usr/share/tesseract-ocr/5/tessdata)."
        ),
        kk=(
            "Tesseract traineddata файлдарын қай жерде сақтайтыны анықталмады (`tesseract --list-langs` ешбір"
            " қалтаны атамайды). TESSDATA_PREFIX мәнін tessdata қалтасына орнатыңыз (мысалы, "
            "/usr/share/tesseract-ocr/5/tessdata)."
        ),
        ru=(
            "Не удалось определить, где Tesseract хранит traineddata (`tesseract --list-langs` не называет "
            "папку). Укажите в TESSDATA_PREFIX папку tessdata (например, "
            "/usr/share/tesseract-ocr/5/tessdata)."
        ),
    ),
}
