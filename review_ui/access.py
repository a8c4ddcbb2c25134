"""Who may use which route: one table, checked by one dependency on every router.

A route missing from the table is refused to everyone, so a new route cannot be reached by accident.
"""

from __future__ import annotations

from storage.models import Role

EVERY_ROLE = frozenset(Role)
ARCHIVE_STAFF = frozenset({Role.archivist, Role.reviewer, Role.admin})
REVIEWERS = frozenset({Role.reviewer, Role.admin})
ARCHIVISTS = frozenset({Role.archivist, Role.admin})
ADMINS = frozenset({Role.admin})

PUBLIC = frozenset({"login_page", "login", "health", "static"})

ACCESS: dict[str, frozenset[Role]] = {
    # session and preferences
    "logout": EVERY_ROLE,
    "choose_language": EVERY_ROLE,
    "home": EVERY_ROLE,
    # archivists: uploads, collections, failures
    "upload_page": ARCHIVISTS,
    "upload_documents": ARCHIVISTS,
    "retry": ARCHIVISTS,
    "collections_status": ARCHIVISTS,
    "documents_page": ARCHIVE_STAFF,
    # reading documents
    "list_documents": ARCHIVE_STAFF,
    "get_document": ARCHIVE_STAFF,
    "page_image": ARCHIVE_STAFF,
    "page_text": ARCHIVE_STAFF,
    "document_matches": ARCHIVE_STAFF,
    # the reviewers' workbench
    "queue_page": REVIEWERS,
    "document_page": REVIEWERS,
    "queue_api": REVIEWERS,
    "document_candidates": REVIEWERS,
    "document_history": REVIEWERS,
    "update_fields": REVIEWERS,
    "restore_revision": REVIEWERS,
    # matches and fields
    "confirm_match": REVIEWERS,
    "reject_match": REVIEWERS,
    "document_fields": ARCHIVE_STAFF,
    "search_api": ARCHIVE_STAFF,
    "search_page": ARCHIVE_STAFF,
    # registry
    "graduates_import": ADMINS,
}


def allowed(route_name: str, role: Role | str) -> bool:
    return route_name in PUBLIC or role in ACCESS.get(route_name, frozenset())
