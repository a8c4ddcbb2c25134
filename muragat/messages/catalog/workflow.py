"""Messages of the jobs, the recovery of lost jobs, accounts and the registry: revision and status
reasons (see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    JOB_STARTED = "job.started"
    JOB_FAILED = "job.failed"
    JOB_UNEXPECTED_ERROR = "job.unexpected_error"
    JOB_STALE = "job.stale"
    RECOVERY_REQUEUED = "recovery.requeued"
    RECOVERY_WHY_QUEUED = "recovery.why_queued"
    RECOVERY_WHY_PROCESSING = "recovery.why_processing"
    ACCOUNT_CREATED = "accounts.created"
    ACCOUNT_CREATED_WITHOUT_REQUEST = "accounts.created_without_request"
    REGISTRY_IMPORTED = "registry.imported"
    REGISTRY_SYNCED = "registry.synced"


TEXTS: dict[Code, Text] = {
    Code.JOB_STARTED: Text(
        en="processing started",
        kk="өңдеу басталды",
        ru="обработка начата",
    ),
    Code.JOB_FAILED: Text(
        en="processing failed",
        kk="өңдеу сәтсіз аяқталды",
        ru="обработка завершилась ошибкой",
    ),
    Code.JOB_STALE: Text(
        en=(
            "attempt %(attempt)s no longer owns document %(id)s (it is %(status)s, attempt %(current)s); its "
            "results were not written"
        ),
        kk=(
            "%(attempt)s-әрекет %(id)s құжатын енді иеленбейді (құжат: %(status)s, %(current)s-әрекет); оның "
            "нәтижелері жазылмады"
        ),
        ru=(
            "попытка %(attempt)s больше не владеет документом %(id)s (он %(status)s, попытка %(current)s); "
            "её результаты не записаны"
        ),
    ),
    Code.JOB_UNEXPECTED_ERROR: Text(
        en="unexpected error: %(error)s",
        kk="күтпеген қате: %(error)s",
        ru="непредвиденная ошибка: %(error)s",
    ),
    Code.RECOVERY_REQUEUED: Text(
        en="the worker processing it stopped; queued again",
        kk="оны өңдеп жатқан өңдеуші тоқтап қалды; қайта кезекке қойылды",
        ru="обработчик, который его обрабатывал, остановился; документ снова поставлен в очередь",
    ),
    Code.RECOVERY_WHY_QUEUED: Text(
        en=(
            "queued, but no job for it waits on the queue or runs (the queue was lost, enqueueing failed, "
            "or the worker that took the job died before starting it)"
        ),
        kk=(
            "кезекте тұр, бірақ оның тапсырмасы кезекте де, орындалып та жатқан жоқ (кезек жоғалды, "
            "кезекке қою сәтсіз болды немесе тапсырманы алған өңдеуші оны бастамай тоқтады)"
        ),
        ru=(
            "в очереди, но его задания нет ни в очереди, ни в работе (очередь потеряна, постановка в "
            "очередь не удалась или обработчик, взявший задание, остановился до его начала)"
        ),
    ),
    Code.RECOVERY_WHY_PROCESSING: Text(
        en="processing, but no worker holds it (its worker died, or lost the database or Redis mid-document)",
        kk=(
            "өңделуде, бірақ оны ешбір өңдеуші ұстап тұрған жоқ (өңдеушісі тоқтады немесе құжаттың "
            "ортасында дерекқормен не Redis-пен байланысын жоғалтты)"
        ),
        ru=(
            "обрабатывается, но ни один обработчик его не держит (обработчик остановился или потерял связь "
            "с базой данных или Redis посреди документа)"
        ),
    ),
    Code.ACCOUNT_CREATED: Text(
        en="account created on request %(reference)s",
        kk="тіркелгі %(reference)s өтінімі бойынша жасалды",
        ru="учётная запись создана по заявке %(reference)s",
    ),
    Code.ACCOUNT_CREATED_WITHOUT_REQUEST: Text(
        en="account created on request (none given)",
        kk="тіркелгі жасалды (өтінім көрсетілмеген)",
        ru="учётная запись создана (заявка не указана)",
    ),
    Code.REGISTRY_IMPORTED: Text(
        en="registry import %(file)s",
        kk="тізілімді импорттау: %(file)s",
        ru="импорт реестра: %(file)s",
    ),
    Code.REGISTRY_SYNCED: Text(
        en="registry sync %(source)s",
        kk="тізілімді синхрондау: %(source)s",
        ru="синхронизация реестра: %(source)s",
    ),
}
