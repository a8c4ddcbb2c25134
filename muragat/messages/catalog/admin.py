"""Messages of administration: accounts and API tokens, backup and restore, the audit chain, settings and
the command line's own errors (see muragat.messages.catalog). Each entry is Text(en, kk, ru)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    USER_EXISTS = "accounts.user_exists"
    USER_MISSING = "accounts.user_missing"
    USER_DISABLED = "accounts.user_disabled"
    USERNAME_INVALID = "accounts.username_invalid"
    OWN_ACCOUNT = "accounts.own_account"
    LAST_ADMIN = "accounts.last_admin"
    TOKEN_NAME_MISSING = "accounts.token_name_missing"
    TOKEN_MISSING = "accounts.token_missing"
    TOKEN_ALREADY_REVOKED = "accounts.token_already_revoked"
    TOKEN_CREATED = "accounts.token_created"
    TOKEN_REVOKED = "accounts.token_revoked"
    TOKEN_DAYS_WRONG = "accounts.token_days_wrong"
    PASSWORD_TOO_SHORT = "accounts.password_too_short"
    PASSWORD_IS_USERNAME = "accounts.password_is_username"
    PASSWORDS_DIFFER = "accounts.passwords_differ"
    PASSWORD_WRONG = "accounts.password_wrong"
    PASSWORD_CHANGED = "accounts.password_changed"
    PASSWORD_RESET = "accounts.password_reset"
    ACCOUNT_DISABLED = "accounts.disabled"
    NOT_A_TOKEN_ID = "cli.not_a_token_id"
    NOT_A_DOCUMENT_ID = "cli.not_a_document_id"
    NOTHING_TO_RETRY = "cli.nothing_to_retry"
    TESSTRAIN_NEEDS_FOLDER = "cli.tesstrain_needs_folder"
    CANNOT_BE_WRITTEN = "cli.cannot_be_written"
    CANNOT_BE_READ = "cli.cannot_be_read"
    NO_SUCH_PATH = "cli.no_such_path"
    FILES_REJECTED = "cli.files_rejected"
    NO_SAMPLES = "cli.no_samples"
    NO_TEMPLATE_PROFILE = "cli.no_template_profile"
    SETTINGS_PROBLEMS = "settings.problems"
    SETTING_WRONG = "settings.wrong"
    SECRET_SETTING_WRONG = "settings.secret_wrong"
    DATABASE_URL_UNKNOWN = "settings.database_url_unknown"
    AUDIT_INTACT = "audit.intact"
    AUDIT_INTACT_UP_TO = "audit.intact_up_to"
    AUDIT_INTACT_ANCHORED = "audit.intact_anchored"
    AUDIT_NOT_ANCHORED = "audit.not_anchored"
    AUDIT_ANCHOR_FORGED = "audit.anchor_forged"
    AUDIT_TAIL_CUT = "audit.tail_cut"
    AUDIT_ANCHOR_DIFFERS = "audit.anchor_differs"
    AUDIT_ANCHOR_LINE = "audit.anchor_line"
    AUDIT_ANCHORED_AT = "audit.anchored_at"
    AUDIT_NO_KEY = "audit.no_key"
    AUDIT_BROKEN = "audit.broken"
    AUDIT_BROKEN_AFTER_ONE = "audit.broken_after_one"
    AUDIT_BROKEN_AFTER_MANY = "audit.broken_after_many"
    AUDIT_MISSING = "audit.missing"
    AUDIT_ENTRY = "audit.entry"
    AUDIT_LOG_START = "audit.log_start"
    AUDIT_EDITED = "audit.edited"
    AUDIT_EDITED_FIRST = "audit.edited_first"
    AUDIT_REHASHED = "audit.rehashed"
    AUDIT_FROM_NOT_A_DATE = "audit.from_not_a_date"
    AUDIT_TO_NOT_A_DATE = "audit.to_not_a_date"
    AUDIT_NOT_A_MOMENT = "audit.not_a_moment"
    BACKUP_INTO_FAILED = "backup.into_failed"
    BACKUP_UNKNOWN_DATABASE = "backup.unknown_database"
    BACKUP_TOOL_MISSING = "backup.tool_missing"
    BACKUP_TOOL_VERSION_UNKNOWN = "backup.tool_version_unknown"
    BACKUP_CLIENT_TOO_OLD = "backup.client_too_old"
    BACKUP_TOOL_FAILED = "backup.tool_failed"
    BACKUP_EXIT_CODE = "backup.exit_code"
    BACKUP_SQLITE_IN_MEMORY = "backup.sqlite_in_memory"
    BACKUP_DESTINATION_EXISTS = "backup.destination_exists"
    BACKUP_NO_SUCH_FOLDER = "backup.no_such_folder"
    BACKUP_NO_DATABASE = "backup.no_database"
    RESTORE_FROM_FAILED = "restore.from_failed"
    RESTORE_NOT_A_BACKUP = "restore.not_a_backup"
    RESTORE_FORMAT = "restore.format"
    RESTORE_CHANGED = "restore.changed"
    RESTORE_BAD_MANIFEST_LINE = "restore.bad_manifest_line"
    RESTORE_OBJECT_MISSING = "restore.object_missing"
    RESTORE_OBJECT_DIFFERS = "restore.object_differs"
    RESTORE_OBJECT_UNLISTED = "restore.object_unlisted"
    RESTORE_NO_SUCH_FOLDER = "restore.no_such_folder"
    RESTORE_OTHER_DATABASE = "restore.other_database"
    RESTORE_NOT_IN_STORE = "restore.not_in_store"
    RESTORE_STORE_DIFFERS = "restore.store_differs"


TEXTS: dict[Code, Text] = {
    # --- accounts and API tokens (muragat/accounts.py) -----------------------------------------------
    Code.USER_EXISTS: Text(
        "user %(user)s already exists",
        "%(user)s пайдаланушысы бұрыннан бар",
        "пользователь %(user)s уже существует",
    ),
    Code.USER_MISSING: Text(
        "user %(user)s does not exist", "%(user)s пайдаланушысы жоқ", "пользователя %(user)s не существует"
    ),
    Code.USER_DISABLED: Text(
        "user %(user)s is disabled", "%(user)s пайдаланушысы өшірілген", "пользователь %(user)s отключён"
    ),
    Code.USERNAME_INVALID: Text(
        "a user name is 1 to %(limit)s letters, digits and . _ - @; %(user)s is not",
        "пайдаланушы аты 1-ден %(limit)s-ке дейін әріп, цифр және . _ - @ таңбаларынан тұрады; "
        "%(user)s олай емес",
        "имя пользователя: от 1 до %(limit)s букв, цифр и знаков . _ - @; %(user)s не такое",
    ),
    Code.OWN_ACCOUNT: Text(
        "an admin does not lock or disable their own account; ask another admin",
        "әкімші өз тіркелгісін бұғаттамайды және өшірмейді; басқа әкімшіден сұраңыз",
        "администратор не блокирует и не отключает свою учётную запись; попросите другого администратора",
    ),
    Code.LAST_ADMIN: Text(
        "%(user)s is the last active admin of all institutions: make another before locking or disabling it",
        "%(user)s барлық оқу орындарының соңғы белсенді әкімшісі: бұғаттау не өшіру алдында басқасын ашыңыз",
        "%(user)s последний активный администратор всех учебных заведений: создайте другого, прежде чем "
        "блокировать или отключать его",
    ),
    Code.TOKEN_NAME_MISSING: Text(
        "name the token after the integration that will use it",
        "токенге оны пайдаланатын интеграцияның атын беріңіз",
        "назовите токен по интеграции, которая будет его использовать",
    ),
    Code.TOKEN_MISSING: Text(
        "API token %(id)s does not exist", "%(id)s API токені жоқ", "API-токена %(id)s не существует"
    ),
    Code.TOKEN_ALREADY_REVOKED: Text(
        "API token %(id)s was revoked at %(when)s",
        "%(id)s API токені %(when)s кезінде кері қайтарылған",
        "API-токен %(id)s отозван %(when)s",
    ),
    Code.TOKEN_CREATED: Text(
        "API token %(name)s created for %(user)s",
        "%(user)s үшін %(name)s API токені жасалды",
        "API-токен %(name)s создан для %(user)s",
    ),
    Code.TOKEN_REVOKED: Text(
        "API token %(name)s revoked", "%(name)s API токені кері қайтарылды", "API-токен %(name)s отозван"
    ),
    Code.TOKEN_DAYS_WRONG: Text(
        "a token's lifetime is a whole number of days from 1 to %(most)s, not %(value)s",
        "токеннің жарамдылық мерзімі 1-ден %(most)s-ге дейінгі бүтін күн саны болуы керек, %(value)s емес",
        "срок действия токена: целое число дней от 1 до %(most)s, а не %(value)s",
    ),
    Code.PASSWORD_TOO_SHORT: Text(
        "the new password needs at least %(least)s characters",
        "жаңа құпиясөз кемінде %(least)s таңбадан тұруы керек",
        "новый пароль должен содержать не менее %(least)s символов",
    ),
    Code.PASSWORD_IS_USERNAME: Text(
        "the new password may not be the user name",
        "жаңа құпиясөз пайдаланушы атымен бірдей болмауы керек",
        "новый пароль не должен совпадать с именем пользователя",
    ),
    Code.PASSWORDS_DIFFER: Text(
        "the two new passwords differ: type the same one twice",
        "екі жаңа құпиясөз сәйкес келмейді: бір құпиясөзді екі рет теріңіз",
        "два новых пароля не совпадают: введите один и тот же пароль дважды",
    ),
    Code.PASSWORD_WRONG: Text(
        "the current password is wrong",
        "ағымдағы құпиясөз қате",
        "текущий пароль неверен",
    ),
    Code.PASSWORD_CHANGED: Text(
        "password changed by its user",
        "құпиясөзді пайдаланушының өзі өзгертті",
        "пароль изменён самим пользователем",
    ),
    Code.PASSWORD_RESET: Text(
        "password reset by an admin: a one-time password was issued",
        "құпиясөзді әкімші қалпына келтірді: бір реттік құпиясөз берілді",
        "пароль сброшен администратором: выдан одноразовый пароль",
    ),
    Code.ACCOUNT_DISABLED: Text(
        "account disabled by an admin",
        "тіркелгіні әкімші өшірді",
        "учётная запись отключена администратором",
    ),
    # --- the command line's own errors (muragat/cli/) ------------------------------------------------
    Code.NOT_A_TOKEN_ID: Text(
        "%(value)s is not a token id (see `muragat tokens list`)",
        "%(value)s токен идентификаторы емес (`muragat tokens list` қараңыз)",
        "%(value)s не является идентификатором токена (см. `muragat tokens list`)",
    ),
    Code.NOT_A_DOCUMENT_ID: Text(
        "%(value)s is not a document id",
        "%(value)s құжат идентификаторы емес",
        "%(value)s не является идентификатором документа",
    ),
    Code.TESSTRAIN_NEEDS_FOLDER: Text(
        "--format tesstrain writes a folder of files: name it with -o DIR",
        "--format tesstrain файлдар қалтасын жазады: оны -o DIR арқылы көрсетіңіз",
        "--format tesstrain пишет папку файлов: укажите её через -o DIR",
    ),
    Code.NOTHING_TO_RETRY: Text(
        "name the documents to retry, or use --all-failed",
        "қайта өңделетін құжаттарды атаңыз немесе --all-failed қолданыңыз",
        "укажите документы для повторной обработки или используйте --all-failed",
    ),
    Code.NO_SUCH_PATH: Text(
        "%(path)s: no such file or folder",
        "%(path)s: мұндай файл немесе қалта жоқ",
        "%(path)s: нет такого файла или папки",
    ),
    Code.FILES_REJECTED: Text(
        "%(rejected)s of %(total)s files rejected (%(names)s); the reasons are above",
        "%(total)s файлдың %(rejected)s файлы қабылданбады (%(names)s); себептері жоғарыда",
        "отклонено файлов: %(rejected)s из %(total)s (%(names)s); причины указаны выше",
    ),
    Code.CANNOT_BE_WRITTEN: Text(
        "%(file)s: cannot be written (%(error)s)",
        "%(file)s: жазылмайды (%(error)s)",
        "%(file)s: не записывается (%(error)s)",
    ),
    Code.CANNOT_BE_READ: Text(
        "%(file)s: cannot be read (%(error)s)",
        "%(file)s: оқылмайды (%(error)s)",
        "%(file)s: не читается (%(error)s)",
    ),
    Code.NO_SAMPLES: Text(
        "%(folder)s: no registry.csv and scans/ folder here",
        "%(folder)s: мұнда registry.csv және scans/ қалтасы жоқ",
        "%(folder)s: здесь нет registry.csv и папки scans/",
    ),
    Code.NO_TEMPLATE_PROFILE: Text(
        "no template profile named «%(name)s»; known: %(names)s (or give a .yaml file)",
        "«%(name)s» деген үлгі профилі жоқ; белгілілері: %(names)s (немесе .yaml файлын беріңіз)",
        "нет профиля шаблона «%(name)s»; известные: %(names)s (или укажите файл .yaml)",
    ),
    # --- settings (muragat/cli/context.py); a problem's own wording is pydantic's, in English ----------
    Code.SETTINGS_PROBLEMS: Text("%(problems)s", "%(problems)s", "%(problems)s"),
    Code.SETTING_WRONG: Text(
        "%(variable)s: %(problem)s (it is %(value)s)",
        "%(variable)s: %(problem)s (мәні %(value)s)",
        "%(variable)s: %(problem)s (значение %(value)s)",
    ),
    Code.SECRET_SETTING_WRONG: Text(
        "%(variable)s: %(problem)s", "%(variable)s: %(problem)s", "%(variable)s: %(problem)s"
    ),
    Code.DATABASE_URL_UNKNOWN: Text(
        "%(variable)s: not a database URL SQLAlchemy knows (%(error)s); e.g. postgresql+psycopg2://user:pw@host/db",
        "%(variable)s: SQLAlchemy білетін дерекқор URL-і емес (%(error)s); мысалы, "
        "postgresql+psycopg2://user:pw@host/db",
        "%(variable)s: это не URL базы данных, известный SQLAlchemy (%(error)s); например, "
        "postgresql+psycopg2://user:pw@host/db",
    ),
    # --- the audit chain (storage/audit.py, review_ui/audit.py, muragat/cli/audit.py) ------------------
    Code.AUDIT_INTACT: Text(
        "audit chain intact: %(count)s entries",
        "аудит тізбегі бүтін: %(count)s жазба",
        "цепочка аудита не нарушена: записей %(count)s",
    ),
    Code.AUDIT_INTACT_UP_TO: Text(
        "audit chain intact: %(count)s entries; last entry %(seq)s has hash %(hash)s",
        "аудит тізбегі бүтін: %(count)s жазба; соңғы %(seq)s жазбаның хеші %(hash)s",
        "цепочка аудита не нарушена: записей %(count)s; хеш последней записи %(seq)s: %(hash)s",
    ),
    Code.AUDIT_INTACT_ANCHORED: Text(
        "audit chain intact: %(count)s entries, the signed anchor's entry %(anchor)s among them; last entry "
        "%(seq)s has hash %(hash)s",
        "аудит тізбегі бүтін: %(count)s жазба, қол қойылған зәкірдің %(anchor)s жазбасы солардың ішінде; "
        "соңғы %(seq)s жазбаның хеші %(hash)s",
        "цепочка аудита не нарушена: записей %(count)s, среди них запись %(anchor)s подписанного якоря; "
        "хеш последней записи %(seq)s: %(hash)s",
    ),
    Code.AUDIT_NOT_ANCHORED: Text(
        "no signed anchor: the log's end cannot be checked (its anchor row was removed, or the log was "
        "written without MURAGAT_AUDIT_KEY); `muragat audit anchor` signs the present end",
        "қол қойылған зәкір жоқ: журналдың соңын тексеру мүмкін емес (зәкір жолы жойылған немесе журнал "
        "MURAGAT_AUDIT_KEY-сіз жазылған); `muragat audit anchor` қазіргі соңына қол қояды",
        "нет подписанного якоря: конец журнала проверить нельзя (строка якоря удалена или журнал писался "
        "без MURAGAT_AUDIT_KEY); `muragat audit anchor` подписывает нынешний конец",
    ),
    Code.AUDIT_ANCHOR_FORGED: Text(
        "the anchor (entry %(seq)s) is not signed with this key: it was forged, or MURAGAT_AUDIT_KEY is not "
        "the key the log was written with",
        "зәкір (%(seq)s жазба) осы кілтпен қол қойылмаған: ол жасанды немесе MURAGAT_AUDIT_KEY журнал "
        "жазылған кілт емес",
        "якорь (запись %(seq)s) подписан не этим ключом: он подделан, или MURAGAT_AUDIT_KEY не тот ключ, "
        "которым писался журнал",
    ),
    Code.AUDIT_TAIL_CUT: Text(
        "%(missing)s entries cut off the end: the anchor says the log reached entry %(anchor)s, it ends at "
        "%(seq)s",
        "журналдың соңынан %(missing)s жазба кесілген: зәкір бойынша журнал %(anchor)s жазбаға жеткен, "
        "ал ол %(seq)s жазбада аяқталады",
        "с конца журнала срезано записей: %(missing)s; по якорю журнал доходил до записи %(anchor)s, а "
        "кончается на %(seq)s",
    ),
    Code.AUDIT_ANCHOR_DIFFERS: Text(
        "entry %(seq)s is not the one the anchor signed: the log was rewritten from there",
        "%(seq)s жазба зәкір қол қойған жазба емес: журнал сол жерден бастап қайта жазылған",
        "запись %(seq)s не та, что подписал якорь: журнал переписан начиная с неё",
    ),
    Code.AUDIT_ANCHOR_LINE: Text(
        "not an anchor line: %(value)s (expected NUMBER:HASH, as `muragat audit anchor` prints it)",
        "зәкір жолы емес: %(value)s (`muragat audit anchor` басып шығаратындай САН:ХЕШ күтілді)",
        "не строка якоря: %(value)s (ожидается НОМЕР:ХЕШ, как печатает `muragat audit anchor`)",
    ),
    Code.AUDIT_NO_KEY: Text(
        "no audit key here (MURAGAT_AUDIT_KEY, or MURAGAT_HOME/audit.key): the log's end is not checked "
        "against its signed anchor; give this process the key the log is signed with",
        "мұнда аудит кілті жоқ (MURAGAT_AUDIT_KEY немесе MURAGAT_HOME/audit.key): журналдың соңы қол "
        "қойылған зәкірмен тексерілмейді; бұл процеске журнал қол қойылған кілтті беріңіз",
        "здесь нет ключа аудита (MURAGAT_AUDIT_KEY или MURAGAT_HOME/audit.key): конец журнала не сверяется "
        "с подписанным якорем; дайте этому процессу ключ, которым подписан журнал",
    ),
    Code.AUDIT_ANCHORED_AT: Text(
        "anchor signed at entry %(seq)s; keep this line outside this machine (another server, a printout) "
        "and check it later with `muragat audit verify --anchor %(line)s`",
        "зәкір %(seq)s жазбада қол қойылды; бұл жолды осы машинадан тыс сақтаңыз (басқа сервер, басып "
        "шығарылған қағаз) және кейін `muragat audit verify --anchor %(line)s` арқылы тексеріңіз",
        "якорь подписан на записи %(seq)s; храните эту строку вне этой машины (другой сервер, распечатка) "
        "и проверяйте позже командой `muragat audit verify --anchor %(line)s`",
    ),
    Code.AUDIT_BROKEN: Text(
        "entry %(seq)s: %(problem)s", "%(seq)s жазба: %(problem)s", "запись %(seq)s: %(problem)s"
    ),
    Code.AUDIT_BROKEN_AFTER_ONE: Text(
        "%(broken)s; the entry before it is intact",
        "%(broken)s; одан бұрынғы жазба бүтін",
        "%(broken)s; запись перед ней не нарушена",
    ),
    Code.AUDIT_BROKEN_AFTER_MANY: Text(
        "%(broken)s; the %(count)s entries before it are intact",
        "%(broken)s; одан бұрынғы %(count)s жазба бүтін",
        "%(broken)s; записи перед ней (%(count)s) не нарушены",
    ),
    Code.AUDIT_MISSING: Text(
        "missing (entry %(seq)s follows %(before)s)",
        "жоқ (%(before)s, одан кейін бірден %(seq)s жазба келеді)",
        "отсутствует (запись %(seq)s идёт сразу после: %(before)s)",
    ),
    Code.AUDIT_ENTRY: Text("entry %(seq)s", "%(seq)s жазба", "запись %(seq)s"),
    Code.AUDIT_LOG_START: Text("the start of the log", "журналдың басы", "начало журнала"),
    Code.AUDIT_EDITED: Text(
        "edited (hash does not match its content)",
        "өзгертілген (хеші мазмұнына сәйкес емес)",
        "изменена (хеш не соответствует содержимому)",
    ),
    Code.AUDIT_EDITED_FIRST: Text(
        "edited (it does not start the chain)",
        "өзгертілген (ол тізбекті бастамайды)",
        "изменена (она не начинает цепочку)",
    ),
    Code.AUDIT_REHASHED: Text(
        "edited (its hash was recomputed; entry %(next)s does not chain to it)",
        "өзгертілген (хеші қайта есептелген; %(next)s жазба онымен тізбектелмейді)",
        "изменена (её хеш пересчитан; запись %(next)s не сцеплена с ней)",
    ),
    Code.AUDIT_FROM_NOT_A_DATE: Text(
        "from must be a date like 2026-11-27, not «%(value)s»",
        "«Бастап» өрісі 2026-11-27 сияқты күн болуы керек, «%(value)s» емес",
        "поле «С» должно быть датой вида 2026-11-27, а не «%(value)s»",
    ),
    Code.AUDIT_TO_NOT_A_DATE: Text(
        "to must be a date like 2026-11-27, not «%(value)s»",
        "«Дейін» өрісі 2026-11-27 сияқты күн болуы керек, «%(value)s» емес",
        "поле «По» должно быть датой вида 2026-11-27, а не «%(value)s»",
    ),
    Code.AUDIT_NOT_A_MOMENT: Text(
        "%(name)s must be an ISO 8601 date or time, not «%(value)s»",
        "%(name)s ISO 8601 форматындағы күн не уақыт болуы керек, «%(value)s» емес",
        "%(name)s должно быть датой или временем в формате ISO 8601, а не «%(value)s»",
    ),
    # --- backup (muragat/backup.py, muragat/cli/backup.py) -------------------------------------------
    Code.BACKUP_INTO_FAILED: Text(
        "backup into %(dest)s failed: %(error)s",
        "%(dest)s ішіне сақтық көшірме жасау сәтсіз аяқталды: %(error)s",
        "резервное копирование в %(dest)s не удалось: %(error)s",
    ),
    Code.BACKUP_UNKNOWN_DATABASE: Text(
        "backup knows PostgreSQL and SQLite, not %(backend)s",
        "сақтық көшірме PostgreSQL мен SQLite-ты біледі, %(backend)s емес",
        "резервное копирование поддерживает PostgreSQL и SQLite, но не %(backend)s",
    ),
    Code.BACKUP_TOOL_MISSING: Text(
        "%(tool)s is not installed: install the PostgreSQL client of the server's major version "
        "(Debian: apt-get install postgresql-client)",
        "%(tool)s орнатылмаған: сервердің негізгі нұсқасындағы PostgreSQL клиентін орнатыңыз "
        "(Debian: apt-get install postgresql-client)",
        "%(tool)s не установлен: установите клиент PostgreSQL основной версии сервера "
        "(Debian: apt-get install postgresql-client)",
    ),
    Code.BACKUP_TOOL_VERSION_UNKNOWN: Text(
        "cannot tell the version of %(tool)s from %(output)s",
        "%(tool)s нұсқасын %(output)s бойынша анықтау мүмкін емес",
        "не удаётся определить версию %(tool)s по выводу %(output)s",
    ),
    Code.BACKUP_CLIENT_TOO_OLD: Text(
        "%(tool)s is PostgreSQL %(client)s, the server is PostgreSQL %(server)s: install the client "
        "of version %(server)s (or newer) and put it first on PATH",
        "%(tool)s — PostgreSQL %(client)s, ал сервер — PostgreSQL %(server)s: %(server)s (немесе жаңарақ) "
        "нұсқасындағы клиентті орнатып, оны PATH ішінде бірінші қойыңыз",
        "%(tool)s — это PostgreSQL %(client)s, а сервер — PostgreSQL %(server)s: установите клиент "
        "версии %(server)s (или новее) и поставьте его первым в PATH",
    ),
    Code.BACKUP_TOOL_FAILED: Text(
        "%(tool)s failed: %(error)s",
        "%(tool)s сәтсіз аяқталды: %(error)s",
        "%(tool)s завершился ошибкой: %(error)s",
    ),
    Code.BACKUP_EXIT_CODE: Text("exit code %(code)s", "шығу коды %(code)s", "код выхода %(code)s"),
    Code.BACKUP_SQLITE_IN_MEMORY: Text(
        "an in-memory SQLite database cannot be backed up or restored",
        "жадтағы SQLite дерекқорының сақтық көшірмесін жасауға да, оны қалпына келтіруге де болмайды",
        "базу данных SQLite в памяти нельзя ни скопировать, ни восстановить",
    ),
    Code.BACKUP_DESTINATION_EXISTS: Text(
        "%(dest)s exists; a backup never overwrites anything: name a new folder",
        "%(dest)s бар; сақтық көшірме ешнәрсені қайта жазбайды: жаңа қалтаны атаңыз",
        "%(dest)s уже существует; резервная копия ничего не перезаписывает: укажите новую папку",
    ),
    Code.BACKUP_NO_SUCH_FOLDER: Text(
        "%(folder)s: no such folder", "%(folder)s: мұндай қалта жоқ", "%(folder)s: такой папки нет"
    ),
    Code.BACKUP_NO_DATABASE: Text(
        "no database at %(path)s to back up",
        "%(path)s жерінде сақтық көшірмесі жасалатын дерекқор жоқ",
        "по пути %(path)s нет базы данных для резервного копирования",
    ),
    # --- restore (muragat/restore.py, muragat/cli/backup.py) -----------------------------------------
    Code.RESTORE_FROM_FAILED: Text(
        "restore from %(src)s failed: %(error)s",
        "%(src)s ішінен қалпына келтіру сәтсіз аяқталды: %(error)s",
        "восстановление из %(src)s не удалось: %(error)s",
    ),
    Code.RESTORE_NOT_A_BACKUP: Text(
        "%(src)s: not a Muragat backup (no %(meta)s)",
        "%(src)s: Muragat сақтық көшірмесі емес (%(meta)s жоқ)",
        "%(src)s: это не резервная копия Muragat (нет %(meta)s)",
    ),
    Code.RESTORE_FORMAT: Text(
        "%(src)s: backup format %(found)s, this Muragat reads %(expected)s",
        "%(src)s: сақтық көшірме пішімі %(found)s, бұл Muragat %(expected)s пішімін оқиды",
        "%(src)s: формат резервной копии %(found)s, эта версия Muragat читает %(expected)s",
    ),
    Code.RESTORE_CHANGED: Text(
        "%(path)s: missing or changed since the backup was made",
        "%(path)s: жоқ немесе сақтық көшірме жасалғаннан бері өзгерген",
        "%(path)s: отсутствует или изменён после создания резервной копии",
    ),
    Code.RESTORE_BAD_MANIFEST_LINE: Text(
        "%(manifest)s, line %(line)s: not a manifest entry (%(error)s)",
        "%(manifest)s, %(line)s-жол: манифест жазбасы емес (%(error)s)",
        "%(manifest)s, строка %(line)s: не запись манифеста (%(error)s)",
    ),
    Code.RESTORE_OBJECT_MISSING: Text(
        "object %(key)s: in the manifest, missing from %(folder)s",
        "%(key)s нысаны: манифестте бар, %(folder)s ішінде жоқ",
        "объект %(key)s: есть в манифесте, но отсутствует в %(folder)s",
    ),
    Code.RESTORE_OBJECT_DIFFERS: Text(
        "object %(key)s: its bytes in the backup do not match the manifest",
        "%(key)s нысаны: оның сақтық көшірмедегі байттары манифестке сәйкес емес",
        "объект %(key)s: его байты в резервной копии не совпадают с манифестом",
    ),
    Code.RESTORE_OBJECT_UNLISTED: Text(
        "object %(key)s: in %(folder)s, not in the manifest",
        "%(key)s нысаны: %(folder)s ішінде бар, манифестте жоқ",
        "объект %(key)s: есть в %(folder)s, но нет в манифесте",
    ),
    Code.RESTORE_NO_SUCH_FOLDER: Text(
        "%(src)s: no such backup folder",
        "%(src)s: мұндай сақтық көшірме қалтасы жоқ",
        "%(src)s: такой папки резервной копии нет",
    ),
    Code.RESTORE_OTHER_DATABASE: Text(
        "%(src)s holds a %(found)s database and the configured one is %(kind)s; "
        "restore into the same kind of database",
        "%(src)s ішінде %(found)s дерекқоры бар, ал бапталғаны — %(kind)s; дәл сондай дерекқорға қалпына "
        "келтіріңіз",
        "в %(src)s база данных %(found)s, а настроена %(kind)s; восстанавливайте в базу данных того же вида",
    ),
    Code.RESTORE_NOT_IN_STORE: Text(
        "object %(key)s: written back, yet not in the store",
        "%(key)s нысаны: қайта жазылды, бірақ қоймада жоқ",
        "объект %(key)s: записан обратно, но его нет в хранилище",
    ),
    Code.RESTORE_STORE_DIFFERS: Text(
        "object %(key)s: the store holds other bytes than the backup "
        "(an original is never overwritten: compare it with the backup's copy by hand)",
        "%(key)s нысаны: қоймада сақтық көшірмедегіден басқа байттар бар "
        "(түпнұсқа ешқашан қайта жазылмайды: оны сақтық көшірмедегі данамен қолмен салыстырыңыз)",
        "объект %(key)s: в хранилище другие байты, чем в резервной копии "
        "(оригинал никогда не перезаписывается: сравните его с копией из резервной копии вручную)",
    ),
}
