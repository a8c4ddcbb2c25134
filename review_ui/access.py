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
AUDITORS = frozenset({Role.admin, Role.auditor})
VERIFIERS = frozenset({Role.verifier, Role.admin})
REPORT_READERS = frozenset({Role.admin, Role.auditor})

# public_verification: the signed link on a diploma's QR code, for anyone the holder shows it to
PUBLIC = frozenset({"login_page", "login", "health", "static", "public_verification"})

ACCESS: dict[str, frozenset[Role]] = {
    # session and preferences
    "logout": EVERY_ROLE,
    "choose_language": EVERY_ROLE,
    "home": EVERY_ROLE,
    # one's own password (review_ui.accounts_ui)
    "account_page": EVERY_ROLE,
    "change_password": EVERY_ROLE,
    # accounts and API tokens, managed by admins (review_ui.accounts_ui)
    "accounts_page": ADMINS,
    "accounts_create": ADMINS,
    "accounts_disable": ADMINS,
    "accounts_lock": ADMINS,
    "accounts_unlock": ADMINS,
    "accounts_reset": ADMINS,
    "tokens_create": ADMINS,
    "tokens_revoke": ADMINS,
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
    "resolve_document": REVIEWERS,
    "resolve_ledger_row": REVIEWERS,
    "register_graduate": ADMINS,
    "correct_text_line": REVIEWERS,
    "document_fields": ARCHIVE_STAFF,
    "search_api": ARCHIVE_STAFF,
    "search_page": ARCHIVE_STAFF,
    # registry
    "graduates_import": ADMINS,
    # the audit trail: admins and auditors search it
    "audit_page": AUDITORS,
    "audit_api": AUDITORS,
    # the OpenAPI description, for the admin who sets up integrations (FastAPI's own /docs and
    # /openapi.json are switched off in muragat.app: they would bypass this table)
    "openapi_schema": ADMINS,
    "api_docs": ADMINS,
    "api_docs_asset": ADMINS,  # Swagger UI's own files, served from the installed package
    # ministry verification: the verifier's work; the admin answers the same questions for the archive.
    # Reviewers and archivists do not look diplomas up for outsiders, so they are left out.
    "verify_page": VERIFIERS,
    "verify_submit": VERIFIERS,
    "verify_lookup": VERIFIERS,
    "verification_qr": VERIFIERS,
    "verification_scan": VERIFIERS,
    # reports: counts only, no personal data; the auditor reads them beside the audit log
    "reports_page": REPORT_READERS,
    "reports_export": REPORT_READERS,
    # personal data: a person's request for their data is answered by the admin
    "person_export": ADMINS,
    # registry sync from integrations (API tokens of admin accounts)
    "registry_push": ADMINS,
}

# Routes that show personal data: each use is an audit "view" entry, written by review_ui.auth.authorize
# under the entity named here (with the route's document_id as the entity id where it has one).
# Verification and a person's export log their own, finer entries (review_ui.personal_data.log_access).
PERSONAL_DATA_ROUTES: dict[str, str] = {
    "list_documents": "document",  # the fields: names, IIN, diploma numbers
    "get_document": "document",
    "page_image": "document",
    "page_text": "document",
    "document_matches": "document",  # with the candidate graduates' names
    "document_fields": "document",
    "document_page": "document",
    "document_candidates": "document",  # with the candidates' registry records
    "document_history": "document",
    "queue_page": "graduate",  # the top candidate's name beside each document
    "search_api": "search",  # snippets of page text and fields
    "search_page": "search",
    "audit_page": "audit",  # who looked at whose data, with what they searched for
    "audit_api": "audit",
}


def allowed(route_name: str, role: Role | str) -> bool:
    return route_name in PUBLIC or role in ACCESS.get(route_name, frozenset())
