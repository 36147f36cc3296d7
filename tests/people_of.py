"""The people a card shows for a text, for the name and role tests (real natasha models)."""

from __future__ import annotations

from digest.card import Person
from digest.nlp import parse_doc
from digest.people import group_people, to_people


def people_of(text: str) -> list[Person]:
    return to_people(group_people(parse_doc(text)))


def mentions_of(text: str) -> dict[str, int]:
    """Each person's name and how many times the text mentions them."""
    return {p.name: p.mentions for p in people_of(text)}


def roles_of(text: str) -> dict[str, str | None]:
    """Each person's name and the role the card gives them."""
    return {p.name: p.role for p in people_of(text)}
