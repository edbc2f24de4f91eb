"""A transparent red-flag score from the signs the advice names, for before there are labels.

Each flag grows from 0 (fine) to 1 (clearly a problem) between two visible thresholds; the
score is the weighted mean of the flags a client has data for, so 0..1 like a probability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model import fields


@dataclass(frozen=True)
class Flag:
    """``column`` at ``fine`` scores 0 and at ``bad`` scores 1 (linear between, clipped)."""

    name: str
    column: str
    fine: float
    bad: float
    weight: float


def flags_for(clients: pd.DataFrame) -> list[Flag]:
    """The article's signs, with thresholds; the rate flag is relative to the user's median."""
    median_rate = (
        float(clients[fields.EFFECTIVE_RATE].median())
        if fields.EFFECTIVE_RATE in clients and clients[fields.EFFECTIVE_RATE].notna().any()
        else float("nan")
    )
    candidates = [
        Flag("slow_payer", fields.DAYS_LATE, 5, 45, 2.0),
        Flag("owes_money", "outstanding_share", 0, 0.5, 1.5),
        Flag("after_hours", fields.AFTER_HOURS, 2, 20, 1.5),
        Flag("after_hours_share", fields.AFTER_HOURS_SHARE, 0.1, 0.5, 1.5),
        Flag("revisions", fields.REVISIONS, 2, 8, 1.0),
        Flag("scope_creep", fields.SCOPE_CHANGES, 1, 6, 1.0),
        Flag("low_rate", fields.EFFECTIVE_RATE, median_rate, median_rate / 2, 1.5),
        Flag("unhappy", fields.SATISFACTION, 4, 1, 1.5),
    ]
    if clients.empty:
        return candidates  # the full list, for showing the weights
    available = set(_signals(clients).columns)
    return [f for f in candidates if f.column in available and np.isfinite([f.fine, f.bad]).all()]


def _signals(clients: pd.DataFrame) -> pd.DataFrame:
    signals = clients.copy()
    if fields.OUTSTANDING in clients and fields.REVENUE in clients:
        revenue = clients[fields.REVENUE].where(clients[fields.REVENUE] > 0)
        signals["outstanding_share"] = (clients[fields.OUTSTANDING] / revenue).clip(0, 10)
    return signals


def flag_strengths(clients: pd.DataFrame, flags: list[Flag]) -> pd.DataFrame:
    """One column per flag: 0..1, NaN where the client has no value for it."""
    signals = _signals(clients)
    out = {}
    for flag in flags:
        value = signals[flag.column].astype(float)
        out[flag.name] = ((value - flag.fine) / (flag.bad - flag.fine)).clip(0, 1)
    return pd.DataFrame(out, index=clients.index)


def red_flag_scores(clients: pd.DataFrame) -> pd.Series:
    """The weighted mean of available flags per client (0..1); NaN when none applies."""
    flags = flags_for(clients)
    if not flags:
        return pd.Series(np.nan, index=clients.index)
    strengths = flag_strengths(clients, flags)
    weights = pd.Series({f.name: f.weight for f in flags})
    present = strengths.notna()
    weighted = (strengths.fillna(0) * weights).sum(axis=1)
    total = (present * weights).sum(axis=1)
    return (weighted / total.where(total > 0)).rename("red_flag_score")


def top_flags(clients: pd.DataFrame, *, limit: int = 3) -> list[list[tuple[str, float, float]]]:
    """For each client, its strongest flags as ``(flag name, value, strength)``."""
    flags = flags_for(clients)
    strengths = flag_strengths(clients, flags)
    signals = _signals(clients)
    result: list[list[tuple[str, float, float]]] = []
    by_name = {f.name: f for f in flags}
    for pos in range(len(clients)):
        row = strengths.iloc[pos].dropna()
        row = row[row > 0].sort_values(ascending=False).head(limit)
        result.append(
            [
                (str(name), float(signals[by_name[str(name)].column].iloc[pos]), float(value))
                for name, value in row.items()
            ]
        )
    return result


def weights_table(clients: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The flags in use with their thresholds and weights, for showing how the score is made."""
    from model import i18n

    rows = []
    for flag in flags_for(clients):
        rows.append(
            {
                i18n.translate(lang, "flags.col.flag"): i18n.translate(
                    lang, f"flags.name.{flag.name}"
                ),
                i18n.translate(lang, "flags.col.fine"): i18n.format_number(flag.fine, lang, 1),
                i18n.translate(lang, "flags.col.bad"): i18n.format_number(flag.bad, lang, 1),
                i18n.translate(lang, "flags.col.weight"): i18n.format_number(flag.weight, lang, 1),
            }
        )
    return pd.DataFrame(rows)
