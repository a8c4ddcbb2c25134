"""Messages of the graduate registry and the template profiles: import row errors and warnings, sync
sources, profile checks (see muragat.messages.catalog). The revision reasons of an import and a sync are
in the workflow family."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    # the rule a cell breaks, after the cell's column and value (CELL_INVALID)
    RULE_IIN_SHORT = "registry.rule.iin_short"
    RULE_IIN_DIGITS = "registry.rule.iin_digits"
    RULE_ISO_DATE = "registry.rule.iso_date"
    RULE_REAL_DATE = "registry.rule.real_date"
    RULE_YEAR = "registry.rule.year"
    RULE_YEAR_RANGE = "registry.rule.year_range"
    RULE_BOOL = "registry.rule.bool"
    RULE_CHOICE = "registry.rule.choice"
    RULE_CHOICE_CYRILLIC = "registry.rule.choice_cyrillic"
    # a row's problems
    CELL_CONTROL = "registry.cell.control"
    CELL_REQUIRED = "registry.cell.required"
    CELL_INVALID = "registry.cell.invalid"
    CELL_TOO_LONG = "registry.cell.too_long"
    ROW_COLUMNS = "registry.row.columns"
    ROW_REPEATED_ID = "registry.row.repeated_id"
    ROW_UNCLOSED_QUOTE = "registry.row.unclosed_quote"
    ROW_MALFORMED_CSV = "registry.row.malformed_csv"
    ROW_NOT_OBJECT = "registry.row.not_object"
    ROW_NOT_SCALAR = "registry.row.not_scalar"
    ROW_ERROR = "registry.row.error"
    # warnings and the report
    NO_ROWS = "registry.warning.no_rows"
    UNKNOWN_COLUMNS = "registry.warning.unknown_columns"
    SUMMARY = "registry.report.summary"
    # whole-file problems
    NOT_UTF8 = "registry.file.not_utf8"
    HINT_UTF16 = "registry.file.hint_utf16"
    HINT_CP1251 = "registry.file.hint_cp1251"
    HINT_UTF8 = "registry.file.hint_utf8"
    MISSING_COLUMNS = "registry.file.missing_columns"
    REPEATED_COLUMNS = "registry.file.repeated_columns"
    NOT_XLSX = "registry.file.not_xlsx"
    EMPTY_FILE = "registry.file.empty"
    HEADER_UNREADABLE = "registry.file.header_unreadable"
    FILE_UNREADABLE = "registry.file.unreadable"
    FILE_TOO_LARGE = "registry.file.too_large"
    # the graduates batch of an integration
    BATCH_TOO_LARGE = "registry.batch.too_large"
    ROW_OTHER_INSTITUTION = "registry.row.other_institution"
    ROW_ID_OF_OTHER_INSTITUTION = "registry.row.id_of_other_institution"
    # template profiles
    TEMPLATE_UNREADABLE = "template.unreadable"
    TEMPLATE_YAML = "template.yaml"
    TEMPLATE_YAML_AT = "template.yaml_at"
    TEMPLATE_NOT_MAPPING = "template.not_mapping"
    TEMPLATE_INVALID = "template.invalid"
    TEMPLATE_INVALID_GOT = "template.invalid_got"
    TEMPLATE_TOP_LEVEL = "template.top_level"
    TEMPLATE_UNKNOWN_KEY = "template.unknown_key"
    TEMPLATE_REGEX = "template.regex"
    TEMPLATE_ZONE = "template.zone"
    TEMPLATE_DIGITS = "template.digits"
    TEMPLATE_NO_FOLDER = "template.no_folder"
    TEMPLATE_NAME_TAKEN = "template.name_taken"
    TEMPLATE_NO_GENERIC = "template.no_generic"


TEXTS: dict[Code, Text] = {
    Code.RULE_IIN_SHORT: Text(
        en="must be 12 digits (it has %(digits)s; did a spreadsheet drop leading zeros?)",
        kk=(
            "12 цифр болуы керек (онда %(digits)s цифр; электрондық "
            "кесте алдыңғы нөлдерді түсіріп тастамады ма?)"
        ),
        ru="должно быть 12 цифр (в нём %(digits)s; не отбросила ли электронная таблица ведущие нули?)",
    ),
    Code.RULE_IIN_DIGITS: Text(en="must be 12 digits", kk="12 цифр болуы керек", ru="должно быть 12 цифр"),
    Code.RULE_ISO_DATE: Text(
        en="must be an ISO 8601 date (YYYY-MM-DD)",
        kk="ISO 8601 күні болуы керек (ЖЖЖЖ-АА-КК)",
        ru="должно быть датой ISO 8601 (ГГГГ-ММ-ДД)",
    ),
    Code.RULE_REAL_DATE: Text(
        en="is not a valid date", kk="жарамды күн емес", ru="не является допустимой датой"
    ),
    Code.RULE_YEAR: Text(
        en="must be a 4-digit year", kk="4 цифрлы жыл болуы керек", ru="должно быть годом из 4 цифр"
    ),
    Code.RULE_YEAR_RANGE: Text(
        en="must be between %(low)s and %(high)s",
        kk="%(low)s мен %(high)s аралығында болуы керек",
        ru="должно быть от %(low)s до %(high)s",
    ),
    Code.RULE_BOOL: Text(
        en="must be true or false (or 1/0, yes/no)",
        kk="true не false болуы керек (немесе 1/0, yes/no)",
        ru="должно быть true или false (или 1/0, yes/no)",
    ),
    Code.RULE_CHOICE: Text(
        en="must be one of %(options)s",
        kk="мыналардың бірі болуы керек: %(options)s",
        ru="должно быть одним из: %(options)s",
    ),
    Code.RULE_CHOICE_CYRILLIC: Text(
        en="must be one of %(options)s (it contains Cyrillic letters; use the Latin codes)",
        kk="мыналардың бірі болуы керек: %(options)s (онда кирилл әріптері бар; латын кодтарын жазыңыз)",
        ru="должно быть одним из: %(options)s (в нём есть кириллические буквы; используйте латинские коды)",
    ),
    Code.CELL_CONTROL: Text(
        en="%(column)s contains a control character (such as NUL); remove it and import again",
        kk="%(column)s ішінде басқару таңбасы бар (мысалы, NUL); оны өшіріп, қайта импорттаңыз",
        ru="%(column)s содержит управляющий символ (например, NUL); удалите его и импортируйте снова",
    ),
    Code.CELL_REQUIRED: Text(
        en="%(column)s is required",
        kk="%(column)s толтырылуы міндетті",
        ru="%(column)s обязательно для заполнения",
    ),
    Code.CELL_INVALID: Text(
        en='%(column)s "%(value)s" %(rule)s',
        kk="%(column)s «%(value)s»: %(rule)s",
        ru="%(column)s «%(value)s»: %(rule)s",
    ),
    Code.CELL_TOO_LONG: Text(
        en="%(column)s is %(length)s characters long; at most %(limit)s are allowed",
        kk="%(column)s ұзындығы %(length)s таңба; ең көбі %(limit)s таңбаға рұқсат етіледі",
        ru="%(column)s длиной %(length)s символов; допускается не больше %(limit)s",
    ),
    Code.ROW_COLUMNS: Text(
        en="has %(cells)s columns, the header has %(header)s",
        kk="жолда %(cells)s баған бар, тақырып жолында %(header)s",
        ru="в строке %(cells)s столбцов, в заголовке %(header)s",
    ),
    Code.ROW_REPEATED_ID: Text(
        en='graduate_id "%(graduate_id)s" repeats line %(line)s',
        kk="graduate_id «%(graduate_id)s» %(line)s-жолды қайталайды",
        ru="graduate_id «%(graduate_id)s» повторяет строку %(line)s",
    ),
    Code.ROW_UNCLOSED_QUOTE: Text(
        en="a quoted value opened on this line is never closed",
        kk="осы жолда ашылған тырнақшадағы мән ешқашан жабылмайды",
        ru="значение в кавычках, открытое в этой строке, нигде не закрыто",
    ),
    Code.ROW_MALFORMED_CSV: Text(
        en="malformed CSV: %(error)s", kk="CSV пішімі бұзылған: %(error)s", ru="некорректный CSV: %(error)s"
    ),
    Code.ROW_NOT_OBJECT: Text(
        en="must be an object of registry columns",
        kk="тізілім бағандарының нысаны болуы керек",
        ru="должно быть объектом со столбцами реестра",
    ),
    Code.ROW_NOT_SCALAR: Text(
        en="%(columns)s: must be text, a number or true/false",
        kk="%(columns)s: мәтін, сан не true/false болуы керек",
        ru="%(columns)s: должно быть текстом, числом или true/false",
    ),
    Code.ROW_ERROR: Text(
        en="line %(line)s: %(problems)s", kk="%(line)s-жол: %(problems)s", ru="строка %(line)s: %(problems)s"
    ),
    Code.NO_ROWS: Text(
        en="%(file)s: the file has a header but no graduate rows",
        kk="%(file)s: файлда тақырып жолы бар, бірақ түлектер жолдары жоқ",
        ru="%(file)s: в файле есть заголовок, но нет строк выпускников",
    ),
    Code.UNKNOWN_COLUMNS: Text(
        en="%(file)s: unknown columns ignored: %(columns)s",
        kk="%(file)s: белгісіз бағандар еленбеді: %(columns)s",
        ru="%(file)s: неизвестные столбцы пропущены: %(columns)s",
    ),
    Code.SUMMARY: Text(
        en="%(file)s: %(added)s added, %(updated)s updated, %(unchanged)s unchanged, %(rejected)s rejected",
        kk=(
            "%(file)s: %(added)s қосылды, %(updated)s жаңартылды, "
            "%(unchanged)s өзгеріссіз, %(rejected)s қабылданбады"
        ),
        ru=(
            "%(file)s: добавлено %(added)s, обновлено %(updated)s, без "
            "изменений %(unchanged)s, отклонено %(rejected)s"
        ),
    ),
    Code.NOT_UTF8: Text(
        en=(
            "%(file)s is not UTF-8: byte 0x%(byte)s at offset %(offset)s "
            "(line %(line)s) cannot be decoded; %(hint)s"
        ),
        kk="%(file)s UTF-8 емес: %(offset)s ығысудағы 0x%(byte)s байты (%(line)s-жол) оқылмайды; %(hint)s",
        ru=(
            "%(file)s не в UTF-8: байт 0x%(byte)s по смещению %(offset)s "
            "(строка %(line)s) не декодируется; %(hint)s"
        ),
    ),
    Code.HINT_UTF16: Text(
        en="it looks like UTF-16; save it as UTF-8",
        kk="UTF-16 сияқты; оны UTF-8 етіп сақтаңыз",
        ru="похоже на UTF-16; сохраните его в UTF-8",
    ),
    Code.HINT_CP1251: Text(
        en="it looks like Windows-1251 (or its Kazakh variant KZ-1048); save it as UTF-8",
        kk="Windows-1251 (немесе оның қазақша нұсқасы KZ-1048) сияқты; оны UTF-8 етіп сақтаңыз",
        ru="похоже на Windows-1251 (или её казахский вариант KZ-1048); сохраните его в UTF-8",
    ),
    Code.HINT_UTF8: Text(en="save it as UTF-8", kk="оны UTF-8 етіп сақтаңыз", ru="сохраните его в UTF-8"),
    Code.MISSING_COLUMNS: Text(
        en="%(file)s: the header lacks required columns: %(columns)s",
        kk="%(file)s: тақырып жолында міндетті бағандар жоқ: %(columns)s",
        ru="%(file)s: в заголовке нет обязательных столбцов: %(columns)s",
    ),
    Code.REPEATED_COLUMNS: Text(
        en="%(file)s: columns appear more than once in the header: %(columns)s",
        kk="%(file)s: тақырып жолында бағандар бірнеше рет кездеседі: %(columns)s",
        ru="%(file)s: столбцы встречаются в заголовке больше одного раза: %(columns)s",
    ),
    Code.NOT_XLSX: Text(
        en="%(file)s is neither a UTF-8 CSV nor a readable XLSX workbook: %(error)s",
        kk="%(file)s UTF-8 CSV де, оқылатын XLSX кітабы да емес: %(error)s",
        ru="%(file)s не является ни CSV в UTF-8, ни читаемой книгой XLSX: %(error)s",
    ),
    Code.EMPTY_FILE: Text(
        en="%(file)s is empty; expected a header row and graduate rows",
        kk="%(file)s бос; тақырып жолы мен түлектер жолдары күтілген",
        ru="%(file)s пуст; ожидались строка заголовка и строки выпускников",
    ),
    Code.HEADER_UNREADABLE: Text(
        en="%(file)s: the header row cannot be read: %(error)s",
        kk="%(file)s: тақырып жолы оқылмайды: %(error)s",
        ru="%(file)s: строка заголовка не читается: %(error)s",
    ),
    Code.FILE_UNREADABLE: Text(
        en="%(file)s: cannot be read (%(error)s)",
        kk="%(file)s: оқылмайды (%(error)s)",
        ru="%(file)s: не читается (%(error)s)",
    ),
    Code.FILE_TOO_LARGE: Text(
        en="%(file)s: larger than the %(limit)s bytes allowed; split the registry into parts",
        kk="%(file)s: рұқсат етілген %(limit)s байттан үлкен; тізілімді бөліктерге бөліңіз",
        ru="%(file)s: больше допустимых %(limit)s байт; разделите реестр на части",
    ),
    Code.BATCH_TOO_LARGE: Text(
        en="the batch has %(count)s graduates; send at most %(limit)s a request",
        kk="топтамада %(count)s түлек бар; бір сұрауда ең көбі %(limit)s жіберіңіз",
        ru="в пакете %(count)s выпускников; отправляйте не больше %(limit)s за запрос",
    ),
    Code.ROW_OTHER_INSTITUTION: Text(
        en="the row names %(institution)s; your account imports only its own institution's graduates",
        kk="жолда %(institution)s көрсетілген; тіркелгіңіз тек өз оқу орнының түлектерін импорттайды",
        ru="в строке указано %(institution)s; ваша учётная запись импортирует только выпускников своего вуза",
    ),
    Code.ROW_ID_OF_OTHER_INSTITUTION: Text(
        en="graduate_id %(graduate)s is a record of another institution; it was not changed",
        kk="graduate_id %(graduate)s басқа оқу орнының жазбасы; ол өзгертілмеді",
        ru="graduate_id %(graduate)s принадлежит записи другого учебного заведения; она не изменена",
    ),
    Code.TEMPLATE_UNREADABLE: Text(
        en="%(file)s: cannot be read (%(error)s)",
        kk="%(file)s: оқылмайды (%(error)s)",
        ru="%(file)s: не читается (%(error)s)",
    ),
    Code.TEMPLATE_YAML: Text(
        en="%(file)s: not valid YAML (%(problem)s)",
        kk="%(file)s: жарамды YAML емес (%(problem)s)",
        ru="%(file)s: некорректный YAML (%(problem)s)",
    ),
    Code.TEMPLATE_YAML_AT: Text(
        en="%(file)s: not valid YAML at line %(line)s (%(problem)s)",
        kk="%(file)s: %(line)s-жолда жарамды YAML емес (%(problem)s)",
        ru="%(file)s: некорректный YAML в строке %(line)s (%(problem)s)",
    ),
    Code.TEMPLATE_NOT_MAPPING: Text(
        en="%(file)s: a profile is a mapping of keys (name, kind, languages, fields, …)",
        kk="%(file)s: профиль кілттер мен мәндерден тұруы керек (name, kind, languages, fields, …)",
        ru="%(file)s: профиль — это словарь ключей (name, kind, languages, fields, …)",
    ),
    Code.TEMPLATE_INVALID: Text(
        en="%(file)s: %(location)s: %(problem)s",
        kk="%(file)s: %(location)s кілті: %(problem)s",
        ru="%(file)s: ключ %(location)s: %(problem)s",
    ),
    Code.TEMPLATE_INVALID_GOT: Text(
        en="%(file)s: %(location)s: %(problem)s (got %(value)s)",
        kk="%(file)s: %(location)s кілті: %(problem)s (берілгені: %(value)s)",
        ru="%(file)s: ключ %(location)s: %(problem)s (получено %(value)s)",
    ),
    Code.TEMPLATE_TOP_LEVEL: Text(en="(top level)", kk="(жоғарғы деңгей)", ru="(верхний уровень)"),
    Code.TEMPLATE_UNKNOWN_KEY: Text(
        en="not a known key: %(problem)s", kk="белгісіз кілт: %(problem)s", ru="неизвестный ключ: %(problem)s"
    ),
    Code.TEMPLATE_REGEX: Text(
        en="not a valid regular expression (%(error)s)",
        kk="жарамды тұрақты өрнек емес (%(error)s)",
        ru="некорректное регулярное выражение (%(error)s)",
    ),
    Code.TEMPLATE_ZONE: Text(
        en="left must be less than right and top less than bottom",
        kk="left мәні right мәнінен, ал top мәні bottom мәнінен кіші болуы керек",
        ru="left должно быть меньше right, а top меньше bottom",
    ),
    Code.TEMPLATE_DIGITS: Text(
        en="number lengths must be between 4 and 12 digits",
        kk="нөмір ұзындығы 4 пен 12 цифр аралығында болуы керек",
        ru="длина номера должна быть от 4 до 12 цифр",
    ),
    Code.TEMPLATE_NO_FOLDER: Text(
        en="%(folder)s: the templates folder (MURAGAT_TEMPLATES_DIR) does not exist",
        kk="%(folder)s: үлгілер қалтасы (MURAGAT_TEMPLATES_DIR) жоқ",
        ru="%(folder)s: папки шаблонов (MURAGAT_TEMPLATES_DIR) не существует",
    ),
    Code.TEMPLATE_NAME_TAKEN: Text(
        en="%(file)s: name: «%(name)s» is already the name of %(other)s",
        kk="%(file)s: name: «%(name)s» атауы %(other)s профиліне берілген",
        ru="%(file)s: name: «%(name)s» уже занято профилем %(other)s",
    ),
    Code.TEMPLATE_NO_GENERIC: Text(
        en="%(folder)s: the generic profile (generic.yaml) is missing",
        kk="%(folder)s: жалпы профиль (generic.yaml) жоқ",
        ru="%(folder)s: нет общего профиля (generic.yaml)",
    ),
}
