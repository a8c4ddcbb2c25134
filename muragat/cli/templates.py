"""`muragat templates`: the template profiles fields are read with, and what one of them reads on a scan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from matching.fields import extract_fields
from matching.kind import classify
from matching.templates import LoadedProfile, Profile, choose, load_profile, profiles
from muragat.cli.context import cli_language, load_settings, out
from muragat.errors import NotFound
from muragat.messages import Message, render
from muragat.messages.catalog.admin import Code
from ocr import PageResult, read_document

templates_app = typer.Typer(
    help="Template profiles (kind, languages, anchors, field patterns, zones): list, check on a scan.",
    no_args_is_help=True,
)


@templates_app.command("list")
def templates_list() -> None:
    """The shipped profiles and those in MURAGAT_TEMPLATES_DIR, each checked as it is read."""
    loaded = profiles(load_settings().templates_dir)
    for item in loaded:
        p = item.profile
        fields = ", ".join(sorted(p.fields)) or "none of its own"
        out.print(
            f"{p.name}: {p.kind}, {'+'.join(p.languages)}, {len(p.detect)} detect phrases, fields: {fields}; "
            f"{_shown(item.path)}\n    {p.description}",
            highlight=False,
            markup=False,
        )
    out.print(f"{len(loaded)} profiles", highlight=False)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _profile(name_or_file: str, loaded: tuple[LoadedProfile, ...]) -> Profile:
    path = Path(name_or_file)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_profile(path).profile
    for item in loaded:
        if item.profile.name == name_or_file:
            return item.profile
    names = ", ".join(item.profile.name for item in loaded)
    raise NotFound(Message(Code.NO_TEMPLATE_PROFILE, name=name_or_file, names=names))


def _words(evidence: dict[str, Any]) -> str:
    text = " ".join(str(w.get("text", "")) for w in evidence.get("words", []))
    return f"«{text}»" if text else "-"


def _read(scan: Path) -> list[PageResult]:
    settings = load_settings()
    try:
        data = scan.read_bytes()
    except OSError as e:
        raise NotFound(Message(Code.CANNOT_BE_READ, file=str(scan), error=e.strerror or str(e))) from e
    pages = read_document(
        data,
        scan.name,
        languages=settings.ocr_languages,
        dpi=settings.ocr_dpi,
        max_pixels=settings.max_image_pixels,
    )
    return [page.result for page in pages]


@templates_app.command("check")
def templates_check(
    profile: Annotated[str, typer.Argument(help="a profile's name, or a profile file (.yaml) to try")],
    scan: Annotated[Path, typer.Argument(help="a scan (image or PDF) to read with it")],
) -> None:
    """Read SCAN with PROFILE and print what each field reads, from where, and which rule read it."""
    loaded = profiles(load_settings().templates_dir)
    chosen = _profile(profile, loaded)
    pages = _read(scan)
    decision = classify([p.text for p in pages], [q for p in pages for q in p.qr_codes])
    extraction = extract_fields(pages, loaded, force=chosen)
    automatic_profile, _ = choose(loaded, "\n".join(p.text for p in pages), decision.kind)
    automatic = automatic_profile.name if automatic_profile else "generic"
    lang = cli_language()
    signals = "; ".join(s.render(lang) for s in decision.signals) or decision.reason.render(lang)
    out.print(
        f"{scan}: {len(pages)} page(s); kind {decision.kind} ({signals})",
        highlight=False,
    )
    detected = ", ".join(f"«{d}»" for d in extraction.detected) or "none"
    out.print(
        f"profile {chosen.name}: {len(extraction.detected)} of {len(chosen.detect)} detect phrases found "
        f"({detected}); chosen automatically for this scan: {automatic}",
        highlight=False,
    )
    for name, found in sorted(extraction.fields.items()):
        shown = [render(f, lang) for f in found.flags if isinstance(f, Message)]
        flags = f" [{'; '.join(shown)}]" if shown else ""
        where = f"page {found.page}, " if found.page else ""
        out.print(
            f"{name}: {found.value}  ({where}confidence {found.confidence:.2f}, read by "
            f"{found.profile or found.source}, from {_words(found.evidence())}){flags}",
            highlight=False,
            markup=False,
        )
    for page in pages:
        for qr in page.qr_codes:
            out.print(f"page {page.number}: QR code {qr}", highlight=False, markup=False)
