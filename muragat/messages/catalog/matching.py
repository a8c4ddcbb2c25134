"""Messages of matching: why a document is of its kind, why a graduate is a candidate (match reasons),
what is doubtful about a field (flags) and what is wrong with an IIN (see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    # matching/kind.py: the strongest signal of the kind chosen
    KIND_LEDGER_HEADING = "kind.ledger_heading"
    KIND_LEDGER_ROWS = "kind.ledger_rows"
    KIND_DIPLOMA_NUMBERS = "kind.diploma_numbers"
    KIND_ORDER = "kind.order"
    KIND_NAME_ROWS = "kind.name_rows"
    KIND_SUPPLEMENT_HEADING = "kind.supplement_heading"
    KIND_TRANSCRIPT_ROWS = "kind.transcript_rows"
    KIND_DIPLOMA_TITLE = "kind.diploma_title"
    KIND_DIPLOMA_PHRASE = "kind.diploma_phrase"
    KIND_DIPLOMA_PHRASES = "kind.diploma_phrases"
    KIND_SERIES_NUMBER = "kind.series_number"
    KIND_QR = "kind.qr"
    KIND_UNDECIDED = "kind.undecided"
    # muragat/match_stage.py: the revision reason of the job that read a document
    MATCH_FINISHED = "match.finished"
    REMATCHED = "match.rematched"
    # matching/scoring.py, matching/matcher.py: why a candidate graduate
    DIPLOMA_EQUAL = "evidence.diploma_equal"
    DIPLOMA_NUMBER_EQUAL = "evidence.diploma_number_equal"
    DIPLOMA_REREAD_EQUAL = "evidence.diploma_reread_equal"
    DIPLOMA_SERIES_DIFFERS = "evidence.diploma_series_differs"
    DIPLOMA_ONE_DIGIT = "evidence.diploma_one_digit"
    DIPLOMA_DIFFERS = "evidence.diploma_differs"
    IIN_EQUAL = "evidence.iin_equal"
    IIN_DIFFERS = "evidence.iin_differs"
    GRADUATION_YEAR_EQUAL = "evidence.graduation_year_equal"
    GRADUATION_YEAR_DIFFERS = "evidence.graduation_year_differs"
    ENROLLMENT_YEAR_EQUAL = "evidence.enrollment_year_equal"
    ENROLLMENT_YEAR_DIFFERS = "evidence.enrollment_year_differs"
    PROGRAM_CODE_EQUAL = "evidence.program_code_equal"
    INSTITUTION_EQUAL = "evidence.institution_equal"
    REGISTRATION_STRONG = "evidence.registration_strong"
    REGISTRATION_EQUAL = "evidence.registration_equal"
    ISSUE_DATE_EQUAL = "evidence.issue_date_equal"
    DEGREE_EQUAL = "evidence.degree_equal"
    DEGREE_DIFFERS = "evidence.degree_differs"
    SURNAME_DIFFERS = "evidence.surname_differs"
    FIRST_NAME_DIFFERS = "evidence.first_name_differs"
    PATRONYMIC_DIFFERS = "evidence.patronymic_differs"
    FULL_NAME_EQUAL = "evidence.full_name_equal"
    FULL_NAME_NEARLY_EQUAL = "evidence.full_name_nearly_equal"
    SURNAME_EQUAL = "evidence.surname_equal"
    FIRST_NAME_EQUAL = "evidence.first_name_equal"
    PATRONYMIC_EQUAL = "evidence.patronymic_equal"
    LEDGER_ROW = "evidence.ledger_row"
    # the degrees a reason names
    BACHELOR = "degree.bachelor"
    MASTER = "degree.master"
    SPECIALIST = "degree.specialist"
    DOCTOR = "degree.doctor"
    # matching/readers.py, patterns.py, name_readers.py, fields.py, matcher.py: what is doubtful about a field
    SERIES_READ_AS = "flag.series_read_as"
    UNUSUAL_NUMBER_LENGTH = "flag.unusual_number_length"
    ANOTHER_READING = "flag.another_reading"
    ANOTHER_NUMBER_READING = "flag.another_number_reading"
    NO_HONOURS_MARK = "flag.no_honours_mark"
    NAME_BY_SIZE = "flag.name_by_size"
    LATIN_NAME_AGREES = "flag.latin_name_agrees"
    LATIN_NAME_DIFFERS = "flag.latin_name_differs"
    READ_FROM_LATIN = "flag.read_from_latin"
    SPELLED_AS_REGISTRY = "flag.spelled_as_registry"
    REGISTRY_NUMBER_READING = "flag.registry_number_reading"
    INVALID_IIN = "flag.invalid_iin"
    # matching/iin.py: what is wrong with an IIN
    IIN_LENGTH = "iin.length"
    IIN_CENTURY = "iin.century"
    IIN_BIRTH_DATE = "iin.birth_date"
    IIN_NO_CONTROL = "iin.no_control"
    IIN_CONTROL = "iin.control"


TEXTS: dict[Code, Text] = {
    Code.KIND_LEDGER_HEADING: Text(
        en="ledger heading «%(heading)s»",
        kk="тіркеу кітабының тақырыбы «%(heading)s»",
        ru="заголовок книги регистрации «%(heading)s»",
    ),
    Code.KIND_LEDGER_ROWS: Text(
        en="%(rows)s rows of diploma series, number and date",
        kk="диплом сериясы, нөмірі және күні бар %(rows)s жол",
        ru="%(rows)s строк с серией, номером и датой диплома",
    ),
    Code.KIND_DIPLOMA_NUMBERS: Text(
        en="%(count)s different diploma numbers",
        kk="%(count)s түрлі диплом нөмірі",
        ru="%(count)s разных номеров дипломов",
    ),
    Code.KIND_ORDER: Text(
        en="order «%(order)s» about «%(phrase)s»",
        kk="«%(phrase)s» туралы «%(order)s»",
        ru="«%(order)s» о «%(phrase)s»",
    ),
    Code.KIND_NAME_ROWS: Text(
        en="%(rows)s numbered rows of names",
        kk="аты-жөні бар %(rows)s нөмірленген жол",
        ru="%(rows)s пронумерованных строк с именами",
    ),
    Code.KIND_SUPPLEMENT_HEADING: Text(
        en="supplement heading «%(heading)s»",
        kk="қосымшаның тақырыбы «%(heading)s»",
        ru="заголовок приложения «%(heading)s»",
    ),
    Code.KIND_TRANSCRIPT_ROWS: Text(
        en="%(rows)s transcript rows with credits and grades",
        kk="кредиттері мен бағалары бар %(rows)s транскрипт жолы",
        ru="%(rows)s строк транскрипта с кредитами и оценками",
    ),
    Code.KIND_DIPLOMA_TITLE: Text(
        en="diploma title «%(title)s»",
        kk="диплом атауы «%(title)s»",
        ru="заголовок диплома «%(title)s»",
    ),
    Code.KIND_DIPLOMA_PHRASE: Text(
        en="diploma phrase «%(phrase)s»",
        kk="диплом тіркесі «%(phrase)s»",
        ru="формулировка диплома «%(phrase)s»",
    ),
    Code.KIND_DIPLOMA_PHRASES: Text(
        en="diploma phrase «%(phrase)s» and %(more)s more",
        kk="диплом тіркесі «%(phrase)s» және тағы %(more)s",
        ru="формулировка диплома «%(phrase)s» и ещё %(more)s",
    ),
    Code.KIND_SERIES_NUMBER: Text(
        en="series and number «%(number)s»",
        kk="сериясы мен нөмірі «%(number)s»",
        ru="серия и номер «%(number)s»",
    ),
    Code.KIND_QR: Text(
        en="a QR code with a diploma's series and number",
        kk="дипломның сериясы мен нөмірі бар QR код",
        ru="QR-код с серией и номером диплома",
    ),
    Code.KIND_UNDECIDED: Text(
        en="no heading, phrase or number of an education document decided it",
        kk="білім туралы құжаттың тақырыбы, тіркесі немесе нөмірі табылмады",
        ru="не найдено ни заголовка, ни формулировки, ни номера документа об образовании",
    ),
    Code.REMATCHED: Text(
        en="matched again after %(actor)s changed the fields",
        kk="%(actor)s өрістерді өзгерткеннен кейін қайта сәйкестендірілді",
        ru="сопоставлено заново после того, как %(actor)s изменил(а) поля",
    ),
    Code.MATCH_FINISHED: Text(
        en="OCR and matching finished; %(reason)s",
        kk="OCR және сәйкестендіру аяқталды; %(reason)s",
        ru="OCR и сопоставление завершены; %(reason)s",
    ),
    Code.DIPLOMA_EQUAL: Text(
        en="diploma series and number equal",
        kk="диплом сериясы мен нөмірі сәйкес",
        ru="серия и номер диплома совпадают",
    ),
    Code.DIPLOMA_NUMBER_EQUAL: Text(
        en="diploma number equal",
        kk="диплом нөмірі сәйкес",
        ru="номер диплома совпадает",
    ),
    Code.DIPLOMA_REREAD_EQUAL: Text(
        en="diploma number equal to another reading of it",
        kk="диплом нөмірі оның басқа оқылуымен бірдей",
        ru="номер диплома совпадает с другим его прочтением",
    ),
    Code.DIPLOMA_SERIES_DIFFERS: Text(
        en="diploma number equal, series differs: %(series)s",
        kk="диплом нөмірі сәйкес, сериясы басқа: %(series)s",
        ru="номер диплома совпадает, серия отличается: %(series)s",
    ),
    Code.DIPLOMA_ONE_DIGIT: Text(
        en="diploma number differs in one digit (perhaps misread)",
        kk="диплом нөмірі бір цифрмен ерекшеленеді (қате оқылған болуы мүмкін)",
        ru="номер диплома отличается одной цифрой (возможно, прочитан с ошибкой)",
    ),
    Code.DIPLOMA_DIFFERS: Text(
        en="diploma number differs: %(read)s / %(registered)s",
        kk="диплом нөмірі сәйкес емес: %(read)s / %(registered)s",
        ru="номер диплома не совпадает: %(read)s / %(registered)s",
    ),
    Code.IIN_EQUAL: Text(en="IIN equal", kk="ЖСН сәйкес", ru="ИИН совпадает"),
    Code.IIN_DIFFERS: Text(en="IIN differs", kk="ЖСН сәйкес емес", ru="ИИН не совпадает"),
    Code.GRADUATION_YEAR_EQUAL: Text(
        en="graduation year equal",
        kk="бітірген жылы сәйкес",
        ru="год окончания совпадает",
    ),
    Code.GRADUATION_YEAR_DIFFERS: Text(
        en="graduation year differs: %(read)s / %(registered)s",
        kk="бітірген жылы сәйкес емес: %(read)s / %(registered)s",
        ru="год окончания не совпадает: %(read)s / %(registered)s",
    ),
    Code.ENROLLMENT_YEAR_EQUAL: Text(
        en="enrollment year equal",
        kk="оқуға түскен жылы сәйкес",
        ru="год поступления совпадает",
    ),
    Code.ENROLLMENT_YEAR_DIFFERS: Text(
        en="enrollment year differs: %(read)s / %(registered)s",
        kk="оқуға түскен жылы сәйкес емес: %(read)s / %(registered)s",
        ru="год поступления не совпадает: %(read)s / %(registered)s",
    ),
    Code.PROGRAM_CODE_EQUAL: Text(
        en="programme code equal",
        kk="бағдарлама коды сәйкес",
        ru="код программы совпадает",
    ),
    Code.INSTITUTION_EQUAL: Text(
        en="institution equal",
        kk="оқу орны сәйкес",
        ru="учебное заведение совпадает",
    ),
    Code.REGISTRATION_STRONG: Text(
        en="registration number equal, same institution and year",
        kk="тіркеу нөмірі сәйкес, оқу орны мен жылы бірдей",
        ru="регистрационный номер совпадает, то же учебное заведение и год",
    ),
    Code.REGISTRATION_EQUAL: Text(
        en="registration number equal",
        kk="тіркеу нөмірі сәйкес",
        ru="регистрационный номер совпадает",
    ),
    Code.ISSUE_DATE_EQUAL: Text(
        en="issue date equal",
        kk="берілген күні сәйкес",
        ru="дата выдачи совпадает",
    ),
    Code.DEGREE_EQUAL: Text(en="degree equal", kk="дәрежесі сәйкес", ru="степень совпадает"),
    Code.DEGREE_DIFFERS: Text(
        en="degree differs: %(read)s / %(registered)s",
        kk="дәрежесі сәйкес емес: %(read)s / %(registered)s",
        ru="степень не совпадает: %(read)s / %(registered)s",
    ),
    Code.SURNAME_DIFFERS: Text(
        en="surname differs: %(read)s / %(registered)s",
        kk="тегі сәйкес емес: %(read)s / %(registered)s",
        ru="фамилия не совпадает: %(read)s / %(registered)s",
    ),
    Code.FIRST_NAME_DIFFERS: Text(
        en="first name differs: %(read)s / %(registered)s",
        kk="аты сәйкес емес: %(read)s / %(registered)s",
        ru="имя не совпадает: %(read)s / %(registered)s",
    ),
    Code.PATRONYMIC_DIFFERS: Text(
        en="patronymic differs: %(read)s / %(registered)s",
        kk="әкесінің аты сәйкес емес: %(read)s / %(registered)s",
        ru="отчество не совпадает: %(read)s / %(registered)s",
    ),
    Code.FULL_NAME_EQUAL: Text(
        en="full name equal after transliteration",
        kk="транслитерациядан кейін толық аты-жөні сәйкес",
        ru="ФИО совпадает после транслитерации",
    ),
    Code.FULL_NAME_NEARLY_EQUAL: Text(
        en="full name nearly equal (OCR) after transliteration",
        kk="транслитерациядан кейін толық аты-жөні дерлік сәйкес (OCR)",
        ru="ФИО почти совпадает после транслитерации (OCR)",
    ),
    Code.SURNAME_EQUAL: Text(
        en="surname equal after transliteration",
        kk="транслитерациядан кейін тегі сәйкес",
        ru="фамилия совпадает после транслитерации",
    ),
    Code.FIRST_NAME_EQUAL: Text(
        en="first name equal after transliteration",
        kk="транслитерациядан кейін аты сәйкес",
        ru="имя совпадает после транслитерации",
    ),
    Code.PATRONYMIC_EQUAL: Text(
        en="patronymic equal after transliteration",
        kk="транслитерациядан кейін әкесінің аты сәйкес",
        ru="отчество совпадает после транслитерации",
    ),
    Code.LEDGER_ROW: Text(
        en="ledger row %(number)s",
        kk="тіркеу кітабының %(number)s-жолы",
        ru="строка книги регистрации %(number)s",
    ),
    Code.BACHELOR: Text(en="bachelor", kk="бакалавр", ru="бакалавр"),
    Code.MASTER: Text(en="master", kk="магистр", ru="магистр"),
    Code.SPECIALIST: Text(en="specialist", kk="маман", ru="специалист"),
    Code.DOCTOR: Text(en="doctor", kk="доктор", ru="доктор"),
    Code.SERIES_READ_AS: Text(
        en="series read as «%(series)s»",
        kk="серия «%(series)s» деп оқылды",
        ru="серия прочитана как «%(series)s»",
    ),
    Code.UNUSUAL_NUMBER_LENGTH: Text(
        en="unusual number length %(length)s",
        kk="нөмірдің ұзындығы әдеттен тыс: %(length)s",
        ru="необычная длина номера: %(length)s",
    ),
    Code.ANOTHER_READING: Text(
        en="another reading: «%(value)s»",
        kk="басқа оқылуы: «%(value)s»",
        ru="другое прочтение: «%(value)s»",
    ),
    Code.ANOTHER_NUMBER_READING: Text(
        en="another reading of the number",
        kk="нөмірдің басқа оқылуы",
        ru="другое прочтение номера",
    ),
    Code.NO_HONOURS_MARK: Text(
        en="no honours mark found",
        kk="үздік белгісі табылмады",
        ru="отметка «с отличием» не найдена",
    ),
    Code.NAME_BY_SIZE: Text(
        en="name found by its size",
        kk="аты-жөні қаріп өлшемі бойынша табылды",
        ru="имя найдено по размеру шрифта",
    ),
    Code.LATIN_NAME_AGREES: Text(
        en="the Latin name agrees after transliteration",
        kk="латынша аты-жөні транслитерациядан кейін сәйкес келеді",
        ru="имя латиницей совпадает после транслитерации",
    ),
    Code.LATIN_NAME_DIFFERS: Text(
        en="the Latin name «%(name)s» differs",
        kk="латынша аты-жөні «%(name)s» өзгеше",
        ru="имя латиницей «%(name)s» отличается",
    ),
    Code.READ_FROM_LATIN: Text(
        en="read from the Latin name",
        kk="латынша аты-жөнінен оқылды",
        ru="прочитано по имени латиницей",
    ),
    Code.SPELLED_AS_REGISTRY: Text(
        en="read as «%(value)s»; spelled as in the registry",
        kk="«%(value)s» деп оқылды; тізілімдегідей жазылды",
        ru="прочитано как «%(value)s»; записано как в реестре",
    ),
    Code.REGISTRY_NUMBER_READING: Text(
        en="read as «%(value)s»; another reading of it is the registry's number",
        kk="«%(value)s» деп оқылды; оның басқа оқылуы тізілімдегі нөмір",
        ru="прочитано как «%(value)s»; другое прочтение совпадает с номером в реестре",
    ),
    Code.INVALID_IIN: Text(
        en="invalid IIN: %(problems)s",
        kk="ЖСН жарамсыз: %(problems)s",
        ru="недействительный ИИН: %(problems)s",
    ),
    Code.IIN_LENGTH: Text(en="must be 12 digits", kk="12 цифр болуы керек", ru="должно быть 12 цифр"),
    Code.IIN_CENTURY: Text(
        en="century-and-sex digit %(digit)s is not 1-6",
        kk="ғасыр мен жынысты білдіретін %(digit)s цифры 1–6 аралығында емес",
        ru="цифра века и пола %(digit)s не от 1 до 6",
    ),
    Code.IIN_BIRTH_DATE: Text(
        en="%(date)s is not a real birth date (YYMMDD)",
        kk="%(date)s нақты туған күн емес (ЖЖААКК)",
        ru="%(date)s — несуществующая дата рождения (ГГММДД)",
    ),
    Code.IIN_NO_CONTROL: Text(
        en="no control digit exists for these digits",
        kk="бұл цифрлар үшін бақылау цифры болмайды",
        ru="для этих цифр контрольной цифры не существует",
    ),
    Code.IIN_CONTROL: Text(
        en="control digit is %(digit)s, expected %(expected)s",
        kk="бақылау цифры %(digit)s, ал %(expected)s болуы керек",
        ru="контрольная цифра %(digit)s, ожидалась %(expected)s",
    ),
}

# The degrees the registry and the fields know, each with the message that names it in every language.
DEGREES = {
    "bachelor": Code.BACHELOR,
    "master": Code.MASTER,
    "specialist": Code.SPECIALIST,
    "doctor": Code.DOCTOR,
}
