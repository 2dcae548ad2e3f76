"""Harm reduction first: no agreement may cost anyone a lifesaving service, or make repair
conditional on abstinence, treatment, drug tests or police.

An item is checked two ways: what it says it keeps someone from (``keeps_from``, chosen from
the shared-services vocabulary), and words in its action that make repair conditional, in the
five languages the app speaks (a net, not a judge: a false alarm is answered like a true one,
by changing the item or keeping it with the affected person's agreement). Until an item's
warnings are answered, nobody signs it.
"""

from __future__ import annotations

import re

from ..i18n import _
from .circle import Circle
from .records import AgreementItem
from .vocab import LIFESAVING

# Repair made conditional on abstinence, treatment, testing or police, as people write it,
# language by language. Police as such is not a condition ("a plan for police stops"); calling
# them in, or a report to them, is.
CONDITIONAL = re.compile("|".join([
    r"\bsober|\babstain|\babstinen|\b(stay|stays|staying|be|get|gets|remain|remains) clean\b|"
    r"\bdrug[- ]?(free|test)|\burine|\brehab|\bdetox|\b(enter|enters|complete|completes|"
    r"attend|attends|goes? (in)?to) treatment|\b(call|calls|calling|involve|involves) (the )?"
    r"police|\breport(s|ed)? (him|her|them|it) to (the )?police|\bpolice report|"
    r"\bpress(es)? charges",
    r"\bsobri|\babstinen|\bse mantiene limpi|\banálisis de orina|\bprueba(s)? de drogas|"
    r"\bdesintoxica|\bentra(r)? (a|en) tratamiento|\bllamar a la policía|\bdenunci",
    r"\bsevr|\bdésintox|\btest(s)? urinaire|\bdépistage|\bsuivre un traitement|"
    r"\bappeler la police|\bporter plainte",
    r"трезв|воздерж|тест\w* на наркотики|анализ\w* мочи|реабилитац|пройти лечение|"
    r"вызвать полицию|заявлени\w* в полицию",
    r"тверез|утрим\w* від|тест\w* на наркотики|аналіз\w* сечі|реабілітац|пройти лікування|"
    r"викликати поліцію|заяв\w* до поліції",
]), re.IGNORECASE)


def item_warnings(item: AgreementItem) -> list[str]:
    """What in ``item`` harm-reduction practice rejects, as plain sentences."""
    found = []
    barred = [s for s in item.keeps_from if s in LIFESAVING]
    if barred:
        found.append(_("This item keeps someone from a lifesaving service ({services}). "
                       "Agree other days or hours, another site, an escort or a staff "
                       "contact instead.").format(
                           services=", ".join(s.label for s in barred)))
    if CONDITIONAL.search(item.action):
        found.append(_("This item may make repair conditional on abstinence, treatment, "
                       "drug tests or police. Repair never depends on them."))
    return found


def answered(item: AgreementItem) -> bool:
    """Whether the item's warnings were answered: none, or kept with a reason the person it
    affects agreed to."""
    return not item_warnings(item) or bool(item.kept_because.strip() and item.kept_agreed)


def unanswered_items(circle: Circle) -> list[int]:
    """The numbers of the agreement items nobody may sign yet."""
    return [i for i, item in enumerate(circle.agreement, 1) if not answered(item)]


__all__ = ["CONDITIONAL", "answered", "item_warnings", "unanswered_items"]
