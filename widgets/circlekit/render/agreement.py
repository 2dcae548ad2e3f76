"""The repair agreement as the parties would read it (escaped HTML, no widgets)."""

from __future__ import annotations

from ..i18n import _, format_date
from ..model import Circle
from ..model.harm_reduction import answered as warning_answered
from ..model.harm_reduction import item_warnings
from .html import Safe, join, tag

__all__ = ["agreement_html"]


def agreement_html(circle: Circle) -> Safe:
    """The repair agreement as the parties would read it: actions, needs, who, when, sign-offs."""
    needs = {n.id: n for n in circle.needs}
    items = []
    for item in circle.agreement:
        answered = [f"{needs[n].category.label}: {needs[n].own_words}" for n in item.needs
                    if n in needs]
        who = circle.alias(item.responsible)
        if item.support:
            who = _("{who}, with support from {support}").format(
                who=who, support=circle.alias(item.support))
        if item.due:
            who = _("{who}, by {date}").format(who=who, date=format_date(item.due))
        signed = [f"{circle.alias(s.participant)} ({format_date(s.signed_on)})"
                  for s in item.signoffs]
        warnings = [] if warning_answered(item) else item_warnings(item)
        items.append(tag("li", join([
            join(tag("p", join([tag("strong", _("Harm-reduction warning:")), " ", w]),
                     class_="ck-hr-warning", role="note") for w in warnings),
            tag("p", join([tag("strong", item.action), f" ({item.kind.label}, "
                           f"{item.status.label.lower()})"])),
            tag("p", _("Who: {who}.").format(who=who)),
            tag("p", _("Answers: {needs}").format(
                needs="; ".join(answered) if answered else _("no need linked yet"))),
            tag("p", _("Signed by: {names}").format(names=", ".join(signed)) if signed
                else _("Not signed yet.")),
        ])))
    unmet = circle.unmet_needs()
    parts: list[object] = [tag("h3", _("Repair agreement (preview)"))]
    parts.append(tag("ol", join(items)) if items else tag("p", _("No actions agreed yet."),
                                                          class_="ck-empty"))
    if unmet:
        parts += [tag("h4", _("Needs no action answers yet")),
                  tag("ul", join(tag("li", f"{n.category.label}: {n.own_words}")
                                 for n in unmet))]
    return tag("div", join(parts), class_="ck-preview")
