"""Words the interface shows for values stored in English (states, kinds, roles, decisions).

Marked with N_ so that `scripts/i18n.sh` extracts them; translated when shown.
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message


LABELS = {
    "queued": N_("queued"),
    "processing": N_("processing"),
    "processed": N_("processed"),
    "needs_review": N_("needs review"),
    "verified": N_("verified"),
    "failed": N_("failed"),
    "diploma": N_("diploma"),
    "ledger": N_("ledger"),
    "archive": N_("archival document"),
    "auto_matched": N_("matched automatically"),
    "confirmed": N_("confirmed"),
    "rejected": N_("rejected"),
    "archivist": N_("archivist"),
    "reviewer": N_("reviewer"),
    "verifier": N_("verifier"),
    "admin": N_("administrator"),
    "auditor": N_("auditor"),
}


def label(value: object) -> str:
    """The English label of a stored value; pass it through the translator to show it."""
    return LABELS.get(str(value), str(value))
