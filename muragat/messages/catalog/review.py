"""Reasons a reviewer's work leaves: the revision reasons of a decision, a restore and a change of
language, the document's status after a decision, and the shorter forms the history shows (see
muragat.messages.catalog)."""

from __future__ import annotations

from enum import StrEnum

from muragat.messages.catalog import Text


class Code(StrEnum):
    DECIDED = "review.decided"
    CONFIRMED = "review.decision.confirmed"
    REJECTED = "review.decision.rejected"
    MATCH_CONFIRMED = "review.match_confirmed"
    MATCH_REJECTED = "review.match_rejected"
    RESTORED = "revision.restored"
    RESTORED_WHY = "revision.restored_why"
    LANGUAGE = "review.language"
    # the history names the restored revision by its row, and a decision by its word alone
    HISTORY_RESTORED = "revision.history.restored"
    HISTORY_RESTORED_WHY = "revision.history.restored_why"
    HISTORY_DECIDED = "review.history.decided"


TEXTS: dict[Code, Text] = {
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
}
