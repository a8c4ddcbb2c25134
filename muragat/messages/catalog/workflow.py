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
    JOB_GAVE_UP = "job.gave_up"
    JOB_SERVICE_GAVE_UP = "job.service_gave_up"
    WHERE_PAGE = "job.where.page"
    WHERE_SAVING = "job.where.saving"
    WHERE_UNKNOWN = "job.where.unknown"
    RECOVERY_STOPPED = "recovery.stopped"
    RECOVERY_REQUEUED = "recovery.requeued"  # older revisions: RECOVERY_STOPPED says where, since 0011
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
    Code.JOB_GAVE_UP: Text(
        en=(
            "the worker stopped %(where)s, %(times)s times; the document is left failed so that it stops no "
            "more workers: check the file (it may be damaged or too large to read), then retry it"
        ),
        kk=(
            "өңдеуші %(where)s %(times)s рет тоқтап қалды; құжат басқа өңдеушілерді тоқтатпауы үшін сәтсіз "
            "күйінде қалдырылды: файлды тексеріңіз (бүлінген немесе оқуға тым үлкен болуы мүмкін), содан "
            "кейін қайта өңдеуге жіберіңіз"
        ),
        ru=(
            "обработчик остановился %(where)s %(times)s раз(а); документ оставлен с ошибкой, чтобы он больше "
            "не останавливал обработчики: проверьте файл (он может быть повреждён или слишком велик), затем "
            "отправьте его на повторную обработку"
        ),
    ),
    Code.JOB_SERVICE_GAVE_UP: Text(
        en=(
            "%(error)s (still so after %(tries)s tries over %(seconds)s s; retry the document once it is "
            "fixed)"
        ),
        kk=(
            "%(error)s (%(seconds)s с ішінде %(tries)s әрекеттен кейін де солай; ақау жойылғанда құжатты "
            "қайта өңдеуге жіберіңіз)"
        ),
        ru=(
            "%(error)s (так и после %(tries)s попыток за %(seconds)s с; когда это исправят, отправьте "
            "документ на повторную обработку)"
        ),
    ),
    Code.WHERE_PAGE: Text(
        en="while reading page %(page)s", kk="%(page)s-бетті оқып жатқанда", ru="при чтении страницы %(page)s"
    ),
    Code.WHERE_SAVING: Text(
        en="while saving the results", kk="нәтижелерді сақтап жатқанда", ru="при сохранении результатов"
    ),
    Code.WHERE_UNKNOWN: Text(
        en="before it reported a page",
        kk="бірде-бір бет туралы хабарламай тұрып",
        ru="ещё до первой страницы",
    ),
    Code.RECOVERY_STOPPED: Text(
        en="the worker stopped %(where)s (attempt %(attempt)s of %(max)s); queued again",
        kk="өңдеуші %(where)s тоқтап қалды (%(max)s әрекеттің %(attempt)s-сі); қайта кезекке қойылды",
        ru="обработчик остановился %(where)s (попытка %(attempt)s из %(max)s); документ снова в очереди",
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
