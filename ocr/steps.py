"""The record each stage returns: what it did and why, stored with the page and shown to reviewers."""

from __future__ import annotations

from muragat.messages import Message
from muragat.messages.catalog.ocr_steps import Code

__all__ = ["Code", "Step", "step"]

Step = dict[str, object]


def step(name: str, why: Message, **details: object) -> Step:
    """A record: the stage's name, the reason it acted (or did not) as a message's JSON, which the Steps
    tab shows in the reviewer's language, and what it measured or chose."""
    return {"step": name, "why": why.to_json(), **details}
