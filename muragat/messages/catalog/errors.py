"""Errors of the review pages and their API: signing in and roles, the workbench's checks of an edit, a
restore or a decision, verification, reports and personal data (see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    SIGN_IN = "auth.sign_in"
    NUL_CHARACTER = "request.nul_character"
    REQUEST_TOO_LARGE = "request.too_large"
    CONTROL_CHARACTER = "request.control_character"
    ROLE_FORBIDDEN = "auth.role_forbidden"
    ARCHIVIST_FORBIDDEN = "auth.role_forbidden.archivist"
    REVIEWER_FORBIDDEN = "auth.role_forbidden.reviewer"
    VERIFIER_FORBIDDEN = "auth.role_forbidden.verifier"
    ADMIN_FORBIDDEN = "auth.role_forbidden.admin"
    AUDITOR_FORBIDDEN = "auth.role_forbidden.auditor"
    ALL_INSTITUTIONS_ONLY = "auth.all_institutions_only"
    FORM_EXPIRED = "auth.form_expired"
    TOKEN_INVALID = "auth.token_invalid"
    PASSWORD_CHANGE_REQUIRED = "auth.password_change_required"
    DOCUMENT_NOT_FOUND = "document.not_found"
    LIST_CURSOR_INVALID = "document.list_cursor_invalid"
    PAGE_NOT_FOUND = "document.page_not_found"
    LINE_NOT_FOUND = "document.line_not_found"
    LINE_EMPTY = "document.line_empty"
    LINE_CHANGED = "document.line_changed"
    REVISION_NOT_FOUND = "revision.not_found"
    MATCH_GONE = "review.match_gone"
    NOT_A_YEAR = "review.not_a_year"
    YEAR_OUT_OF_RANGE = "review.year_out_of_range"
    GRADUATION_NOT_A_YEAR = "review.not_a_year.graduation_year"
    ENROLLMENT_NOT_A_YEAR = "review.not_a_year.enrollment_year"
    GRADUATION_OUT_OF_RANGE = "review.year_out_of_range.graduation_year"
    ENROLLMENT_OUT_OF_RANGE = "review.year_out_of_range.enrollment_year"
    HONORS_NOT_BOOL = "review.honors_not_bool"
    DEGREE_UNKNOWN = "review.degree_unknown"
    REASON_MISSING = "review.reason_missing"
    REASON_TOO_LONG = "review.reason_too_long"
    FIELDS_UNKNOWN = "review.fields_unknown"
    CHANGED_MEANWHILE = "review.changed_meanwhile"
    IIN_INVALID = "review.iin_invalid"
    DATE_INVALID = "review.date_invalid"
    DATE_OUT_OF_RANGE = "review.date_out_of_range"
    SERIES_SHAPE = "review.series_shape"
    NUMBER_SHAPE = "review.number_shape"
    NAME_SHAPE = "review.name_shape"
    PROGRAMME_SHAPE = "review.programme_shape"
    REGISTRATION_SHAPE = "review.registration_shape"
    YEARS_ORDER = "review.years_order"
    FIELD_NOW = "review.field_now"
    NOT_RESTORABLE = "revision.not_restorable"
    ALREADY_RESTORED = "revision.already_restored"
    NOT_A_CANDIDATE = "review.not_a_candidate"
    ANOTHER_CONFIRMED = "review.another_confirmed"
    RESOLVE_NOT_ARCHIVE = "review.resolve.not_archive"
    RESOLVE_NOT_DIPLOMA = "review.resolve.not_diploma"
    RESOLVE_HAS_MATCH = "review.resolve.has_match"
    NO_LEDGER_ROW = "review.resolve.no_ledger_row"
    REGISTER_FIELDS_MISSING = "review.register.fields_missing"
    REGISTER_ID_TAKEN = "review.register.id_taken"
    REGISTER_TOO_LONG = "review.register.too_long"
    REGISTER_DUPLICATE = "review.register.duplicate"
    RESOLVE_NOT_FINISHED = "review.resolve.not_finished"
    ANOTHER_CONFIRMED_RACE = "review.another_confirmed_race"
    PLACE_DOCUMENT = "review.place.document"
    PLACE_ROW = "review.place.row"
    NEEDS_AUTHOR = "review.needs_author"
    LOOKUP_INCOMPLETE = "verify.lookup_incomplete"
    NO_CONFIRMED_DIPLOMA = "verify.no_confirmed_diploma"
    SCAN_PAGE_NOT_FOUND = "verify.scan_page_not_found"
    NO_PUBLIC_BASE_URL = "verify.no_public_base_url"
    REPORT_UNKNOWN = "report.unknown"
    GRADUATE_NOT_IN_REGISTRY = "report.graduate_not_in_registry"


_FORBIDDEN = "бұл бетті пайдалана алмайды", "эта страница недоступна"

TEXTS: dict[Code, Text] = {
    Code.REQUEST_TOO_LARGE: Text(
        en="the request is longer than the %(limit)s bytes allowed; send less at once",
        kk="сұрау рұқсат етілген %(limit)s байттан ұзын; бір жолы азырақ жіберіңіз",
        ru="запрос длиннее разрешённых %(limit)s байт; отправьте за раз меньше",
    ),
    Code.NUL_CHARACTER: Text(
        en="%(field)s holds a NUL character (\\0), which no name, number or text may contain; remove it",
        kk=(
            "%(field)s ішінде NUL таңбасы (\\0) бар, ол ешбір атауда, нөмірде не мәтінде болмауы керек; "
            "оны алып тастаңыз"
        ),
        ru=(
            "в поле %(field)s есть символ NUL (\\0), которого не может быть ни в имени, ни в номере, "
            "ни в тексте; уберите его"
        ),
    ),
    Code.CONTROL_CHARACTER: Text(
        en=(
            "%(field)s holds a control character (%(character)s), which no name, number or text may "
            "contain; remove it"
        ),
        kk=(
            "%(field)s ішінде басқару таңбасы (%(character)s) бар, ол ешбір атауда, нөмірде не мәтінде "
            "болмауы керек; оны алып тастаңыз"
        ),
        ru=(
            "в поле %(field)s есть управляющий символ (%(character)s), которого не может быть ни в имени, "
            "ни в номере, ни в тексте; уберите его"
        ),
    ),
    Code.SIGN_IN: Text(
        en="sign in to continue", kk="жалғастыру үшін жүйеге кіріңіз", ru="войдите, чтобы продолжить"
    ),
    Code.ROLE_FORBIDDEN: Text(
        en="the %(role)s role may not use this page",
        kk="%(role)s рөлі бұл бетті пайдалана алмайды",
        ru="роли «%(role)s» эта страница недоступна",
    ),
    Code.ARCHIVIST_FORBIDDEN: Text(
        en="the archivist role may not use this page",
        kk=f"Мұрағатшы рөлі {_FORBIDDEN[0]}",
        ru=f"Роли архивиста {_FORBIDDEN[1]}",
    ),
    Code.REVIEWER_FORBIDDEN: Text(
        en="the reviewer role may not use this page",
        kk=f"Тексеруші рөлі {_FORBIDDEN[0]}",
        ru=f"Роли проверяющего {_FORBIDDEN[1]}",
    ),
    Code.VERIFIER_FORBIDDEN: Text(
        en="the verifier role may not use this page",
        kk=f"Растаушы рөлі {_FORBIDDEN[0]}",
        ru=f"Роли верификатора {_FORBIDDEN[1]}",
    ),
    Code.ADMIN_FORBIDDEN: Text(
        en="the admin role may not use this page",
        kk=f"Әкімші рөлі {_FORBIDDEN[0]}",
        ru=f"Роли администратора {_FORBIDDEN[1]}",
    ),
    Code.AUDITOR_FORBIDDEN: Text(
        en="the auditor role may not use this page",
        kk=f"Аудитор рөлі {_FORBIDDEN[0]}",
        ru=f"Роли аудитора {_FORBIDDEN[1]}",
    ),
    Code.ALL_INSTITUTIONS_ONLY: Text(
        en="this page covers every institution's archive; your account is limited to one",
        kk="бұл бет барлық оқу орындарының мұрағатын қамтиды; тіркелгіңіз тек біреуімен шектелген",
        ru="эта страница охватывает архивы всех учебных заведений; ваша учётная запись ограничена одним",
    ),
    Code.FORM_EXPIRED: Text(
        en="the form has expired or did not come from this site; reload the page and try again",
        kk="форманың мерзімі өтті немесе ол осы сайттан жіберілмеген; бетті қайта жүктеп, қайталап көріңіз",
        ru=(
            "срок действия формы истёк или она отправлена не с этого сайта; обновите страницу и попробуйте "
            "снова"
        ),
    ),
    Code.TOKEN_INVALID: Text(
        en="the API token is not valid (unknown, expired or revoked)",
        kk="API токені жарамсыз (белгісіз, мерзімі өткен немесе кері қайтарылған)",
        ru="API-токен недействителен (неизвестен, истёк или отозван)",
    ),
    Code.PASSWORD_CHANGE_REQUIRED: Text(
        en="change the one-time password first, on the page /account",
        kk="алдымен /account бетінде бір реттік құпиясөзді өзгертіңіз",
        ru="сначала смените одноразовый пароль на странице /account",
    ),
    Code.LIST_CURSOR_INVALID: Text(
        en="the list position 'after' is not one this list gave; start again from the first page",
        kk="тізімдегі 'after' орны бұл тізім берген орын емес; бірінші беттен қайта бастаңыз",
        ru="позиция списка 'after' выдана не этим списком; начните снова с первой страницы",
    ),
    Code.DOCUMENT_NOT_FOUND: Text(
        en="document %(id)s does not exist", kk="%(id)s құжаты жоқ", ru="документа %(id)s не существует"
    ),
    Code.PAGE_NOT_FOUND: Text(
        en="document %(id)s has no page %(page)s (yet)",
        kk="%(id)s құжатында %(page)s-бет (әзірге) жоқ",
        ru="в документе %(id)s нет страницы %(page)s (пока)",
    ),
    Code.REVISION_NOT_FOUND: Text(
        en="revision %(id)s does not exist", kk="%(id)s нұсқасы жоқ", ru="ревизии %(id)s не существует"
    ),
    Code.MATCH_GONE: Text(
        en="match %(id)s no longer exists",
        kk="%(id)s сәйкестігі енді жоқ",
        ru="сопоставления %(id)s больше не существует",
    ),
    Code.NOT_A_YEAR: Text(
        en="%(field)s must be a year, not «%(value)s»",
        kk="%(field)s жыл болуы керек, «%(value)s» емес",
        ru="%(field)s должно быть годом, а не «%(value)s»",
    ),
    Code.YEAR_OUT_OF_RANGE: Text(
        en="%(field)s must be a year between 1900 and 2100, not %(year)s",
        kk="%(field)s 1900 бен 2100 аралығындағы жыл болуы керек, %(year)s емес",
        ru="%(field)s должно быть годом от 1900 до 2100, а не %(year)s",
    ),
    Code.GRADUATION_NOT_A_YEAR: Text(
        en="graduation_year must be a year, not «%(value)s»",
        kk="бітірген жылы жыл болуы керек, «%(value)s» емес",
        ru="год окончания должен быть годом, а не «%(value)s»",
    ),
    Code.ENROLLMENT_NOT_A_YEAR: Text(
        en="enrollment_year must be a year, not «%(value)s»",
        kk="түскен жылы жыл болуы керек, «%(value)s» емес",
        ru="год поступления должен быть годом, а не «%(value)s»",
    ),
    Code.GRADUATION_OUT_OF_RANGE: Text(
        en="graduation_year must be a year between 1900 and 2100, not %(year)s",
        kk="бітірген жылы 1900 бен 2100 аралығындағы жыл болуы керек, %(year)s емес",
        ru="год окончания должен быть от 1900 до 2100, а не %(year)s",
    ),
    Code.ENROLLMENT_OUT_OF_RANGE: Text(
        en="enrollment_year must be a year between 1900 and 2100, not %(year)s",
        kk="түскен жылы 1900 бен 2100 аралығындағы жыл болуы керек, %(year)s емес",
        ru="год поступления должен быть от 1900 до 2100, а не %(year)s",
    ),
    Code.HONORS_NOT_BOOL: Text(
        en="honors must be true or false, not «%(value)s»",
        kk="«Үздік» өрісі «иә» не «жоқ» болуы керек, «%(value)s» емес",
        ru="поле «С отличием» должно быть «да» или «нет», а не «%(value)s»",
    ),
    Code.DEGREE_UNKNOWN: Text(
        en="degree must be one of %(degrees)s, not «%(value)s»",
        kk="дәреже мыналардың бірі болуы керек: %(degrees)s, «%(value)s» емес",
        ru="степень должна быть одной из: %(degrees)s, а не «%(value)s»",
    ),
    Code.REASON_MISSING: Text(
        en="say why the fields change (reason)",
        kk="өрістердің неге өзгеретінін жазыңыз (себебі)",
        ru="укажите, почему меняются поля (причина)",
    ),
    Code.REASON_TOO_LONG: Text(
        en="the reason is longer than 900 characters",
        kk="себеп 900 таңбадан ұзын",
        ru="причина длиннее 900 символов",
    ),
    Code.FIELDS_UNKNOWN: Text(
        en="unknown fields: %(unknown)s; known: %(known)s",
        kk="белгісіз өрістер: %(unknown)s; белгілі өрістер: %(known)s",
        ru="неизвестные поля: %(unknown)s; известные: %(known)s",
    ),
    Code.CHANGED_MEANWHILE: Text(
        en="changed by someone else meanwhile: %(fields)s; reload the page",
        kk="осы аралықта басқа біреу өзгертті: %(fields)s; бетті қайта жүктеңіз",
        ru="тем временем изменено другим пользователем: %(fields)s; обновите страницу",
    ),
    Code.IIN_INVALID: Text(
        en="IIN «%(value)s» cannot be right: %(problems)s; check it on the scan",
        kk="«%(value)s» ЖСН дұрыс болуы мүмкін емес: %(problems)s; сканнан тексеріңіз",
        ru="ИИН «%(value)s» не может быть верным: %(problems)s; сверьте со сканом",
    ),
    Code.DATE_INVALID: Text(
        en="«%(value)s» is not a date: write it as 04.07.2010 or 2010-07-04",
        kk="«%(value)s» күн емес: 04.07.2010 немесе 2010-07-04 түрінде жазыңыз",
        ru="«%(value)s» не дата: напишите её как 04.07.2010 или 2010-07-04",
    ),
    Code.DATE_OUT_OF_RANGE: Text(
        en="date «%(value)s» is before 1900 or in the future",
        kk="«%(value)s» күні 1900 жылдан бұрын немесе болашақта",
        ru="дата «%(value)s» раньше 1900 года или в будущем",
    ),
    Code.SERIES_SHAPE: Text(
        en=(
            "«%(value)s» is not a diploma series: letters, perhaps a hyphen and one or two more "
            "(ЖБ-Б, ЖООК-М, BD)"
        ),
        kk=(
            "«%(value)s» диплом сериясы емес: әріптер, мүмкін дефис және тағы бір-екі таңба "
            "(ЖБ-Б, ЖООК-М, BD)"
        ),
        ru="«%(value)s» не серия диплома: буквы, возможно дефис и ещё один-два знака (ЖБ-Б, ЖООК-М, BD)",
    ),
    Code.NUMBER_SHAPE: Text(
        en="«%(value)s» is not a diploma number: 6 to 11 digits",
        kk="«%(value)s» диплом нөмірі емес: 6-дан 11-ге дейін цифр",
        ru="«%(value)s» не номер диплома: от 6 до 11 цифр",
    ),
    Code.NAME_SHAPE: Text(
        en="«%(value)s» is not a name: letters, hyphens and spaces only",
        kk="«%(value)s» есім емес: тек әріптер, дефис және бос орын",
        ru="«%(value)s» не имя: только буквы, дефисы и пробелы",
    ),
    Code.PROGRAMME_SHAPE: Text(
        en="«%(value)s» is not a programme code (6B07201, 5В070200, 0608, 38.03.01)",
        kk="«%(value)s» білім беру бағдарламасының коды емес (6B07201, 5В070200, 0608, 38.03.01)",
        ru="«%(value)s» не код образовательной программы (6B07201, 5В070200, 0608, 38.03.01)",
    ),
    Code.REGISTRATION_SHAPE: Text(
        en="«%(value)s» is not a registration number: up to 30 letters, digits, / or -",
        kk="«%(value)s» тіркеу нөмірі емес: 30 таңбаға дейін әріп, цифр, / немесе -",
        ru="«%(value)s» не регистрационный номер: до 30 букв, цифр, / или -",
    ),
    Code.YEARS_ORDER: Text(
        en="enrolled in %(enrolled)s but graduated in %(graduated)s: one of the years is wrong",
        kk="%(enrolled)s жылы түсіп, %(graduated)s жылы бітірген: жылдардың бірі қате",
        ru="поступил(а) в %(enrolled)s, а окончил(а) в %(graduated)s: один из годов неверен",
    ),
    Code.LINE_NOT_FOUND: Text(
        en=(
            "document %(id)s has no line %(block)s.%(line)s on page %(page)s (it was read again: reload "
            "the page)"
        ),
        kk=(
            "%(id)s құжатының %(page)s-бетінде %(block)s.%(line)s жолы жоқ (ол қайта оқылды: бетті "
            "жаңартыңыз)"
        ),
        ru=(
            "в документе %(id)s нет строки %(block)s.%(line)s на странице %(page)s (он прочитан заново: "
            "обновите страницу)"
        ),
    ),
    Code.LINE_EMPTY: Text(
        en="a line cannot be emptied: write what it says, or Esc to leave it as it is",
        kk="жолды бос қалдыруға болмайды: онда не жазылғанын жазыңыз немесе өзгертпеу үшін Esc басыңыз",
        ru="строку нельзя оставить пустой: напишите, что в ней, или нажмите Esc, чтобы оставить как есть",
    ),
    Code.LINE_CHANGED: Text(
        en="this line of page %(page)s was read again meanwhile and now reads «%(now)s»; reload the page",
        kk="%(page)s-беттің бұл жолы осы аралықта қайта оқылды, енді «%(now)s»; бетті жаңартыңыз",
        ru="эта строка страницы %(page)s тем временем прочитана заново и теперь «%(now)s»; обновите страницу",
    ),
    Code.FIELD_NOW: Text(
        en="%(field)s is now «%(value)s» (%(actor)s, %(at)s)",
        kk="%(field)s енді «%(value)s» (%(actor)s, %(at)s)",
        ru="%(field)s теперь «%(value)s» (%(actor)s, %(at)s)",
    ),
    Code.RESOLVE_NOT_ARCHIVE: Text(
        en=(
            "this is a %(kind)s, not an archive document: confirm its graduate, or mark it not in the "
            "registry"
        ),
        kk="бұл мұрағат құжаты емес, %(kind)s: оның түлегін растаңыз немесе тізілімде жоқ деп белгілеңіз",
        ru="это %(kind)s, а не архивный документ: подтвердите выпускника или отметьте, что его нет в реестре",
    ),
    Code.RESOLVE_NOT_DIPLOMA: Text(
        en="only a diploma or supplement names one graduate; this document is %(kind)s",
        kk="тек диплом немесе қосымша бір түлекті атайды; бұл құжат: %(kind)s",
        ru="одного выпускника называют только диплом или приложение; этот документ: %(kind)s",
    ),
    Code.REGISTER_FIELDS_MISSING: Text(
        en="a registry record needs %(fields)s: fill them in from the scan first",
        kk="тізілім жазбасына %(fields)s қажет: алдымен оларды сканнан толтырыңыз",
        ru="для записи реестра нужны %(fields)s: сначала заполните их по скану",
    ),
    Code.REGISTER_TOO_LONG: Text(
        en="too long for the registry: %(fields)s; shorten them first",
        kk="тізілім үшін тым ұзын: %(fields)s; алдымен оларды қысқартыңыз",
        ru="слишком длинно для реестра: %(fields)s; сначала сократите",
    ),
    Code.REGISTER_DUPLICATE: Text(
        en="the registry already has this graduate as %(graduate)s (same IIN or diploma): confirm that one",
        kk="тізілімде бұл түлек %(graduate)s ретінде бар (ЖСН немесе диплом бірдей): соны растаңыз",
        ru="в реестре этот выпускник уже есть как %(graduate)s (тот же ИИН или диплом): подтвердите его",
    ),
    Code.REGISTER_ID_TAKEN: Text(
        en="the registry already has a graduate %(graduate)s: give another registry ID",
        kk="тізілімде %(graduate)s түлегі бар: басқа тізілім ID-ін беріңіз",
        ru="в реестре уже есть выпускник %(graduate)s: укажите другой ID реестра",
    ),
    Code.NO_LEDGER_ROW: Text(
        en="document %(id)s has no ledger row %(row)s (it has %(count)s)",
        kk="%(id)s құжатында %(row)s-жол жоқ (жолдар саны: %(count)s)",
        ru="в документе %(id)s нет строки книги %(row)s (строк: %(count)s)",
    ),
    Code.RESOLVE_HAS_MATCH: Text(
        en="a graduate is matched to this document: reject that match first",
        kk="бұл құжатқа түлек сәйкестендірілген: алдымен сол сәйкестікті қабылдамаңыз",
        ru="с документом сопоставлен выпускник: сначала отклоните это сопоставление",
    ),
    Code.RESOLVE_NOT_FINISHED: Text(
        en="the document is %(status)s: wait until it is read",
        kk="құжат күйі: %(status)s; оқылып болғанша күтіңіз",
        ru="документ в состоянии %(status)s: дождитесь, пока он будет прочитан",
    ),
    Code.ANOTHER_CONFIRMED: Text(
        en=(
            "%(other)s is already confirmed for this %(place)s (by %(actor)s); reject that match first, "
            "or confirm this graduate in its place"
        ),
        kk=(
            "бұл %(place)s үшін %(other)s расталған (%(actor)s); алдымен сол сәйкестікті қабылдамаңыз "
            "немесе оның орнына осы түлекті растаңыз"
        ),
        ru=(
            "для этого %(place)s уже подтверждён(а) %(other)s (%(actor)s); сначала отклоните это "
            "сопоставление или подтвердите этого выпускника вместо него"
        ),
    ),
    Code.ANOTHER_CONFIRMED_RACE: Text(
        en="another graduate was confirmed for this document a moment ago; reload the page to see who",
        kk="бұл құжат үшін жаңа ғана басқа түлек расталды; кім екенін көру үшін бетті қайта жүктеңіз",
        ru=(
            "только что для этого документа подтверждён другой выпускник; обновите страницу, "
            "чтобы увидеть кто"
        ),
    ),
    Code.PLACE_DOCUMENT: Text(en="document", kk="құжат", ru="документа"),
    Code.PLACE_ROW: Text(en="ledger row %(row)s", kk="кітаптың %(row)s-жолы", ru="строки %(row)s книги"),
    Code.NOT_RESTORABLE: Text(
        en=(
            "revision %(id)s changed %(entity)s %(field)s; only document fields and match decisions can be "
            "restored (a status follows from them)"
        ),
        kk=(
            "%(id)s нұсқасы %(entity)s %(field)s мәнін өзгертті; тек құжат өрістерін және сәйкестік "
            "шешімдерін қалпына келтіруге болады (күй солардан шығады)"
        ),
        ru=(
            "ревизия %(id)s изменила %(entity)s %(field)s; восстановить можно только поля документа и "
            "решения о сопоставлении (статус следует из них)"
        ),
    ),
    Code.ALREADY_RESTORED: Text(
        en="%(field)s already has the value it had before revision %(id)s",
        kk="%(field)s өрісінде %(id)s нұсқасына дейінгі мән қазірдің өзінде тұр",
        ru="Поле %(field)s уже имеет значение, которое было до ревизии %(id)s",
    ),
    Code.NOT_A_CANDIDATE: Text(
        en="graduate %(graduate)s is no candidate of document %(document)s",
        kk="%(graduate)s түлегі %(document)s құжатының үміткері емес",
        ru="выпускник %(graduate)s не является кандидатом документа %(document)s",
    ),
    Code.NEEDS_AUTHOR: Text(
        en="a decision needs its author: sign in, or name the actor",
        kk="шешімнің авторы болуы керек: жүйеге кіріңіз немесе орындаушыны атаңыз",
        ru="у решения должен быть автор: войдите в систему или укажите исполнителя",
    ),
    Code.LOOKUP_INCOMPLETE: Text(
        en="give the holder's IIN or surname with the diploma's series and number",
        kk="диплом сериясы мен нөмірімен бірге иесінің ЖСН-ін немесе тегін көрсетіңіз",
        ru="укажите ИИН или фамилию владельца вместе с серией и номером диплома",
    ),
    Code.NO_CONFIRMED_DIPLOMA: Text(
        en="no confirmed diploma has match %(id)s",
        kk="%(id)s сәйкестігі бар расталған диплом жоқ",
        ru="нет подтверждённого диплома с сопоставлением %(id)s",
    ),
    Code.SCAN_PAGE_NOT_FOUND: Text(
        en="the scan has no page %(page)s", kk="сканда %(page)s-бет жоқ", ru="в скане нет страницы %(page)s"
    ),
    Code.NO_PUBLIC_BASE_URL: Text(
        en="no verification link is issued for the address %(host)s: the administrator must set "
        "MURAGAT_PUBLIC_BASE_URL to the archive's public address",
        kk="%(host)s мекенжайы үшін тексеру сілтемесі берілмейді: әкімші MURAGAT_PUBLIC_BASE_URL "
        "параметріне мұрағаттың жария мекенжайын орнатуы керек",
        ru="для адреса %(host)s ссылка проверки не выдаётся: администратор должен указать в "
        "MURAGAT_PUBLIC_BASE_URL публичный адрес архива",
    ),
    Code.REPORT_UNKNOWN: Text(
        en="there is no report %(name)s; reports: %(reports)s",
        kk="%(name)s есебі жоқ; есептер: %(reports)s",
        ru="отчёта %(name)s нет; отчёты: %(reports)s",
    ),
    Code.GRADUATE_NOT_IN_REGISTRY: Text(
        en="graduate %(graduate)s is not in the registry",
        kk="%(graduate)s түлегі тізілімде жоқ",
        ru="выпускника %(graduate)s нет в реестре",
    ),
}
