"""Readable HTML renderings of parts of a circle (escaped; shown in pages and printed)."""

from __future__ import annotations

from ..model import Circle, Role
from .html import Safe, join, tag


def agreement_html(circle: Circle) -> Safe:
    """The repair agreement as the parties would read it: actions, needs, who, when, sign-offs."""
    needs = {n.id: n for n in circle.needs}
    items = []
    for item in circle.agreement:
        answered = [f"{needs[n].category.label}: {needs[n].own_words}" for n in item.needs
                    if n in needs]
        who = circle.alias(item.responsible)
        if item.support:
            who += f", with support from {circle.alias(item.support)}"
        due = f" by {item.due.isoformat()}" if item.due else ""
        signed = [f"{circle.alias(s.participant)} ({s.signed_on.isoformat()})"
                  for s in item.signoffs]
        items.append(tag("li", join([
            tag("p", join([tag("strong", item.action), f" ({item.kind.label}, "
                           f"{item.status.label.lower()})"])),
            tag("p", f"Who: {who}{due}."),
            tag("p", "Answers: " + ("; ".join(answered) if answered else "no need linked yet")),
            tag("p", "Signed by: " + (", ".join(signed) if signed else "not signed yet")),
        ])))
    unmet = circle.unmet_needs()
    parts: list[object] = [tag("h3", "Repair agreement (preview)")]
    parts.append(tag("ol", join(items)) if items else tag("p", "No actions agreed yet.",
                                                          class_="ck-empty"))
    if unmet:
        parts += [tag("h4", "Needs no action answers yet"),
                  tag("ul", join(tag("li", f"{n.category.label}: {n.own_words}")
                                 for n in unmet))]
    return tag("div", join(parts), class_="ck-preview")


def signing_parties(circle: Circle) -> list[tuple[str, str]]:
    """Everyone who signs an agreement item: every participant except facilitators."""
    return [(p.alias, p.id) for p in circle.participants
            if set(p.roles) - {Role.FACILITATOR} or not p.roles]
