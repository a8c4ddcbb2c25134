"""Messages of reading an uploaded file (ocr.rasterize, ocr.pdf_pages, ocr.upload_limits): files refused
at upload or failed when read (see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    EMPTY = "file.empty"
    UNSUPPORTED = "file.unsupported"
    UNSUPPORTED_NAMED = "file.unsupported_named"
    LOOKS_ZIP = "file.looks.zip"
    LOOKS_OLE = "file.looks.ole"
    LOOKS_GIF = "file.looks.gif"
    LOOKS_HEIC = "file.looks.heic"
    LOOKS_JPEG2000 = "file.looks.jpeg2000"
    LOOKS_DJVU = "file.looks.djvu"
    LOOKS_RTF = "file.looks.rtf"
    LOOKS_ARCHIVE = "file.looks.archive"
    LOOKS_HTML = "file.looks.html"
    LOOKS_XML = "file.looks.xml"
    LOOKS_TEXT = "file.looks.text"
    LOOKS_BINARY = "file.looks.binary"
    IMAGE_TOO_MANY_PIXELS = "file.image_too_many_pixels"
    PAGE_TOO_MANY_PIXELS = "file.page_too_many_pixels"
    IMAGE_TOO_MUCH_MEMORY = "file.image_too_much_memory"
    PAGE_TOO_MUCH_MEMORY = "file.page_too_much_memory"
    PDF_PAGE_TOO_MANY_PIXELS = "file.pdf_page_too_many_pixels"
    TOO_MANY_PAGES = "file.too_many_pages"
    TOO_MANY_PAGES_COUNTED = "file.too_many_pages_counted"
    TOO_LARGE_TO_OPEN = "file.too_large_to_open"
    DAMAGED = "file.damaged"
    TRUNCATED = "file.truncated"
    PAGE_TRUNCATED = "file.page_truncated"
    TOO_SLOW = "file.too_slow"
    BAD_EXIF = "file.bad_exif"
    PDF_PASSWORD = "file.pdf_password"
    PDF_SECURITY = "file.pdf_security"
    PDF_NO_PAGES = "file.pdf_no_pages"
    PDF_DAMAGED = "file.pdf_damaged"
    PDF_PAGE_DAMAGED = "file.pdf_page_damaged"
    PDF_PAGE_CONTENT_TOO_LARGE = "file.pdf_page_content_too_large"
    PDF_PAGE_MEMORY = "file.pdf_page_memory"
    PDF_PAGE_TOO_SLOW = "file.pdf_page_too_slow"


TEXTS: dict[Code, Text] = {
    Code.EMPTY: Text(
        en="%(file)s: empty file (0 bytes). Check that the upload finished and send it again.",
        kk="%(file)s: бос файл (0 байт). Жүктеу аяқталғанын тексеріп, қайта жіберіңіз.",
        ru="%(file)s: пустой файл (0 байт). Проверьте, что загрузка завершилась, и отправьте файл ещё раз.",
    ),
    Code.UNSUPPORTED: Text(
        en=(
            "%(file)s: unsupported file: the content looks like %(what)s. Accepted are JPEG, PNG, TIFF, WebP,"
            " BMP or PDF files (recognised by their content, not their name); convert the scan to one of "
            "these and upload it again."
        ),
        kk=(
            "%(file)s: қолдау көрсетілмейтін файл: мазмұны бойынша бұл — %(what)s. JPEG, PNG, TIFF, WebP, BMP"
            " немесе PDF файлдары қабылданады (атауы бойынша емес, мазмұны бойынша анықталады); сканды "
            "осылардың біріне түрлендіріп, қайта жүктеңіз."
        ),
        ru=(
            "%(file)s: неподдерживаемый файл: по содержимому это %(what)s. Принимаются файлы JPEG, PNG, TIFF,"
            " WebP, BMP или PDF (определяются по содержимому, а не по имени); преобразуйте скан в один из "
            "этих форматов и загрузите снова."
        ),
    ),
    Code.UNSUPPORTED_NAMED: Text(
        en=(
            "%(file)s: unsupported file: the content looks like %(what)s although its name ends in "
            ".%(suffix)s. Accepted are JPEG, PNG, TIFF, WebP, BMP or PDF files (recognised by their content, "
            "not their name); convert the scan to one of these and upload it again."
        ),
        kk=(
            "%(file)s: қолдау көрсетілмейтін файл: атауы .%(suffix)s деп аяқталғанымен, мазмұны бойынша бұл —"
            " %(what)s. JPEG, PNG, TIFF, WebP, BMP немесе PDF файлдары қабылданады (атауы бойынша емес, "
            "мазмұны бойынша анықталады); сканды осылардың біріне түрлендіріп, қайта жүктеңіз."
        ),
        ru=(
            "%(file)s: неподдерживаемый файл: по содержимому это %(what)s, хотя имя оканчивается на "
            ".%(suffix)s. Принимаются файлы JPEG, PNG, TIFF, WebP, BMP или PDF (определяются по содержимому, "
            "а не по имени); преобразуйте скан в один из этих форматов и загрузите снова."
        ),
    ),
    Code.LOOKS_ZIP: Text(
        en="a ZIP archive or an Office document (.docx, .xlsx)",
        kk="ZIP мұрағаты немесе Office құжаты (.docx, .xlsx)",
        ru="ZIP-архив или документ Office (.docx, .xlsx)",
    ),
    Code.LOOKS_OLE: Text(
        en="a legacy Microsoft Office document (.doc, .xls)",
        kk="ескі Microsoft Office құжаты (.doc, .xls)",
        ru="документ старого формата Microsoft Office (.doc, .xls)",
    ),
    Code.LOOKS_GIF: Text(
        en="a GIF image",
        kk="GIF суреті",
        ru="изображение GIF",
    ),
    Code.LOOKS_HEIC: Text(
        en="an HEIC/AVIF photo",
        kk="HEIC/AVIF фотосы",
        ru="фото HEIC/AVIF",
    ),
    Code.LOOKS_JPEG2000: Text(
        en="a JPEG 2000 image",
        kk="JPEG 2000 суреті",
        ru="изображение JPEG 2000",
    ),
    Code.LOOKS_DJVU: Text(
        en="a DjVu document",
        kk="DjVu құжаты",
        ru="документ DjVu",
    ),
    Code.LOOKS_RTF: Text(
        en="an RTF document",
        kk="RTF құжаты",
        ru="документ RTF",
    ),
    Code.LOOKS_ARCHIVE: Text(
        en="a compressed archive (RAR, 7z or gzip)",
        kk="сығылған мұрағат (RAR, 7z немесе gzip)",
        ru="сжатый архив (RAR, 7z или gzip)",
    ),
    Code.LOOKS_HTML: Text(
        en="an HTML page",
        kk="HTML беті",
        ru="страница HTML",
    ),
    Code.LOOKS_XML: Text(
        en="an XML or SVG document",
        kk="XML немесе SVG құжаты",
        ru="документ XML или SVG",
    ),
    Code.LOOKS_TEXT: Text(
        en="plain text",
        kk="қарапайым мәтін",
        ru="простой текст",
    ),
    Code.LOOKS_BINARY: Text(
        en="unrecognised binary data (it starts with bytes %(bytes)s)",
        kk="танылмаған екілік деректер (%(bytes)s байттарынан басталады)",
        ru="нераспознанные двоичные данные (начинаются с байтов %(bytes)s)",
    ),
    Code.IMAGE_TOO_MUCH_MEMORY: Text(
        en=(
            "%(file)s: the image (%(width)sx%(height)s pixels, %(mode)s) would take %(size)s MB of memory to "
            "decode, over the limit of %(limit)s MB. Scan it again at a lower resolution (300 dpi is enough "
            "for OCR), in grey, or in parts."
        ),
        kk=(
            "%(file)s: суретті (%(width)sx%(height)s пиксель, %(mode)s) ашу үшін %(size)s МБ жады қажет, бұл "
            "шектен (%(limit)s МБ) асады. Төменірек ажыратымдылықпен (OCR үшін 300 dpi жеткілікті), сұр "
            "түспен немесе бөліктермен қайта сканерлеңіз."
        ),
        ru=(
            "%(file)s: для декодирования изображения (%(width)sx%(height)s пикселей, %(mode)s) нужно "
            "%(size)s МБ памяти, больше предела %(limit)s МБ. Отсканируйте заново с меньшим разрешением "
            "(для OCR достаточно 300 dpi), в оттенках серого или по частям."
        ),
    ),
    Code.PAGE_TOO_MUCH_MEMORY: Text(
        en=(
            "%(file)s: page %(page)s (%(width)sx%(height)s pixels, %(mode)s) would take %(size)s MB of "
            "memory to decode, over the limit of %(limit)s MB. Scan it again at a lower resolution (300 dpi "
            "is enough for OCR), in grey, or in parts."
        ),
        kk=(
            "%(file)s: %(page)s-бетті (%(width)sx%(height)s пиксель, %(mode)s) ашу үшін %(size)s МБ жады "
            "қажет, бұл шектен (%(limit)s МБ) асады. Төменірек ажыратымдылықпен (OCR үшін 300 dpi "
            "жеткілікті), сұр түспен немесе бөліктермен қайта сканерлеңіз."
        ),
        ru=(
            "%(file)s: для декодирования страницы %(page)s (%(width)sx%(height)s пикселей, %(mode)s) нужно "
            "%(size)s МБ памяти, больше предела %(limit)s МБ. Отсканируйте заново с меньшим разрешением "
            "(для OCR достаточно 300 dpi), в оттенках серого или по частям."
        ),
    ),
    Code.IMAGE_TOO_MANY_PIXELS: Text(
        en=(
            "%(file)s: the image is %(width)sx%(height)s pixels (%(pixels)s megapixels), over the limit of "
            "%(limit)s megapixels. Scan it again at a lower resolution (300 dpi is enough for OCR) or in "
            "parts."
        ),
        kk=(
            "%(file)s: сурет %(width)sx%(height)s пиксель (%(pixels)s мегапиксель), шектен (%(limit)s "
            "мегапиксель) асады. Төменірек ажыратымдылықпен (OCR үшін 300 dpi жеткілікті) немесе бөліктермен "
            "қайта сканерлеңіз."
        ),
        ru=(
            "%(file)s: изображение — %(width)sx%(height)s пикселей (%(pixels)s мегапикселей), больше предела "
            "в %(limit)s мегапикселей. Отсканируйте заново с меньшим разрешением (для OCR достаточно 300 dpi)"
            " или по частям."
        ),
    ),
    Code.PAGE_TOO_MANY_PIXELS: Text(
        en=(
            "%(file)s: page %(page)s is %(width)sx%(height)s pixels (%(pixels)s megapixels), over the limit "
            "of %(limit)s megapixels. Scan it again at a lower resolution (300 dpi is enough for OCR) or in "
            "parts."
        ),
        kk=(
            "%(file)s: %(page)s-бет %(width)sx%(height)s пиксель (%(pixels)s мегапиксель), шектен (%(limit)s "
            "мегапиксель) асады. Төменірек ажыратымдылықпен (OCR үшін 300 dpi жеткілікті) немесе бөліктермен "
            "қайта сканерлеңіз."
        ),
        ru=(
            "%(file)s: страница %(page)s — %(width)sx%(height)s пикселей (%(pixels)s мегапикселей), больше "
            "предела в %(limit)s мегапикселей. Отсканируйте заново с меньшим разрешением (для OCR достаточно "
            "300 dpi) или по частям."
        ),
    ),
    Code.PDF_PAGE_TOO_MANY_PIXELS: Text(
        en=(
            "%(file)s: page %(page)s at %(dpi)s dpi is %(width)sx%(height)s pixels (%(pixels)s megapixels), "
            "over the limit of %(limit)s megapixels. Split the page or export the PDF at a smaller page size."
        ),
        kk=(
            "%(file)s: %(page)s-бет %(dpi)s dpi кезінде %(width)sx%(height)s пиксель (%(pixels)s "
            "мегапиксель), шектен (%(limit)s мегапиксель) асады. Бетті бөліңіз немесе PDF-ті кішірек бет "
            "өлшемімен экспорттаңыз."
        ),
        ru=(
            "%(file)s: страница %(page)s при %(dpi)s dpi — %(width)sx%(height)s пикселей (%(pixels)s "
            "мегапикселей), больше предела в %(limit)s мегапикселей. Разделите страницу или экспортируйте PDF"
            " с меньшим размером страницы."
        ),
    ),
    Code.TOO_MANY_PAGES: Text(
        en=(
            "%(file)s: the file has more than %(limit)s pages, over the limit. Split it into smaller files "
            "and upload them one by one."
        ),
        kk=(
            "%(file)s: файлда %(limit)s беттен көп, шектен асады. Оны кішірек файлдарға бөліп, бір-бірлеп "
            "жүктеңіз."
        ),
        ru=(
            "%(file)s: в файле больше %(limit)s страниц, это больше предела. Разделите его на меньшие файлы и"
            " загрузите их по одному."
        ),
    ),
    Code.TOO_MANY_PAGES_COUNTED: Text(
        en=(
            "%(file)s: the file has more than %(limit)s pages (%(pages)s), over the limit. Split it into "
            "smaller files and upload them one by one."
        ),
        kk=(
            "%(file)s: файлда %(limit)s беттен көп (%(pages)s), шектен асады. Оны кішірек файлдарға бөліп, "
            "бір-бірлеп жүктеңіз."
        ),
        ru=(
            "%(file)s: в файле больше %(limit)s страниц (%(pages)s), это больше предела. Разделите его на "
            "меньшие файлы и загрузите их по одному."
        ),
    ),
    Code.TOO_LARGE_TO_OPEN: Text(
        en=(
            "%(file)s: the image is too large to open (%(error)s). Scan it again at a lower resolution (300 "
            "dpi is enough for OCR) or in parts."
        ),
        kk=(
            "%(file)s: сурет ашуға тым үлкен (%(error)s). Төменірек ажыратымдылықпен (OCR үшін 300 dpi "
            "жеткілікті) немесе бөліктермен қайта сканерлеңіз."
        ),
        ru=(
            "%(file)s: изображение слишком велико, чтобы его открыть (%(error)s). Отсканируйте заново с "
            "меньшим разрешением (для OCR достаточно 300 dpi) или по частям."
        ),
    ),
    Code.DAMAGED: Text(
        en=(
            "%(file)s: the %(format)s file is damaged and cannot be opened (%(error)s). Export or scan it "
            "again and upload the new file."
        ),
        kk=(
            "%(file)s: %(format)s файлы бүлінген, ашылмайды (%(error)s). Қайта экспорттап не сканерлеп, жаңа "
            "файлды жүктеңіз."
        ),
        ru=(
            "%(file)s: файл %(format)s повреждён и не открывается (%(error)s). Экспортируйте или отсканируйте"
            " его заново и загрузите новый файл."
        ),
    ),
    Code.TRUNCATED: Text(
        en=(
            "%(file)s: the %(format)s file is truncated or damaged and its pixels cannot be read (%(error)s)."
            " Upload the complete original file again."
        ),
        kk=(
            "%(file)s: %(format)s файлы толық емес немесе бүлінген, пикселдері оқылмайды (%(error)s). "
            "Түпнұсқа файлды толығымен қайта жүктеңіз."
        ),
        ru=(
            "%(file)s: файл %(format)s обрезан или повреждён, его пиксели не читаются (%(error)s). Загрузите "
            "полный исходный файл ещё раз."
        ),
    ),
    Code.PAGE_TRUNCATED: Text(
        en=(
            "%(file)s: page %(page)s of the %(format)s file is truncated or damaged and its pixels cannot be "
            "read (%(error)s). Upload the complete original file again."
        ),
        kk=(
            "%(file)s: %(format)s файлының %(page)s-беті толық емес немесе бүлінген, пикселдері оқылмайды "
            "(%(error)s). Түпнұсқа файлды толығымен қайта жүктеңіз."
        ),
        ru=(
            "%(file)s: страница %(page)s файла %(format)s обрезана или повреждена, её пиксели не читаются "
            "(%(error)s). Загрузите полный исходный файл ещё раз."
        ),
    ),
    Code.TOO_SLOW: Text(
        en=(
            "%(file)s: reading its pages took longer than the limit of %(seconds)s seconds (stopped after "
            "page %(page)s). Split it into smaller files and upload them one by one."
        ),
        kk=(
            "%(file)s: беттерін оқу %(seconds)s секунд шегінен ұзаққа созылды (%(page)s-беттен кейін "
            "тоқтатылды). Оны кішірек файлдарға бөліп, бір-бірлеп жүктеңіз."
        ),
        ru=(
            "%(file)s: чтение страниц заняло больше предела в %(seconds)s секунд (остановлено после страницы "
            "%(page)s). Разделите файл на меньшие и загрузите их по одному."
        ),
    ),
    Code.BAD_EXIF: Text(
        en=(
            "%(file)s: page %(page)s has unreadable orientation (EXIF) data (%(error)s). Save the scan again "
            "without metadata and upload it."
        ),
        kk=(
            "%(file)s: %(page)s-беттің бағдар (EXIF) деректері оқылмайды (%(error)s). Сканды метадеректерсіз "
            "қайта сақтап, жүктеңіз."
        ),
        ru=(
            "%(file)s: у страницы %(page)s нечитаемые данные ориентации (EXIF) (%(error)s). Сохраните скан "
            "заново без метаданных и загрузите его."
        ),
    ),
    Code.PDF_PASSWORD: Text(
        en=(
            "%(file)s: the PDF is protected by a password, so its pages cannot be read. Save or print it to a"
            " new PDF without a password and upload that file."
        ),
        kk=(
            "%(file)s: PDF құпиясөзбен қорғалған, сондықтан беттері оқылмайды. Оны құпиясөзсіз жаңа PDF етіп "
            "сақтап не басып шығарып, сол файлды жүктеңіз."
        ),
        ru=(
            "%(file)s: PDF защищён паролем, поэтому его страницы не читаются. Сохраните или распечатайте его "
            "в новый PDF без пароля и загрузите этот файл."
        ),
    ),
    Code.PDF_SECURITY: Text(
        en=(
            "%(file)s: the PDF is encrypted with a security scheme that cannot be opened. Save or print it to"
            " a new PDF without security and upload that file."
        ),
        kk=(
            "%(file)s: PDF ашуға болмайтын қорғау схемасымен шифрланған. Оны қорғаусыз жаңа PDF етіп сақтап "
            "не басып шығарып, сол файлды жүктеңіз."
        ),
        ru=(
            "%(file)s: PDF зашифрован схемой защиты, которую нельзя открыть. Сохраните или распечатайте его в"
            " новый PDF без защиты и загрузите этот файл."
        ),
    ),
    Code.PDF_NO_PAGES: Text(
        en="%(file)s: the PDF has no pages. Check that the right file was exported and upload it.",
        kk="%(file)s: PDF-те бет жоқ. Дұрыс файл экспортталғанын тексеріп, жүктеңіз.",
        ru="%(file)s: в PDF нет страниц. Проверьте, что экспортирован нужный файл, и загрузите его.",
    ),
    Code.PDF_DAMAGED: Text(
        en=(
            "%(file)s: the PDF is damaged and cannot be opened (%(error)s). Export or scan it again and "
            "upload the new file."
        ),
        kk=(
            "%(file)s: PDF бүлінген, ашылмайды (%(error)s). Қайта экспорттап не сканерлеп, жаңа файлды "
            "жүктеңіз."
        ),
        ru=(
            "%(file)s: PDF повреждён и не открывается (%(error)s). Экспортируйте или отсканируйте его заново "
            "и загрузите новый файл."
        ),
    ),
    Code.PDF_PAGE_DAMAGED: Text(
        en=(
            "%(file)s: page %(page)s of the PDF is damaged and cannot be read (%(error)s). Export or scan it "
            "again and upload the new file."
        ),
        kk=(
            "%(file)s: PDF-тің %(page)s-беті бүлінген, оқылмайды (%(error)s). Қайта экспорттап не сканерлеп, "
            "жаңа файлды жүктеңіз."
        ),
        ru=(
            "%(file)s: страница %(page)s PDF повреждена и не читается (%(error)s). Экспортируйте или "
            "отсканируйте её заново и загрузите новый файл."
        ),
    ),
    Code.PDF_PAGE_CONTENT_TOO_LARGE: Text(
        en=(
            "%(file)s: page %(page)s of the PDF holds more than %(limit)s MB of drawing instructions, over "
            "the limit. Print or export the page as an image (a scan) into a new PDF and upload that file."
        ),
        kk=(
            "%(file)s: PDF-тің %(page)s-бетінде %(limit)s МБ-тан астам сызу нұсқаулары бар, бұл шектен "
            "асады. Бетті сурет (скан) ретінде жаңа PDF-ке басып шығарып не экспорттап, сол файлды жүктеңіз."
        ),
        ru=(
            "%(file)s: страница %(page)s PDF содержит больше %(limit)s МБ инструкций рисования, это больше "
            "предела. Напечатайте или экспортируйте страницу как изображение (скан) в новый PDF и загрузите "
            "этот файл."
        ),
    ),
    Code.PDF_PAGE_MEMORY: Text(
        en=(
            "%(file)s: page %(page)s of the PDF needed more than the %(limit)s MB of memory allowed to read "
            "it (or it is damaged), so reading was stopped. Print or export the page as an image (a scan) "
            "into a new PDF and upload that file."
        ),
        kk=(
            "%(file)s: PDF-тің %(page)s-бетін оқуға рұқсат етілген %(limit)s МБ жадтан көбі қажет болды (не "
            "ол бүлінген), сондықтан оқу тоқтатылды. Бетті сурет (скан) ретінде жаңа PDF-ке басып шығарып не "
            "экспорттап, сол файлды жүктеңіз."
        ),
        ru=(
            "%(file)s: для чтения страницы %(page)s PDF понадобилось больше разрешённых %(limit)s МБ памяти "
            "(или она повреждена), поэтому чтение остановлено. Напечатайте или экспортируйте страницу как "
            "изображение (скан) в новый PDF и загрузите этот файл."
        ),
    ),
    Code.PDF_PAGE_TOO_SLOW: Text(
        en=(
            "%(file)s: page %(page)s of the PDF took longer than the limit of %(seconds)s seconds to render,"
            " so it was stopped. Print or export the page as an image (a scan) into a new PDF and upload "
            "that file."
        ),
        kk=(
            "%(file)s: PDF-тің %(page)s-бетін салу %(seconds)s секунд шегінен ұзаққа созылды, сондықтан ол "
            "тоқтатылды. Бетті сурет (скан) ретінде жаңа PDF-ке басып шығарып не экспорттап, сол файлды "
            "жүктеңіз."
        ),
        ru=(
            "%(file)s: отрисовка страницы %(page)s PDF заняла больше предела в %(seconds)s секунд, поэтому "
            "она остановлена. Напечатайте или экспортируйте страницу как изображение (скан) в новый PDF и "
            "загрузите этот файл."
        ),
    ),
}
