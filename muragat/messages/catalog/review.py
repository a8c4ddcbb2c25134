"""Reasons a reviewer's work leaves: the revision reasons of a decision, a restore and a change of
language, the shorter forms the history shows, and a document's status after matching or a decision
(matching.decisions; see muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    DECIDED = "review.decided"
    IIN_SAME = "review.iin_same"
    IIN_DIFFERS_AT = "review.iin_differs_at"
    IIN_DIFFERS = "review.iin_differs"
    CONFIRMED = "review.decision.confirmed"
    REJECTED = "review.decision.rejected"
    MATCH_CONFIRMED = "review.match_confirmed"
    MATCH_REJECTED = "review.match_rejected"
    REPLACED = "review.replaced"
    RESOLVED_NOT_IN_REGISTRY = "review.resolved.not_in_registry"
    RESOLVED_REVIEWED = "review.resolved.reviewed"
    ROW_NOT_IN_REGISTRY = "review.resolved.row_not_in_registry"
    REGISTERED_FROM_DOCUMENT = "review.registered_from_document"
    SET_BACK = "review.set_back"
    TWO_SETTLED = "review.two_settled"
    RESTORED = "revision.restored"
    RESTORED_WHY = "revision.restored_why"
    LANGUAGE = "review.language"
    # the history names the restored revision by its row, and a decision by its word alone
    HISTORY_RESTORED = "revision.history.restored"
    HISTORY_RESTORED_WHY = "revision.history.restored_why"
    HISTORY_DECIDED = "review.history.decided"
    LOOKS_EDUCATIONAL = "document.looks_educational"
    ARCHIVE = "document.archive"
    SUPPLEMENT_UNREAD = "document.supplement_unread"
    DIPLOMA_UNREAD = "document.diploma_unread"
    MATCHED = "document.matched"
    CANDIDATES_FOUND = "document.candidates_found"
    NO_GRADUATE = "document.no_graduate"
    LEDGER_UNREAD = "document.ledger_unread"
    LEDGER_MATCHED = "document.ledger_matched"
    LEDGER_OPEN = "document.ledger_open"


TEXTS: dict[Code, Text] = {
    Code.IIN_SAME: Text(
        en="the same twelve digits", kk="он екі цифры бірдей", ru="все двенадцать цифр совпадают"
    ),
    Code.IIN_DIFFERS_AT: Text(
        en="differs in digit %(digits)s", kk="%(digits)s-цифры өзгеше", ru="отличается в цифре %(digits)s"
    ),
    Code.IIN_DIFFERS: Text(
        en="differs in more than one digit",
        kk="бірнеше цифры өзгеше",
        ru="отличается больше чем в одной цифре",
    ),
    Code.DECIDED: Text(
        en="review: %(decision)s: %(why)s",
        kk="тексеру: %(decision)s: %(why)s",
        ru="проверка: %(decision)s: %(why)s",
    ),
    Code.CONFIRMED: Text(en="confirmed", kk="расталды", ru="подтверждено"),
    Code.REJECTED: Text(en="rejected", kk="қабылданбады", ru="отклонено"),
    Code.MATCH_CONFIRMED: Text(
        en="match to %(graduate)s confirmed by %(actor)s",
        kk="%(graduate)s түлегімен сәйкестікті %(actor)s растады",
        ru="сопоставление с %(graduate)s подтвердил(а) %(actor)s",
    ),
    Code.MATCH_REJECTED: Text(
        en="match to %(graduate)s rejected by %(actor)s",
        kk="%(graduate)s түлегімен сәйкестікті %(actor)s қабылдамады",
        ru="сопоставление с %(graduate)s отклонил(а) %(actor)s",
    ),
    Code.RESOLVED_NOT_IN_REGISTRY: Text(
        en="reviewed by %(actor)s: the graduate is not in the registry (%(why)s)",
        kk="%(actor)s тексерді: түлек тізілімде жоқ (%(why)s)",
        ru="проверено (%(actor)s): выпускника нет в реестре (%(why)s)",
    ),
    Code.RESOLVED_REVIEWED: Text(
        en="reviewed by %(actor)s (%(why)s)",
        kk="%(actor)s тексерді (%(why)s)",
        ru="проверено (%(actor)s): %(why)s",
    ),
    Code.ROW_NOT_IN_REGISTRY: Text(
        en="ledger row %(row)s reviewed by %(actor)s: the graduate is not in the registry (%(why)s)",
        kk="кітаптың %(row)s-жолын %(actor)s тексерді: түлек тізілімде жоқ (%(why)s)",
        ru="строку %(row)s книги проверил(а) %(actor)s: выпускника нет в реестре (%(why)s)",
    ),
    Code.REGISTERED_FROM_DOCUMENT: Text(
        en="added to the registry as %(graduate)s by %(actor)s from this document (%(why)s)",
        kk="%(actor)s осы құжаттан тізілімге %(graduate)s ретінде қосты (%(why)s)",
        ru="%(actor)s добавил(а) в реестр как %(graduate)s по этому документу (%(why)s)",
    ),
    Code.REPLACED: Text(
        en="rejected: %(graduate)s was confirmed in its place: %(why)s",
        kk="қабылданбады: оның орнына %(graduate)s расталды: %(why)s",
        ru="отклонено: вместо него подтверждён(а) %(graduate)s: %(why)s",
    ),
    Code.SET_BACK: Text(
        en="set back for review: %(actor)s confirmed %(graduate)s",
        kk="қайта тексеруге қайтарылды: %(actor)s %(graduate)s түлегін растады",
        ru="возвращено на проверку: %(actor)s подтвердил(а) %(graduate)s",
    ),
    Code.TWO_SETTLED: Text(
        en=(
            "set back for review: the document had more than one matched graduate (%(graduates)s); "
            "a reviewer confirms the right one"
        ),
        kk=(
            "қайта тексеруге қайтарылды: құжатта бірнеше сәйкес түлек болды (%(graduates)s); "
            "тексеруші дұрысын растайды"
        ),
        ru=(
            "возвращено на проверку: у документа было несколько сопоставленных выпускников "
            "(%(graduates)s); проверяющий подтверждает верного"
        ),
    ),
    Code.RESTORED: Text(
        en="restored from revision %(id)s",
        kk="%(id)s нұсқасынан қалпына келтірілді",
        ru="восстановлено из ревизии %(id)s",
    ),
    Code.RESTORED_WHY: Text(
        en="restored from revision %(id)s: %(why)s",
        kk="%(id)s нұсқасынан қалпына келтірілді: %(why)s",
        ru="восстановлено из ревизии %(id)s: %(why)s",
    ),
    Code.LANGUAGE: Text(en="language", kk="тіл", ru="язык"),
    Code.HISTORY_RESTORED: Text(
        en="restored from an earlier version",
        kk="бұрынғы нұсқадан қалпына келтірілді",
        ru="восстановлено из прежней версии",
    ),
    Code.HISTORY_RESTORED_WHY: Text(
        en="restored from an earlier version: %(why)s",
        kk="бұрынғы нұсқадан қалпына келтірілді: %(why)s",
        ru="восстановлено из прежней версии: %(why)s",
    ),
    Code.HISTORY_DECIDED: Text(
        en="%(decision)s: %(why)s", kk="%(decision)s: %(why)s", ru="%(decision)s: %(why)s"
    ),
    Code.LOOKS_EDUCATIONAL: Text(
        en=(
            "it looks like an education document, but too little of it could be read to tell which kind; "
            "a reviewer must look at it"
        ),
        kk=(
            "білім туралы құжатқа ұқсайды, бірақ түрін анықтауға жеткілікті мәтін оқылмады; тексеруші "
            "қарауы керек"
        ),
        ru=(
            "похоже на документ об образовании, но прочитано слишком мало, чтобы определить его вид; "
            "документ должен посмотреть проверяющий"
        ),
    ),
    Code.ARCHIVE: Text(
        en="archive document: no graduate matching for this kind",
        kk="мұрағат құжаты: бұл түр үшін түлектермен сәйкестендіру жүргізілмейді",
        ru="архивный документ: для этого вида сопоставление с выпускниками не проводится",
    ),
    Code.SUPPLEMENT_UNREAD: Text(
        en=(
            "a diploma supplement, but neither the diploma it belongs to nor the graduate's name or IIN "
            "could be read; a reviewer must read it"
        ),
        kk=(
            "диплом қосымшасы, бірақ оның дипломы да, түлектің аты-жөні немесе ЖСН-і де оқылмады; "
            "тексеруші оқуы керек"
        ),
        ru=(
            "приложение к диплому, но не прочитаны ни диплом, к которому оно относится, ни имя или ИИН "
            "выпускника; его должен прочитать проверяющий"
        ),
    ),
    Code.DIPLOMA_UNREAD: Text(
        en=(
            "a diploma, but no key field (series and number, IIN or name) could be read; a reviewer must "
            "read it"
        ),
        kk=(
            "диплом, бірақ бірде-бір негізгі өріс (сериясы мен нөмірі, ЖСН немесе аты-жөні) оқылмады; "
            "тексеруші оқуы керек"
        ),
        ru=(
            "диплом, но не прочитано ни одно ключевое поле (серия и номер, ИИН или имя); его должен "
            "прочитать проверяющий"
        ),
    ),
    Code.MATCHED: Text(
        en="matched to a graduate on two independent keys",
        kk="екі тәуелсіз кілт бойынша түлекпен сәйкестендірілді",
        ru="сопоставлено с выпускником по двум независимым ключам",
    ),
    Code.CANDIDATES_FOUND: Text(
        en="candidate graduates found; a reviewer must decide",
        kk="үміткер түлектер табылды; шешімді тексеруші қабылдауы керек",
        ru="найдены выпускники-кандидаты; решение должен принять проверяющий",
    ),
    Code.NO_GRADUATE: Text(
        en="no graduate in the registry matches the diploma's fields",
        kk="тізілімдегі бірде-бір түлек дипломның өрістеріне сәйкес келмейді",
        ru="ни один выпускник в реестре не соответствует полям диплома",
    ),
    Code.LEDGER_UNREAD: Text(
        en="no graduate row of the ledger could be read or matched",
        kk="кітаптың бірде-бір түлек жолы оқылмады немесе сәйкестендірілмеді",
        ru="ни одна строка выпускника в книге не прочитана и не сопоставлена",
    ),
    Code.LEDGER_MATCHED: Text(
        en="every one of %(count)s ledger rows matched",
        kk="тіркеу кітабының барлық %(count)s жолы сәйкестендірілді",
        ru="все %(count)s строк книги регистрации сопоставлены",
    ),
    Code.LEDGER_OPEN: Text(
        en="%(open)s of %(count)s ledger rows need a reviewer",
        kk="Тіркеу кітабының %(count)s жолының %(open)s жолын тексеруші қарауы керек",
        ru="%(open)s из %(count)s строк книги регистрации требуют проверяющего",
    ),
}
