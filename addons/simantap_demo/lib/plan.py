"""How each demo civil servant spent each working day: pure and deterministic (a
seeded random draw per employee), so that the demo reads like a real month and a
second install tells the same story."""

import random
from dataclasses import dataclass

# (share of days late, share of days leaving early, share of days absent)
PROFILES = {
    "steady": (0.05, 0.03, 0.0),
    "careless": (0.35, 0.12, 0.08),
}


@dataclass(frozen=True)
class DayPlan:
    """``present`` False: absent without notice (TK).  Otherwise the minutes
    after the start of work they arrived (``late``, negative: early) and before
    its end they left (``early``, negative: after)."""

    present: bool
    late: int = 0
    early: int = 0


def plan_days(seed, days, profile="steady"):
    """``{day: DayPlan}`` for the working ``days`` of the employee ``seed``."""
    late_share, early_share, absent_share = PROFILES[profile]
    rng = random.Random(f"simantap-demo:{seed}")
    plans = {}
    for day in sorted(days):
        roll = rng.random()
        arrive = -rng.randint(3, 25)
        leave = -rng.randint(0, 20)
        if roll < absent_share:
            plans[day] = DayPlan(False)
            continue
        roll -= absent_share
        if roll < late_share:
            arrive = rng.choice(
                (rng.randint(1, 30), rng.randint(1, 30), rng.randint(31, 75))
            )
        elif roll < late_share + early_share:
            leave = rng.randint(10, 50)
        plans[day] = DayPlan(True, arrive, leave)
    return plans
