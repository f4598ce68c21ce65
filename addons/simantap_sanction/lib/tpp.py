"""The arithmetic of one employee's TPP month, under a rule set: no database.

A rule set says, per daily code, how much of the percent base one occurrence, one day,
one month or a number of days in the month (tiers) costs; the month's total is capped;
the percent base is the whole TPP or its discipline component; the deduction in rupiah
is rounded as the rule set says.  Everything is :class:`~decimal.Decimal`, so that
``0.5 + 1.25`` stays exact and a rupiah never drifts.

The result keeps its reasons: one :class:`Detail` per day and code that costs something
(which day, which code, which rule, how many percent), so that an employee can read
why they were cut.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import NamedTuple

HUNDRED = Decimal(100)
ZERO = Decimal(0)
ROUNDING = {"half_up": ROUND_HALF_UP, "down": ROUND_FLOOR, "up": ROUND_CEILING}
# applies_per values of the reference rules
OCCURRENCE, DAY, MONTH, TIER = "occurrence", "day", "month", "tier"
# detail kinds beyond the rule methods
FORFEIT = "forfeit"


def dec(value):
    """A Decimal from an int, a float (through its shortest text) or a Decimal."""
    if isinstance(value, Decimal):
        return value
    if value is None:
        return ZERO
    return Decimal(str(value))


@dataclass(frozen=True)
class Tier:
    """``count_from`` to ``count_to`` days (inclusive; ``None``: no upper bound)."""

    count_from: int
    count_to: int | None
    percent: Decimal

    def covers(self, count):
        return count >= self.count_from and (
            self.count_to is None or count <= self.count_to
        )


@dataclass(frozen=True)
class Rule:
    """How a daily code (or several: ``codes``) costs.  ``key`` maps the rule back to
    its record; ``spot_check`` rules count unanswered spot checks instead of codes."""

    key: object
    label: str
    codes: tuple = ()
    method: str = OCCURRENCE
    percent: Decimal = ZERO
    tiers: tuple = ()
    spot_check: bool = False


@dataclass(frozen=True)
class RuleSet:
    rules: tuple
    cap_percent: Decimal = HUNDRED
    base_share: Decimal = Decimal(1)  # the part of the TPP the percents apply to
    rounding_unit: Decimal = Decimal(1)
    rounding_method: str = "half_up"
    forfeit_tk_run: int = 0  # consecutive TK working days that forfeit the TPP; 0 off
    tk_code: str = "TK"

    @cached_property
    def rule_for(self):
        """``{code: rule}`` of the code rules (computed once per rule set)."""
        mapping = {}
        for rule in self.rules:
            if rule.spot_check:
                continue
            for code in rule.codes:
                if code in mapping:
                    raise ValueError(f"code {code} has two rules")
                mapping[code] = rule
        return mapping


@dataclass
class Month:
    """What happened to one employee in the month: the dates of each daily code,
    the dates of unanswered spot checks, the longest run of TK working days, the
    monthly TPP and the adjustments landing in this month."""

    code_days: dict = field(default_factory=dict)
    spot_days: list = field(default_factory=list)
    max_tk_run: int = 0
    tpp_base: Decimal = ZERO
    adjustment: Decimal = ZERO


class Item(NamedTuple):
    """One rule's share of the month."""

    rule_key: object
    label: str
    count: int
    percent: Decimal


class Detail(NamedTuple):
    """One line of the readable breakdown: on ``day`` (None for a month or tier
    figure), ``code`` cost ``percent`` under rule ``rule_key``; ``count`` is the
    number of days behind a tier or month figure."""

    day: date | None
    code: str
    rule_key: object
    kind: str
    percent: Decimal
    count: int = 1


@dataclass
class Result:
    counts: dict
    items: list
    details: list
    total_percent: Decimal
    capped_percent: Decimal
    forfeited: bool
    tpp_base: Decimal
    percent_base: Decimal
    deduction: Decimal
    adjustment: Decimal
    net: Decimal


def round_amount(amount, unit=Decimal(1), method="half_up"):
    """``amount`` rounded to a multiple of ``unit`` (1, 100, 1000 rupiah...)."""
    unit = dec(unit) or Decimal(1)
    steps = (dec(amount) / unit).quantize(Decimal(1), rounding=ROUNDING[method])
    return steps * unit


def tier_percent(tiers, count):
    for tier in tiers:
        if tier.covers(count):
            return tier
    return None


def _rule_figures(rule, code_days):
    """(count, percent, details) of one rule over ``{code: [days]}`` of its codes
    (each list of days sorted)."""
    if len(code_days) == 1:
        ((code, days),) = code_days.items()
        dated = [(day, code) for day in days]
    else:
        dated = sorted((day, code) for code, days in code_days.items() for day in days)
    count = len(dated)
    if not count:
        return 0, ZERO, []
    if rule.method in (OCCURRENCE, DAY):
        if not rule.percent:
            return count, ZERO, []
        details = [
            Detail(day, code, rule.key, rule.method, rule.percent)
            for day, code in dated
        ]
        return count, rule.percent * count, details
    if rule.method == MONTH:
        if not rule.percent:
            return count, ZERO, []
        first_day, first_code = dated[0]
        detail = Detail(first_day, first_code, rule.key, MONTH, rule.percent, count)
        return count, rule.percent, [detail]
    if rule.method == TIER:
        tier = tier_percent(rule.tiers, count)
        percent = tier.percent if tier else ZERO
        if not percent:
            return count, ZERO, []
        codes = sorted(code_days)
        detail = Detail(None, " ".join(codes), rule.key, TIER, percent, count)
        return count, percent, [detail]
    raise ValueError(f"unknown method {rule.method}")


def compute(rule_set, month):
    """The :class:`Result` of ``month`` under ``rule_set``."""
    mapping = rule_set.rule_for
    counts = {code: len(days) for code, days in month.code_days.items() if days}
    by_rule = {}
    for code, days in month.code_days.items():
        rule = mapping.get(code)
        if rule and days:
            by_rule.setdefault(rule.key, {})[code] = days
    items, details = [], []
    total = ZERO
    for rule in rule_set.rules:
        if rule.spot_check:
            code_days = {rule.label: month.spot_days} if month.spot_days else None
        else:
            code_days = by_rule.get(rule.key)
        if not code_days:
            continue
        count, percent, rule_details = _rule_figures(rule, code_days)
        if not count:
            continue
        items.append(Item(rule.key, rule.label, count, percent))
        details.extend(rule_details)
        total += percent
    if month.spot_days:
        counts["SPOT"] = len(month.spot_days)
    capped = min(total, dec(rule_set.cap_percent))
    tpp_base = dec(month.tpp_base)
    percent_base = tpp_base * dec(rule_set.base_share)
    forfeited = bool(
        rule_set.forfeit_tk_run and month.max_tk_run >= rule_set.forfeit_tk_run
    )
    if forfeited:
        deduction = round_amount(
            tpp_base, rule_set.rounding_unit, rule_set.rounding_method
        )
        details.append(
            Detail(
                None,
                rule_set.tk_code,
                None,
                FORFEIT,
                HUNDRED,
                month.max_tk_run,
            )
        )
    else:
        deduction = round_amount(
            percent_base * capped / HUNDRED,
            rule_set.rounding_unit,
            rule_set.rounding_method,
        )
    details.sort(key=lambda d: (d.day is None, d.day or date.min, d.code))
    adjustment = dec(month.adjustment)
    return Result(
        counts=counts,
        items=items,
        details=details,
        total_percent=total,
        capped_percent=capped,
        forfeited=forfeited,
        tpp_base=tpp_base,
        percent_base=percent_base,
        deduction=deduction,
        adjustment=adjustment,
        net=tpp_base - deduction - adjustment,
    )


def counts_text(counts):
    """``{'TL1': 2, 'TK': 1}`` as ``'TK 1, TL1 2'`` (stable order)."""
    return ", ".join(f"{code} {counts[code]}" for code in sorted(counts))
