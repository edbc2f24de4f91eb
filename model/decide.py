"""If this client goes, or pays a new rate, what happens to my money, time and risk?

Definitions (the Decide page, ``python -m model simulate`` and the report use exactly these):

- A client's *contribution* is its profit when the data has a profit column, else
  ``revenue − hours × cost per hour`` with the user's own cost per hour (no cost: no
  contribution, never a made-up default).
- Concentration is over the remaining named clients' revenue, negatives clipped to 0:
  ``top_client_share = max / total``, ``hhi = Σ share²`` (0–1), ``gini`` as the Pareto page's.
- Refilling a share ``f`` of the freed hours adds ``f × freed_hours`` hours and
  ``f × freed_hours × replacement_rate`` revenue (and, with a cost per hour, its profit);
  concentration leaves the refill out.
- ``break_even_refill = revenue lost / (freed_hours × replacement_rate)``.
- ``effective_rate = revenue / hours`` over the whole book (``None`` without hours).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from model import fields, pareto

NO_CLIENT_KEY = fields.client_key("(no client)")


@dataclass(frozen=True)
class Book:
    """The whole book of clients at a glance."""

    clients: int
    revenue: float
    hours: float | None
    effective_rate: float | None
    profit: float | None
    top_client_share: float | None
    hhi: float | None
    gini: float | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Simulation:
    before: Book
    after: Book
    dropped: list[str]
    repriced: dict[str, float]
    refill: float
    freed_hours: float
    replacement_rate: float | None
    break_even_refill: float | None
    revenue_lost: float
    collect_first: list[dict[str, Any]]  # {key, client, outstanding}
    largest_after: str | None  # the client with the top share afterwards
    reprice_gain: float = 0.0  # what the new rates add for the same hours (negative: less)

    def as_dict(self, names: Mapping[str, str]) -> dict[str, Any]:
        return {
            "before": self.before.as_dict(),
            "after": self.after.as_dict(),
            "dropped": [names.get(k, k) for k in self.dropped],
            "repriced": {names.get(k, k): rate for k, rate in self.repriced.items()},
            "refill": self.refill,
            "freed_hours": self.freed_hours,
            "replacement_rate": self.replacement_rate,
            "break_even_refill": self.break_even_refill,
            "collect_first": [
                {"client": c["client"], "outstanding": c["outstanding"]} for c in self.collect_first
            ],
        }


def _column(clients: pd.DataFrame, name: str) -> np.ndarray:
    if name not in clients:
        return np.full(len(clients), np.nan)
    return clients[name].to_numpy(dtype=float)


def basis(clients: pd.DataFrame, cost_per_hour: float | None) -> str | None:
    """``profit`` (from the file), ``cost_per_hour`` (the user's), or ``None``: nothing to
    compute a contribution from."""
    if fields.PROFIT in clients and clients[fields.PROFIT].notna().any():
        return "profit"
    if cost_per_hour is not None and fields.REVENUE in clients and fields.HOURS in clients:
        return "cost_per_hour"
    return None


def contribution(clients: pd.DataFrame, cost_per_hour: float | None) -> np.ndarray | None:
    """Each client's contribution (unknown parts as 0), or ``None`` without a basis."""
    found = basis(clients, cost_per_hour)
    values: np.ndarray
    if found == "profit":
        values = np.nan_to_num(_column(clients, fields.PROFIT))
    elif found == "cost_per_hour":
        revenue = np.nan_to_num(_column(clients, fields.REVENUE))
        values = revenue - np.nan_to_num(_column(clients, fields.HOURS)) * float(cost_per_hour or 0)
    else:
        return None
    return values


def concentration(
    revenue: np.ndarray, named: np.ndarray
) -> tuple[float | None, float | None, float | None]:
    """Top client's share, HHI and Gini over the named clients' revenue (negatives as 0)."""
    values = np.clip(np.nan_to_num(revenue[named]), 0, None)
    total = values.sum()
    if total <= 0:
        return None, None, None
    shares = values / total
    return float(shares.max()), float((shares**2).sum()), pareto.gini(values)


def _book(
    revenue: np.ndarray,
    hours: np.ndarray,
    profit: np.ndarray | None,
    named: np.ndarray,
    extra: tuple[float, float, float | None] = (0.0, 0.0, None),
) -> Book:
    """A book from per-client columns plus a refill's (revenue, hours, profit)."""
    add_revenue, add_hours, add_profit = extra
    total_revenue = float(np.nansum(revenue)) + add_revenue
    known_hours = not np.isnan(hours).all()
    total_hours = float(np.nansum(hours)) + add_hours if known_hours else None
    rate = total_revenue / total_hours if total_hours else None
    total_profit = None
    if profit is not None:
        total_profit = float(np.nansum(profit)) + (add_profit or 0.0)
    top, hhi, gini = concentration(revenue, named)
    return Book(len(revenue), total_revenue, total_hours, rate, total_profit, top, hhi, gini)


def book(clients: pd.DataFrame, cost_per_hour: float | None = None) -> Book:
    named = clients[fields.KEY].to_numpy() != NO_CLIENT_KEY
    return _book(
        _column(clients, fields.REVENUE),
        _column(clients, fields.HOURS),
        contribution(clients, cost_per_hour),
        named,
    )


def median_rate(clients: pd.DataFrame) -> float | None:
    """The median effective rate of clients with revenue and hours (the usual replacement)."""
    revenue, hours = _column(clients, fields.REVENUE), _column(clients, fields.HOURS)
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = revenue / hours
    rates = rates[(hours > 0) & np.isfinite(rates)]
    return float(np.median(rates)) if len(rates) else None


def simulate(
    clients: pd.DataFrame,
    drop: Sequence[str] = (),
    reprice: Mapping[str, float] | None = None,
    *,
    refill: float = 0.0,
    replacement_rate: float | None = None,
    cost_per_hour: float | None = None,
) -> Simulation:
    """Before and after letting ``drop`` go and repricing ``reprice`` (key → new hourly rate),
    refilling a share ``refill`` of the freed hours at ``replacement_rate`` (default: the
    median effective rate of the clients that remain)."""
    reprice = dict(reprice or {})
    keys = clients[fields.KEY].astype(str).to_numpy()
    leaving = np.isin(keys, list(drop))
    revenue, hours = _column(clients, fields.REVENUE), _column(clients, fields.HOURS)
    profit = contribution(clients, cost_per_hour)
    before = _book(revenue, hours, profit, keys != NO_CLIENT_KEY)

    new_revenue = revenue.copy()
    new_profit = None if profit is None else profit.copy()
    for key, new_rate in reprice.items():
        at = np.flatnonzero(keys == key)
        repriced = np.nan_to_num(hours[at]) * new_rate
        if new_profit is not None:
            new_profit[at] += repriced - np.nan_to_num(revenue[at])
        new_revenue[at] = repriced
    stay = ~leaving
    remaining = clients.loc[stay].assign(**{fields.REVENUE: new_revenue[stay]})
    rate = replacement_rate if replacement_rate is not None else median_rate(remaining)
    freed = float(np.nansum(hours[leaving]))
    lost = float(np.nansum(revenue[leaving]))
    refill_hours = refill * freed
    refill_revenue = refill_hours * (rate or 0.0)
    refill_profit = None
    if cost_per_hour is not None:
        refill_profit = refill_revenue - refill_hours * cost_per_hour
    after = _book(
        new_revenue[stay],
        hours[stay],
        None if new_profit is None else new_profit[stay],
        keys[stay] != NO_CLIENT_KEY,
        (refill_revenue, refill_hours, refill_profit),
    )
    with np.errstate(over="ignore", divide="ignore"):
        break_even = lost / (freed * rate) if freed > 0 and rate else None
        # A rate near zero: no count of hours (none that can be written) makes up for it.
        if break_even is not None and not np.isfinite(break_even * freed):
            break_even = None
    owed = _column(clients, fields.OUTSTANDING)
    names = clients[fields.CLIENT].astype(str).to_numpy()
    collect = [
        {"key": keys[i], "client": names[i], "outstanding": float(owed[i])}
        for i in np.flatnonzero(leaving & (np.nan_to_num(owed) > 0))
    ]
    named_stay = stay & (keys != NO_CLIENT_KEY)
    largest = None
    if named_stay.any() and np.nansum(np.clip(new_revenue[named_stay], 0, None)) > 0:
        largest = str(keys[named_stay][int(np.nanargmax(new_revenue[named_stay]))])
    return Simulation(
        before,
        after,
        [str(k) for k in keys[leaving]],
        reprice,
        refill,
        freed,
        rate,
        break_even,
        lost,
        collect,
        largest,
        float(np.nansum(new_revenue[stay] - np.nan_to_num(revenue[stay]))),
    )


@dataclass(frozen=True)
class Whale:
    """Clients sorted by contribution, best first, with the cumulative share of the total."""

    table: pd.DataFrame  # key, client, contribution, cumulative_share
    total: float
    peak_share: float | None
    clients_at_peak: int
    negative_clients: int
    negative_total: float

    def summary(self, basis_name: str, cost_per_hour: float | None) -> dict[str, Any]:
        return {
            "basis": basis_name,
            "cost_per_hour": cost_per_hour,
            "total": self.total,
            "peak_share": self.peak_share,
            "clients_at_peak": self.clients_at_peak,
            "negative_clients": self.negative_clients,
            "negative_total": self.negative_total,
        }


def whale_curve(clients: pd.DataFrame, values: np.ndarray) -> Whale:
    """The whale curve: it can rise above 100% (the best clients bring more than all the
    profit) and falls back to 100% as the clients who lose money are added."""
    order = np.argsort(-values, kind="stable")
    sorted_values = values[order]
    total = float(sorted_values.sum())
    running = np.cumsum(sorted_values)
    shares = running / total if total > 0 else np.full(len(running), np.nan)
    table = pd.DataFrame(
        {
            fields.KEY: clients[fields.KEY].to_numpy()[order],
            fields.CLIENT: clients[fields.CLIENT].astype(str).to_numpy()[order],
            "contribution": sorted_values,
            "cumulative_share": shares,
        }
    )
    peak = int(np.argmax(running)) if len(running) else -1
    negative = sorted_values < 0
    return Whale(
        table,
        total,
        float(shares[peak]) if total > 0 and peak >= 0 else None,
        peak + 1,
        int(negative.sum()),
        float(sorted_values[negative].sum()),
    )


def portfolio(clients: pd.DataFrame, values: np.ndarray) -> pd.DataFrame:
    """Letting go of the k lowest contributors, k = 0 … n: profit and hours left, and who the
    k-th client was (so the user sees where dropping more stops paying)."""
    order = np.argsort(values, kind="stable")
    hours = np.nan_to_num(_column(clients, fields.HOURS))[order]
    dropped_profit = np.concatenate([[0.0], np.cumsum(values[order])])
    dropped_hours = np.concatenate([[0.0], np.cumsum(hours)])
    names = clients[fields.CLIENT].astype(str).to_numpy()[order]
    return pd.DataFrame(
        {
            "k": np.arange(len(values) + 1),
            "client": np.concatenate([[""], names]),
            "profit": values.sum() - dropped_profit,
            "hours": hours.sum() - dropped_hours,
        }
    )


def report_section(clients: pd.DataFrame, cost_per_hour: float | None) -> dict[str, Any] | None:
    """``contribution`` of the report, or ``None`` when there is nothing to compute."""
    found = basis(clients, cost_per_hour)
    values = contribution(clients, cost_per_hour)
    if found is None or values is None:
        return None
    return whale_curve(clients, values).summary(found, cost_per_hour)


def verdict(
    sim: Simulation, names: Mapping[str, str], lang: str, currency: str | None
) -> list[str]:
    """The simulation in plain words, one sentence per fact (page, Markdown and CLI alike)."""
    from model import i18n

    def money(value: float | None) -> str:
        return i18n.format_money(value, lang, currency)

    def listed(keys: Sequence[str]) -> str:
        return ", ".join(names.get(k, k) for k in keys)

    say: list[str] = []
    if not sim.dropped and not sim.repriced:
        return [i18n.translate(lang, "decide.verdict.nothing")]
    if sim.dropped:
        params = {
            "clients": listed(sim.dropped),
            "n": len(sim.dropped),
            "hours": i18n.format_hours(sim.freed_hours, lang),
            "lost": money(sim.revenue_lost),
            "rate": money(sim.replacement_rate),
        }
        if sim.break_even_refill is None:
            say.append(i18n.translate(lang, "decide.verdict.drop_no_rate", **params))
        elif sim.break_even_refill <= 1:
            share = i18n.format_percent(sim.break_even_refill, lang)
            say.append(i18n.translate(lang, "decide.verdict.drop", share=share, **params))
        else:
            gap = sim.revenue_lost - sim.freed_hours * (sim.replacement_rate or 0)
            say.append(i18n.translate(lang, "decide.verdict.drop_short", gap=money(gap), **params))
    if sim.repriced:
        say.append(
            i18n.translate(
                lang,
                "decide.verdict.reprice",
                clients=listed(list(sim.repriced)),
                n=len(sim.repriced),
                change=money(sim.reprice_gain),
            )
        )
    if sim.after.profit is not None and sim.before.profit is not None:
        say.append(
            i18n.translate(
                lang,
                "decide.verdict.profit",
                before=money(sim.before.profit),
                after=money(sim.after.profit),
            )
        )
    if sim.largest_after is not None and sim.after.top_client_share is not None:
        say.append(
            i18n.translate(
                lang,
                "decide.verdict.largest",
                client=names.get(sim.largest_after, sim.largest_after),
                share=i18n.format_percent(sim.after.top_client_share, lang),
            )
        )
    return say
