"""Messages of the OCR stages: why each step acted, or did not (see muragat.messages.catalog)."""

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    SHEET_NONE = "ocr.sheet.none"
    SHEET_FILLS_IMAGE = "ocr.sheet.fills_image"
    SHEET_ALONG_EDGES = "ocr.sheet.along_edges"
    SHEET_NO_SHARP_EDGE = "ocr.sheet.no_sharp_edge"
    SHEET_NOT_FOUR_CORNERS = "ocr.sheet.not_four_corners"
    SHEET_CUT_OUT = "ocr.sheet.cut_out"
    INK_GREYSCALE = "ocr.ink.greyscale"
    INK_NONE = "ocr.ink.none"
    INK_PALE_PRINT = "ocr.ink.pale_print"
    INK_LIGHTENED = "ocr.ink.lightened"
    INK_KEPT_TEXT = "ocr.ink.kept_text"
    BACKGROUND_FLATTENED = "ocr.background.flattened"
    RESOLUTION_ENOUGH = "ocr.resolution.enough"
    RESOLUTION_SCALED = "ocr.resolution.scaled"
    DESPECKLE_NONE = "ocr.despeckle.none"
    DESPECKLE_REMOVED = "ocr.despeckle.removed"
    DENOISE_CLEAN = "ocr.denoise.clean"
    DENOISE_SMOOTHED = "ocr.denoise.smoothed"
    BINARIZE_OTSU = "ocr.binarize.otsu"
    ORIENTATION_ACROSS = "ocr.orientation.across"
    ORIENTATION_DOWN = "ocr.orientation.down"
    DESKEW_LEVEL = "ocr.deskew.level"
    DESKEW_UNCLEAR = "ocr.deskew.unclear"
    DESKEW_TILTED = "ocr.deskew.tilted"
    QR_NONE = "ocr.qr.none"
    QR_DECODED = "ocr.qr.decoded"
    LAYOUT_PORTRAIT = "ocr.layout.portrait"
    LAYOUT_TOO_SMALL = "ocr.layout.too_small"
    LAYOUT_NO_GUTTER = "ocr.layout.no_gutter"
    LAYOUT_SPREAD = "ocr.layout.spread"
    RECOGNIZE = "ocr.recognize.tesseract"
    CHECK_ASKED = "ocr.check.osd_asked"
    CHECK_TURNED_BETTER = "ocr.check.turned_better"
    CHECK_TURNED_WORSE = "ocr.check.turned_worse"
    LANGUAGE_LETTERS = "ocr.language.letters"
    SERIES_MISALIGNED = "ocr.series.misaligned"
    SERIES_REREAD = "ocr.series.reread"
    BLOCKS_NONE = "ocr.blocks.none"
    BLOCKS_NO_ENG = "ocr.blocks.no_eng"
    BLOCKS_REREAD = "ocr.blocks.reread"
    DIGITS_NONE = "ocr.digits.none"
    DIGITS_REREAD = "ocr.digits.reread"
    CLEANUP = "ocr.cleanup.corrected"
    TEXT_LAYER_UNREADABLE = "ocr.text_layer.unreadable"
    TEXT_LAYER_ROTATED = "ocr.text_layer.rotated"
    TEXT_LAYER_UNUSABLE = "ocr.text_layer.unusable"
    TEXT_LAYER_USED = "ocr.text_layer.used"
    GARBAGE_FEW_LETTERS = "ocr.text_layer.few_letters"
    GARBAGE_UNMAPPED = "ocr.text_layer.unmapped_glyphs"
    GARBAGE_FOREIGN = "ocr.text_layer.foreign_characters"
    GARBAGE_NO_VOWELS = "ocr.text_layer.no_vowels"


TEXTS: dict[Code, Text] = {
    Code.SHEET_NONE: Text(
        en="no sheet stands out from a background: read as a scan",
        kk="фоннан ерекшеленетін парақ жоқ: скан ретінде оқылды",
        ru="лист не выделяется на фоне: прочитан как скан",
    ),
    Code.SHEET_FILLS_IMAGE: Text(
        en="the paper fills the image: read as a scan",
        kk="қағаз бүкіл кескінді алады: скан ретінде оқылды",
        ru="бумага занимает всё изображение: прочитано как скан",
    ),
    Code.SHEET_ALONG_EDGES: Text(
        en="the bright region runs along the image's edges (uneven light, not a sheet): read as a scan",
        kk="ашық аймақ кескіннің шеттерімен өтеді (біркелкі емес жарық, парақ емес): скан ретінде оқылды",
        ru="светлая область идёт вдоль краёв изображения (неравномерный свет, а не лист): прочитано как скан",
    ),
    Code.SHEET_NO_SHARP_EDGE: Text(
        en="the bright region has no sharp edge (uneven light, not a sheet): read as a scan",
        kk="ашық аймақтың айқын жиегі жоқ (біркелкі емес жарық, парақ емес): скан ретінде оқылды",
        ru="у светлой области нет резкого края (неравномерный свет, а не лист): прочитано как скан",
    ),
    Code.SHEET_NOT_FOUR_CORNERS: Text(
        en="a sheet stands out, but not with four corners: read as it is",
        kk="парақ ерекшеленеді, бірақ төрт бұрышы жоқ: сол күйінде оқылды",
        ru="лист выделяется, но не с четырьмя углами: прочитан как есть",
    ),
    Code.SHEET_CUT_OUT: Text(
        en=(
            "a photographed page: the sheet found against its background, cut out and its perspective "
            "corrected"
        ),
        kk="суретке түсірілген бет: парақ фоннан табылып, қиылды және перспективасы түзетілді",
        ru="сфотографированная страница: лист найден на фоне, вырезан, перспектива исправлена",
    ),
    Code.INK_GREYSCALE: Text(
        en="the page is greyscale: no coloured ink to separate",
        kk="бет сұр реңкте: бөлетін түсті сия жоқ",
        ru="страница в оттенках серого: цветных чернил для отделения нет",
    ),
    Code.INK_NONE: Text(
        en="no coloured ink found: plain luminance",
        kk="түсті сия табылмады: кәдімгі жарықтылық",
        ru="цветных чернил не найдено: обычная яркость",
    ),
    Code.INK_PALE_PRINT: Text(
        en="no coloured ink; %(lines)s lines of pale print (a coloured name scanned in grey) made dark",
        kk=(
            "түрлі түсті сия жоқ; бозғылт басылған %(lines)s жол (сұр түсте сканерленген түрлі түсті аты-жөн)"
            " қоюландырылды"
        ),
        ru=(
            "цветных чернил нет; %(lines)s строк бледной печати (цветное имя, отсканированное в сером) "
            "сделаны тёмными"
        ),
    ),
    Code.INK_LIGHTENED: Text(
        en=(
            "coloured ink (stamp, security pattern) lightened: each pixel takes its brightest channel, which "
            "keeps dark text dark"
        ),
        kk=(
            "түсті сия (мөр, қорғаныс өрнегі) ағартылды: әр пиксель ең ашық арнасын алады, сондықтан қою "
            "мәтін қою күйінде қалады"
        ),
        ru=(
            "цветные чернила (печать, защитный узор) осветлены: каждый пиксель берёт свой самый яркий канал, "
            "поэтому тёмный текст остаётся тёмным"
        ),
    ),
    Code.INK_KEPT_TEXT: Text(
        en=(
            "coloured ink (stamps, security patterns) lightened by each pixel's brightest channel; %(lines)s "
            "lines of coloured text kept dark by their darkest channel"
        ),
        kk=(
            "түсті сия (мөрлер, қорғаныс өрнектері) әр пиксельдің ең ашық арнасымен ағартылды; түсті мәтіннің"
            " %(lines)s жолы ең қою арнасымен қою күйінде қалды"
        ),
        ru=(
            "цветные чернила (печати, защитные узоры) осветлены по самому яркому каналу каждого пикселя; "
            "%(lines)s строк цветного текста оставлены тёмными по их самому тёмному каналу"
        ),
    ),
    Code.BACKGROUND_FLATTENED: Text(
        en="paper brightness divided out (uneven lighting, shadows, tinted paper)",
        kk="қағаздың жарықтығы теңестірілді (біркелкі емес жарық, көлеңкелер, боялған қағаз)",
        ru="яркость бумаги выровнена (неравномерное освещение, тени, тонированная бумага)",
    ),
    Code.RESOLUTION_ENOUGH: Text(
        en="characters are large enough: not scaled",
        kk="таңбалар жеткілікті үлкен: масштаб өзгертілмеді",
        ru="символы достаточно крупные: масштаб не менялся",
    ),
    Code.RESOLUTION_SCALED: Text(
        en=(
            "characters only %(height)s px high (a low-resolution scan or small print): scaled up so they are"
            " about %(target)s px"
        ),
        kk=(
            "таңбалардың биіктігі небәрі %(height)s px (ажыратымдылығы төмен скан немесе ұсақ шрифт): шамамен"
            " %(target)s px болатындай үлкейтілді"
        ),
        ru=(
            "высота символов всего %(height)s px (скан низкого разрешения или мелкий шрифт): увеличено "
            "примерно до %(target)s px"
        ),
    ),
    Code.DESPECKLE_NONE: Text(
        en="no salt-and-pepper specks on the paper",
        kk="қағазда ұсақ дақтар жоқ",
        ru="на бумаге нет мелких крапинок",
    ),
    Code.DESPECKLE_REMOVED: Text(
        en="salt-and-pepper specks on the paper: removed by a 3x3 median",
        kk="қағаздағы ұсақ дақтар 3x3 медианалық сүзгімен жойылды",
        ru="мелкие крапинки на бумаге удалены медианным фильтром 3x3",
    ),
    Code.DENOISE_CLEAN: Text(
        en="little noise on the paper: left as it is",
        kk="қағазда шу аз: өзгеріссіз қалдырылды",
        ru="шума на бумаге мало: оставлено как есть",
    ),
    Code.DENOISE_SMOOTHED: Text(
        en="grain on the paper would break up into specks when thresholded: smoothed first",
        kk="қағаз түйіршіктері шекті өңдеуде ноқаттарға бөлінер еді: алдымен тегістелді",
        ru="зернистость бумаги при пороговой обработке распалась бы на точки: сначала сглажено",
    ),
    Code.BINARIZE_OTSU: Text(
        en="one Otsu threshold on the flattened page: text black, paper, faint patterns and pale ink white",
        kk="тегістелген бетке Оцудың бір шегі: мәтін қара, қағаз, әлсіз өрнектер мен бозғылт сия ақ",
        ru=(
            "один порог Оцу на выровненной странице: текст чёрный, бумага, бледные узоры и светлые чернила "
            "белые"
        ),
    ),
    Code.ORIENTATION_ACROSS: Text(
        en="text lines run across the page (projection profiles)",
        kk="мәтін жолдары бетті көлденең бойлайды (проекция профильдері)",
        ru="строки текста идут поперёк страницы (профили проекций)",
    ),
    Code.ORIENTATION_DOWN: Text(
        en="text lines run down the page (projection profiles); OSD says turn %(degrees)s degrees clockwise",
        kk=(
            "мәтін жолдары бетті тігінен бойлайды (проекция профильдері); OSD сағат тілімен %(degrees)s "
            "градусқа бұруды ұсынады"
        ),
        ru=(
            "строки текста идут вдоль страницы (профили проекций); OSD предлагает повернуть на %(degrees)s "
            "градусов по часовой стрелке"
        ),
    ),
    Code.DESKEW_LEVEL: Text(en="text lines are level", kk="мәтін жолдары түзу", ru="строки текста ровные"),
    Code.DESKEW_UNCLEAR: Text(
        en="no clear skew within the search range",
        kk="іздеу ауқымында айқын қисаю жоқ",
        ru="в пределах поиска явного наклона нет",
    ),
    Code.DESKEW_TILTED: Text(
        en="text lines tilted by %(angle)s degrees (sharpest projection profile): rotated level",
        kk="мәтін жолдары %(angle)s градусқа қисайған (ең айқын проекция профилі): түзулеп бұрылды",
        ru="строки текста наклонены на %(angle)s градусов (самый чёткий профиль проекции): повёрнуто ровно",
    ),
    Code.QR_NONE: Text(en="no QR code found", kk="QR коды табылмады", ru="QR-код не найден"),
    Code.QR_DECODED: Text(
        en="QR code decoded; its area is kept out of text recognition",
        kk="QR коды оқылды; оның аймағы мәтінді танудан тыс қалдырылды",
        ru="QR-код прочитан; его область исключена из распознавания текста",
    ),
    Code.LAYOUT_PORTRAIT: Text(
        en="portrait page: one reading order, Tesseract's page segmentation",
        kk="тік бет: бір оқу реті, беттің Tesseract бойынша бөлінуі",
        ru="книжная страница: один порядок чтения, разбиение страницы средствами Tesseract",
    ),
    Code.LAYOUT_TOO_SMALL: Text(
        en="page too small to split",
        kk="бет бөлуге тым кішкентай",
        ru="страница слишком мала для разделения",
    ),
    Code.LAYOUT_NO_GUTTER: Text(
        en="landscape page without an empty gutter near the middle: read as one page",
        kk="ортасында бос аралығы жоқ көлденең бет: бір бет ретінде оқылды",
        ru="альбомная страница без пустого промежутка посередине: прочитана как одна страница",
    ),
    Code.LAYOUT_SPREAD: Text(
        en="two-page spread (empty gutter down the middle): left page read before right page",
        kk="екі беттік жайма (ортасында бос аралық): сол жақ бет оң жақтан бұрын оқылды",
        ru="разворот из двух страниц (пустой промежуток посередине): левая страница прочитана раньше правой",
    ),
    Code.RECOGNIZE: Text(
        en="Tesseract %(languages)s",
        kk="Tesseract арқылы танылды: %(languages)s",
        ru="распознано Tesseract: %(languages)s",
    ),
    Code.CHECK_ASKED: Text(
        en="poor reading: OSD asked which way up",
        kk="оқылуы нашар: бағдары OSD арқылы тексерілді",
        ru="плохое распознавание: ориентация уточнена через OSD",
    ),
    Code.CHECK_TURNED_BETTER: Text(
        en="poor reading; OSD said turn %(degrees)s degrees, and the turned page reads better",
        kk="оқылуы нашар; OSD %(degrees)s градусқа бұруды ұсынды, бұрылған бет жақсырақ оқылады",
        ru=(
            "плохое распознавание; OSD предложил повернуть на %(degrees)s градусов, и повёрнутая страница "
            "читается лучше"
        ),
    ),
    Code.CHECK_TURNED_WORSE: Text(
        en="poor reading; OSD said turn %(degrees)s degrees, but the turned page reads worse",
        kk="оқылуы нашар; OSD %(degrees)s градусқа бұруды ұсынды, бірақ бұрылған бет нашар оқылады",
        ru=(
            "плохое распознавание; OSD предложил повернуть на %(degrees)s градусов, но повёрнутая страница "
            "читается хуже"
        ),
    ),
    Code.LANGUAGE_LETTERS: Text(
        en="Kazakh- and Russian-only letters and words",
        kk="тек қазақ және тек орыс тіліне тән әріптер мен сөздер бойынша",
        ru="по буквам и словам, присущим только казахскому или только русскому",
    ),
    Code.SERIES_MISALIGNED: Text(
        en="series re-read in English, but the lines did not come back one each",
        kk="серия ағылшын тілінде қайта оқылды, бірақ жолдар бір-бірден қайтпады",
        ru="серия перечитана на английском, но строки вернулись не по одной",
    ),
    Code.SERIES_REREAD: Text(
        en=(
            "series letters with Latin twins re-read with the English model; Latin kept where it has a letter"
            " Cyrillic lacks"
        ),
        kk=(
            "латын баламасы бар серия әріптері ағылшын моделімен қайта оқылды; кириллицада жоқ әріп болған "
            "жерде латын қалдырылды"
        ),
        ru=(
            "буквы серии с латинскими двойниками перечитаны английской моделью; латиница оставлена там, где "
            "есть буква, которой нет в кириллице"
        ),
    ),
    Code.BLOCKS_NONE: Text(
        en="no block reads like Latin print read as Cyrillic: nothing re-read",
        kk="бірде-бір блок кириллицамен оқылған латын мәтініне ұқсамайды: ештеңе қайта оқылмады",
        ru="ни один блок не похож на латинский текст, прочитанный кириллицей: ничего не перечитано",
    ),
    Code.BLOCKS_NO_ENG: Text(
        en="blocks read like Latin print read as Cyrillic, but Tesseract has no eng traineddata",
        kk="блоктар кириллицамен оқылған латын мәтініне ұқсайды, бірақ Tesseract-те eng деректері жоқ",
        ru="блоки похожи на латинский текст, прочитанный кириллицей, но у Tesseract нет данных eng",
    ),
    Code.BLOCKS_REREAD: Text(
        en=(
            "blocks that read like Latin print read as Cyrillic re-read with eng in one run; English kept for"
            " lines where it is Latin words and more confident"
        ),
        kk=(
            "кириллицамен оқылған латын мәтініне ұқсайтын блоктар eng арқылы бір рет қайта оқылды; латын "
            "сөздері бар әрі сенімдірек жолдарда ағылшынша нұсқасы қалдырылды"
        ),
        ru=(
            "блоки, похожие на латинский текст, прочитанный кириллицей, перечитаны с eng за один проход; "
            "английский оставлен в строках, где это латинские слова и уверенность выше"
        ),
    ),
    Code.DIGITS_NONE: Text(
        en="no number-like words to re-read",
        kk="қайта оқитын нөмір тәрізді сөздер жоқ",
        ru="нет слов, похожих на номера, для повторного чтения",
    ),
    Code.DIGITS_REREAD: Text(
        en=(
            "number-like words re-read digits only (grey, Otsu, Otsu thickened; and once with eng, kept as a "
            "reading); digits changed where two thirds of the re-reads agree and none reads the page's "
            "digits; a 3 or 5 the models disagree on decided by its shape"
        ),
        kk=(
            "нөмір тәрізді сөздер тек цифрлармен қайта оқылды (сұр, Otsu, қалыңдатылған Otsu; және бір рет "
            "eng арқылы, басқа оқылу ретінде сақталды); қайта оқулардың үштен екісі келісіп, ешқайсысы "
            "беттегі цифрларды оқымаған жерде цифрлар өзгертілді; модельдер келіспеген 3 не 5 цифры пішіні "
            "бойынша анықталды"
        ),
        ru=(
            "слова, похожие на номера, перечитаны только цифрами (серый, Otsu, утолщённый Otsu; и один раз с "
            "eng, сохранено как другое прочтение); цифры заменены, где две трети перечитываний согласны и ни "
            "одно не совпало с прочитанным на странице; 3 или 5, в которых модели расходятся, определены по "
            "форме цифры"
        ),
    ),
    Code.CLEANUP: Text(
        en="Latin look-alikes in Cyrillic words, Latin letters in codes, Kazakh letters by the word list",
        kk=(
            "кирилл сөздеріндегі ұқсас латын әріптері, кодтардағы латын әріптері, сөздік бойынша қазақ "
            "әріптері түзетілді"
        ),
        ru=(
            "исправлены похожие латинские буквы в кириллических словах, латинские буквы в кодах, казахские "
            "буквы по словарю"
        ),
    ),
    Code.TEXT_LAYER_UNREADABLE: Text(
        en="the PDF's text layer cannot be read (%(error)s): OCR instead",
        kk="PDF мәтін қабаты оқылмайды (%(error)s): орнына OCR",
        ru="текстовый слой PDF не читается (%(error)s): вместо него OCR",
    ),
    Code.TEXT_LAYER_ROTATED: Text(
        en="the page is rotated in the PDF: OCR instead",
        kk="бет PDF ішінде бұрылған: орнына OCR",
        ru="страница повёрнута в PDF: вместо слоя OCR",
    ),
    Code.TEXT_LAYER_UNUSABLE: Text(
        en="no usable text layer (%(reason)s): OCR instead",
        kk="жарамды мәтін қабаты жоқ (%(reason)s): орнына OCR",
        ru="нет пригодного текстового слоя (%(reason)s): вместо него OCR",
    ),
    Code.TEXT_LAYER_USED: Text(
        en="the PDF has a real text layer: its words are used, no OCR",
        kk="PDF-те нақты мәтін қабаты бар: оның сөздері пайдаланылды, OCR жоқ",
        ru="в PDF есть настоящий текстовый слой: использованы его слова, без OCR",
    ),
    Code.GARBAGE_FEW_LETTERS: Text(
        en="only %(letters)s letters",
        kk="небәрі %(letters)s әріп",
        ru="всего %(letters)s букв",
    ),
    Code.GARBAGE_UNMAPPED: Text(
        en="glyphs without a Unicode mapping",
        kk="Unicode сәйкестігі жоқ глифтер",
        ru="глифы без соответствия Unicode",
    ),
    Code.GARBAGE_FOREIGN: Text(
        en="only %(share)s of its characters are Cyrillic or Latin letters, digits or punctuation",
        kk="таңбаларының небәрі %(share)s кирилл не латын әріптері, цифрлар немесе тыныс белгілері",
        ru="лишь %(share)s символов — кириллица, латиница, цифры или знаки препинания",
    ),
    Code.GARBAGE_NO_VOWELS: Text(
        en="most of its words have no vowel",
        kk="сөздерінің көбінде дауысты дыбыс жоқ",
        ru="в большинстве слов нет гласных",
    ),
}
