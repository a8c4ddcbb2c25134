"""Messages of the services: the database, Redis and the object store (see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    DATABASE_UNREACHABLE = "service.database_unreachable"
    REDIS_UNREACHABLE = "service.redis_unreachable"
    REDIS_NOT_INSTALLED = "service.redis_not_installed"
    PRIVATE_REDIS_EXITED = "service.private_redis_exited"
    PRIVATE_REDIS_SILENT = "service.private_redis_silent"
    OBJECT_NOT_IN_FOLDER = "service.object_not_in_folder"
    OBJECT_NOT_IN_BUCKET = "service.object_not_in_bucket"
    OBJECT_UNREADABLE = "service.object_unreadable"
    S3_SETTINGS_UNUSABLE = "service.s3_settings_unusable"
    S3_NO_BUCKET = "service.s3_no_bucket"
    S3_KEYS_MISSING = "service.s3_keys_missing"
    STORE_FOLDER_FAILED = "service.store_folder_failed"
    S3_REFUSED = "service.s3_refused"
    S3_FAILED = "service.s3_failed"
    S3_UNREACHABLE = "service.s3_unreachable"
    ORIGINAL_STORED_ONCE = "service.original_stored_once"
    ORIGINAL_KEPT = "service.original_kept"
    # what the store was asked to do, named in the messages above
    OP_WRITE = "service.op.write"
    OP_READ = "service.op.read"
    OP_LOOK_UP = "service.op.look_up"
    OP_DELETE = "service.op.delete"
    OP_LIST = "service.op.list"
    OP_PROBE = "service.op.probe"
    OP_CREATE_BUCKET = "service.op.create_bucket"
    OP_LIST_BUCKET = "service.op.list_bucket"
    OP_LOOK_UP_BUCKET = "service.op.look_up_bucket"
    OP_ON_OBJECT = "service.op.on_object"


TEXTS: dict[Code, Text] = {
    Code.STORE_FOLDER_FAILED: Text(
        en=(
            "cannot %(action)s object %(key)s in folder %(folder)s: %(error)s; check that MURAGAT_HOME is "
            "on a writable disk with free space"
        ),
        kk=(
            "%(folder)s қалтасындағы %(key)s нысаны бойынша әрекет орындалмады (%(action)s): %(error)s; "
            "MURAGAT_HOME жазуға болатын, бос орны бар дискіде екенін тексеріңіз"
        ),
        ru=(
            "не удалось выполнить действие «%(action)s» с объектом %(key)s в папке %(folder)s: %(error)s; "
            "проверьте, что MURAGAT_HOME на диске, доступном для записи, и на нём есть место"
        ),
    ),
    Code.S3_REFUSED: Text(
        en=(
            "S3 at %(endpoint)s refused to %(action)s (%(code)s); check MURAGAT_S3_ACCESS_KEY and "
            "MURAGAT_S3_SECRET_KEY, and that they may read and write bucket %(bucket)s"
        ),
        kk=(
            "%(endpoint)s мекенжайындағы S3 әрекеттен бас тартты (%(action)s, %(code)s); "
            "MURAGAT_S3_ACCESS_KEY мен MURAGAT_S3_SECRET_KEY баптауларын және олардың "
            "%(bucket)s бакетін оқып, жаза алатынын тексеріңіз"
        ),
        ru=(
            "S3 по адресу %(endpoint)s отказал в действии «%(action)s» (%(code)s); проверьте "
            "MURAGAT_S3_ACCESS_KEY и MURAGAT_S3_SECRET_KEY и что с ними можно читать и писать в бакет "
            "%(bucket)s"
        ),
    ),
    Code.S3_FAILED: Text(
        en=(
            "S3 at %(endpoint)s failed to %(action)s: %(code)s: %(error)s; check the server and bucket "
            "%(bucket)s"
        ),
        kk=(
            "%(endpoint)s мекенжайындағы S3 әрекетті орындай алмады (%(action)s): %(code)s: %(error)s; "
            "серверді және %(bucket)s бакетін тексеріңіз"
        ),
        ru=(
            "S3 по адресу %(endpoint)s не выполнил действие «%(action)s»: %(code)s: %(error)s; проверьте "
            "сервер и бакет %(bucket)s"
        ),
    ),
    Code.S3_UNREACHABLE: Text(
        en=(
            "cannot %(action)s on S3 at %(endpoint)s: %(error)s; check MURAGAT_S3_ENDPOINT and "
            "MURAGAT_S3_SECURE, and that the server is running"
        ),
        kk=(
            "%(endpoint)s мекенжайындағы S3-пен байланыс жоқ (%(action)s): %(error)s; "
            "MURAGAT_S3_ENDPOINT пен MURAGAT_S3_SECURE баптауларын және сервердің жұмыс істеп тұрғанын "
            "тексеріңіз"
        ),
        ru=(
            "нет связи с S3 по адресу %(endpoint)s (%(action)s): %(error)s; проверьте MURAGAT_S3_ENDPOINT и "
            "MURAGAT_S3_SECURE и что сервер запущен"
        ),
    ),
    Code.ORIGINAL_STORED_ONCE: Text(
        en="original %(key)s is stored once and never replaced; use put_once",
        kk="%(key)s түпнұсқасы бір рет сақталады және ешқашан ауыстырылмайды; put_once қолданыңыз",
        ru="оригинал %(key)s сохраняется один раз и никогда не заменяется; используйте put_once",
    ),
    Code.ORIGINAL_KEPT: Text(
        en="original %(key)s is kept forever and cannot be deleted",
        kk="%(key)s түпнұсқасы мәңгі сақталады, оны жоюға болмайды",
        ru="оригинал %(key)s хранится всегда и не может быть удалён",
    ),
    Code.OP_WRITE: Text(en="write", kk="жазу", ru="запись"),
    Code.OP_READ: Text(en="read", kk="оқу", ru="чтение"),
    Code.OP_LOOK_UP: Text(en="look up", kk="іздеу", ru="поиск"),
    Code.OP_DELETE: Text(en="delete", kk="жою", ru="удаление"),
    Code.OP_LIST: Text(en="list", kk="тізімдеу", ru="получение списка"),
    Code.OP_PROBE: Text(en="write a probe", kk="сынақ жазба", ru="пробная запись"),
    Code.OP_CREATE_BUCKET: Text(
        en="create bucket %(bucket)s", kk="%(bucket)s бакетін жасау", ru="создание бакета %(bucket)s"
    ),
    Code.OP_LIST_BUCKET: Text(
        en="list bucket %(bucket)s", kk="%(bucket)s бакетін тізімдеу", ru="получение списка бакета %(bucket)s"
    ),
    Code.OP_ON_OBJECT: Text(en="%(action)s %(key)s", kk="%(action)s: %(key)s", ru="%(action)s: %(key)s"),
    Code.OP_LOOK_UP_BUCKET: Text(
        en="look up bucket %(bucket)s", kk="%(bucket)s бакетін іздеу", ru="поиск бакета %(bucket)s"
    ),
    Code.DATABASE_UNREACHABLE: Text(
        en="cannot reach the database at %(url)s: %(error)s; check MURAGAT_DATABASE_URL",
        kk=(
            "%(url)s мекенжайындағы дерекқорға қосылу мүмкін емес: %(error)s; MURAGAT_DATABASE_URL баптауын "
            "тексеріңіз"
        ),
        ru="нет связи с базой данных по адресу %(url)s: %(error)s; проверьте MURAGAT_DATABASE_URL",
    ),
    Code.REDIS_UNREACHABLE: Text(
        en="cannot reach Redis at %(url)s: %(error)s; check MURAGAT_REDIS_URL",
        kk=(
            "%(url)s мекенжайындағы Redis-ке қосылу мүмкін емес: %(error)s; MURAGAT_REDIS_URL баптауын "
            "тексеріңіз"
        ),
        ru="нет связи с Redis по адресу %(url)s: %(error)s; проверьте MURAGAT_REDIS_URL",
    ),
    Code.REDIS_NOT_INSTALLED: Text(
        en=(
            "redis-server is not installed: install it (apt-get install redis-server) or set "
            "MURAGAT_REDIS_URL to a running Redis"
        ),
        kk=(
            "redis-server орнатылмаған: оны орнатыңыз (apt-get install redis-server) немесе MURAGAT_REDIS_URL"
            " баптауына жұмыс істеп тұрған Redis мекенжайын көрсетіңіз"
        ),
        ru=(
            "redis-server не установлен: установите его (apt-get install redis-server) или укажите в "
            "MURAGAT_REDIS_URL работающий Redis"
        ),
    ),
    Code.PRIVATE_REDIS_EXITED: Text(
        en="the private redis-server exited at start; see %(log)s",
        kk="жеке redis-server іске қосылғанда тоқтап қалды; %(log)s қараңыз",
        ru="собственный redis-server завершился при запуске; см. %(log)s",
    ),
    Code.PRIVATE_REDIS_SILENT: Text(
        en="the private redis-server did not answer in 15 s; see %(log)s",
        kk="жеке redis-server 15 с ішінде жауап бермеді; %(log)s қараңыз",
        ru="собственный redis-server не ответил за 15 с; см. %(log)s",
    ),
    Code.OBJECT_NOT_IN_FOLDER: Text(
        en="object %(key)s not found in folder %(folder)s",
        kk="%(key)s нысаны %(folder)s қалтасында табылмады",
        ru="объект %(key)s не найден в папке %(folder)s",
    ),
    Code.OBJECT_NOT_IN_BUCKET: Text(
        en="object %(key)s not found in bucket %(bucket)s",
        kk="%(key)s нысаны %(bucket)s бакетінде табылмады",
        ru="объект %(key)s не найден в бакете %(bucket)s",
    ),
    Code.OBJECT_UNREADABLE: Text(
        en="cannot read object %(key)s in folder %(folder)s: %(error)s; check the folder's permissions",
        kk="%(folder)s қалтасындағы %(key)s нысаны оқылмайды: %(error)s; қалтаның рұқсаттарын тексеріңіз",
        ru=(
            "не удалось прочитать объект %(key)s в папке %(folder)s: %(error)s; проверьте права доступа к "
            "папке"
        ),
    ),
    Code.S3_SETTINGS_UNUSABLE: Text(
        en=(
            "S3 settings cannot be used: %(error)s; check MURAGAT_S3_ENDPOINT (host:port, no scheme, no path)"
            " and MURAGAT_S3_BUCKET"
        ),
        kk=(
            "S3 баптауларын қолдану мүмкін емес: %(error)s; MURAGAT_S3_ENDPOINT (host:port, схемасыз, жолсыз)"
            " және MURAGAT_S3_BUCKET баптауларын тексеріңіз"
        ),
        ru=(
            "настройки S3 нельзя использовать: %(error)s; проверьте MURAGAT_S3_ENDPOINT (host:port, без схемы"
            " и пути) и MURAGAT_S3_BUCKET"
        ),
    ),
    Code.S3_NO_BUCKET: Text(
        en=(
            "bucket %(bucket)s does not exist on S3 at %(endpoint)s; check MURAGAT_S3_BUCKET, or create the "
            "bucket (muragat creates it when it opens the store)"
        ),
        kk=(
            "%(bucket)s бакеті %(endpoint)s мекенжайындағы S3-те жоқ; MURAGAT_S3_BUCKET баптауын тексеріңіз "
            "немесе бакетті жасаңыз (muragat қойманы ашқанда оны өзі жасайды)"
        ),
        ru=(
            "бакета %(bucket)s нет в S3 по адресу %(endpoint)s; проверьте MURAGAT_S3_BUCKET или создайте "
            "бакет (muragat создаёт его, когда открывает хранилище)"
        ),
    ),
    Code.S3_KEYS_MISSING: Text(
        en=(
            "MURAGAT_S3_ENDPOINT is set but MURAGAT_S3_ACCESS_KEY or MURAGAT_S3_SECRET_KEY is not; set both, "
            "or unset MURAGAT_S3_ENDPOINT to keep objects in a folder under MURAGAT_HOME"
        ),
        kk=(
            "MURAGAT_S3_ENDPOINT берілген, бірақ MURAGAT_S3_ACCESS_KEY немесе MURAGAT_S3_SECRET_KEY "
            "берілмеген; екеуін де беріңіз немесе нысандарды MURAGAT_HOME ішіндегі қалтада сақтау үшін "
            "MURAGAT_S3_ENDPOINT баптауын алып тастаңыз"
        ),
        ru=(
            "MURAGAT_S3_ENDPOINT задан, а MURAGAT_S3_ACCESS_KEY или MURAGAT_S3_SECRET_KEY нет; задайте оба "
            "или уберите MURAGAT_S3_ENDPOINT, чтобы хранить объекты в папке внутри MURAGAT_HOME"
        ),
    ),
}
