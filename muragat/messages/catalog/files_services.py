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


TEXTS: dict[Code, Text] = {
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
