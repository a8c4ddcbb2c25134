"""The record each stage returns: what it did and why, stored with the page and shown to reviewers."""

from __future__ import annotations

Step = dict[str, object]


def step(name: str, why: str, **details: object) -> Step:
    """A record: the stage's name, the reason it acted (or did not), and what it measured or chose."""
    return {"step": name, "why": why, **details}
