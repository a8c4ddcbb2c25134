"""The document templates by name, in the order a set is generated."""

from __future__ import annotations

from .degraded import t_photographed, t_state_harsh
from .letters import t_archive_letter
from .own import t_own_2col, t_own_3col
from .registers import t_graduation_order, t_ledger_columns
from .soviet import t_soviet
from .state import t_state_kk, t_state_ru, t_state_two_pages
from .supplement import t_supplement

TEMPLATES = (
    "state_kk",
    "state_ru",
    "state_two_pages",
    "own_3col",
    "own_2col",
    "soviet",
    "supplement",
    "graduation_order",
    "ledger_columns",
    "photographed",
    "archive_letter",
    "state_harsh",
)
GENERATORS = {
    "state_kk": t_state_kk,
    "state_ru": t_state_ru,
    "state_two_pages": t_state_two_pages,
    "own_3col": t_own_3col,
    "own_2col": t_own_2col,
    "soviet": t_soviet,
    "supplement": t_supplement,
    "graduation_order": t_graduation_order,
    "ledger_columns": t_ledger_columns,
    "photographed": t_photographed,
    "archive_letter": t_archive_letter,
    "state_harsh": t_state_harsh,
}
