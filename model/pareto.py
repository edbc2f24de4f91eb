"""Where revenue, hours and trouble go: Pareto shares, Lorenz curves, Gini, effort vs value."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model import fields

TROUBLE_FIELDS: tuple[str, ...] = (
    fields.AFTER_HOURS,
    fields.REVISIONS,
    fields.SCOPE_CHANGES,
    fields.DAYS_LATE,
    fields.OUTSTANDING,
)
CONCENTRATION_LIMIT = 0.25


@dataclass(frozen=True)
class ParetoSummary:
    """The figures for one metric. Shares are 0..1; ``None`` where the total is zero.

    ``top_share`` is the share held by the top ⌈top_fraction·n⌉ clients (``top_n`` of them);
    ``clients_for_threshold`` the fewest clients whose values reach ``threshold`` of the total.
    """

    metric: str
    n: int
    total: float
    top_n: int
    top_share: float | None
    clients_for_threshold: int | None
    gini: float | None
    threshold: float
    top_fraction: float
    negative_clients: list[str] = field(default_factory=list)
    # The only client with a value above zero, when there is just one (the rest have none).
    only_client: str | None = None

    def as_report(self) -> dict[str, object]:
        return {
            "n": self.n,
            "total": round(self.total, 6),
            "top20_share": None if self.top_share is None else round(self.top_share, 6),
            "clients_for_80": self.clients_for_threshold,
            "gini": None if self.gini is None else round(self.gini, 6),
            "negative_clients": self.negative_clients,
        }


def metric_values(clients: pd.DataFrame, metric: str) -> pd.DataFrame:
    """``key``, ``client`` and ``value`` for every client with a value, largest first.

    Negative values are kept as they are here; shares treat them as zero.
    """
    if metric not in clients.columns:
        return pd.DataFrame(columns=[fields.KEY, fields.CLIENT, "value"])
    values = clients[metric].to_numpy(dtype=float, na_value=np.nan)
    kept = np.flatnonzero(np.isfinite(values))
    # Largest first, ties in file order; the names are taken once, already in that order.
    order = kept[np.argsort(-values[kept], kind="stable")]
    frame = clients[[fields.KEY, fields.CLIENT]].take(order).reset_index(drop=True)
    return frame.assign(value=values[order])


def _values_of(clients: pd.DataFrame, metric: str) -> tuple[np.ndarray, list[str]]:
    """The metric's finite values (unsorted) and the names of clients with negative ones."""
    if metric not in clients.columns:
        return np.array([], dtype=float), []
    values = clients[metric].to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(values)
    negative = clients.loc[finite & (values < 0), fields.CLIENT].astype(str).tolist()
    return values[finite], negative


def gini(values: np.ndarray) -> float | None:
    """1 − 2 × the area under the Lorenz curve (population form, negatives as zero).

    >>> gini(np.array([1.0, 1.0, 1.0, 1.0]))
    0.0
    >>> round(gini(np.array([0.0, 0.0, 0.0, 10.0])), 4)
    0.75
    """
    x = np.sort(np.clip(np.asarray(values, dtype=float), 0, None))
    n = len(x)
    total = x.sum()
    if n == 0 or total <= 0:
        return None
    ranks = np.arange(1, n + 1)
    # Clamped: rounding can leave -2e-16 for perfectly equal values.
    return min(1.0, max(0.0, float(2 * (ranks * x).sum() / (n * total) - (n + 1) / n)))


def summarise(
    clients: pd.DataFrame, metric: str, *, threshold: float = 0.8, top_fraction: float = 0.2
) -> ParetoSummary:
    """Pareto figures for ``metric`` over every client that has a value.

    Parameters
    ----------
    threshold : the cumulative share to reach (0.8 for "80% of revenue").
    top_fraction : the share of clients counted as "the top" (0.2 for "top 20%").

    Examples
    --------
    >>> table = pd.DataFrame({"key": list("abcde"), "client": list("ABCDE"),
    ...                       "revenue": [50.0, 30.0, 10.0, 5.0, 5.0]})
    >>> s = summarise(table, "revenue")
    >>> s.top_n, s.top_share, s.clients_for_threshold
    (1, 0.5, 2)
    """
    values, negative = _values_of(clients, metric)
    positive = np.clip(values, 0, None)
    n = len(values)
    total = float(positive.sum())
    top_n = math.ceil(top_fraction * n - 1e-9) if n else 0
    if total <= 0:
        return ParetoSummary(
            metric, n, total, top_n, None, None, None, threshold, top_fraction, negative
        )
    cumulative = np.cumsum(np.sort(positive)[::-1]) / total
    top_share = float(cumulative[top_n - 1]) if top_n else 0.0
    reach = int(np.searchsorted(cumulative, threshold - 1e-12) + 1)
    holders = np.flatnonzero(positive > 0)
    only = None
    if len(holders) == 1:
        finite = np.isfinite(clients[metric].to_numpy(dtype=float, na_value=np.nan))
        only = str(clients.loc[finite, fields.CLIENT].iloc[holders[0]])
    return ParetoSummary(
        metric,
        n,
        total,
        top_n,
        top_share,
        min(reach, n),
        gini(values),
        threshold,
        top_fraction,
        negative,
        only,
    )


def pareto_table(clients: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Every client with a value, largest first, with its share and the cumulative share."""
    frame = metric_values(clients, metric)
    positive = frame["value"].clip(lower=0)
    total = positive.sum()
    frame["share"] = positive / total if total > 0 else np.nan
    frame["cumulative"] = positive.cumsum() / total if total > 0 else np.nan
    frame["rank"] = np.arange(1, len(frame) + 1)
    return frame


def top_with_other(table: pd.DataFrame, top: int) -> tuple[pd.DataFrame, int]:
    """The first ``top`` rows of a Pareto table, plus how many clients the rest holds.

    The rest becomes one bar in the chart; its cumulative share is exact (100%).
    """
    if len(table) <= top + 1:
        return table, 0
    return table.head(top), len(table) - top


def lorenz_curve(values: np.ndarray, *, max_points: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    """Share of clients (x) against share of the total they hold (y), smallest first.

    Starts at (0, 0), ends at (1, 1); down-sampled to ``max_points`` keeping both ends exact.
    """
    x = np.sort(np.clip(np.asarray(values, dtype=float), 0, None))
    n = len(x)
    total = x.sum()
    if n == 0 or total <= 0:
        return np.array([0.0, 1.0]), np.array([0.0, 1.0])
    xs = np.arange(0, n + 1) / n
    ys = np.concatenate([[0.0], np.cumsum(x) / total])
    keep = sample_indices(n + 1, max_points)
    return xs[keep], ys[keep]


def sample_indices(length: int, max_points: int, must: tuple[int, ...] = ()) -> np.ndarray:
    """Evenly spread indices into ``length`` items, always with the ends and ``must``."""
    if length <= max_points:
        return np.arange(length)
    spread = np.linspace(0, length - 1, max_points).round().astype(int)
    return np.unique(np.concatenate([spread, [0, length - 1], np.asarray(must, dtype=int)]))


def cumulative_curve(table: pd.DataFrame, *, max_points: int = 2000) -> pd.DataFrame:
    """The cumulative line of a Pareto table, down-sampled with the threshold crossing exact."""
    if table.empty:
        return table
    crossing = int(np.searchsorted(table["cumulative"].to_numpy(), 0.8 - 1e-12))
    keep = sample_indices(len(table), max_points, (min(crossing, len(table) - 1),))
    return table.iloc[keep]


@dataclass(frozen=True)
class Concentration:
    client: str
    key: str
    share: float


def concentration(clients: pd.DataFrame, limit: float = CONCENTRATION_LIMIT) -> list[Concentration]:
    """Clients that bring more than ``limit`` of revenue: losing one would hurt."""
    if fields.REVENUE not in clients.columns:
        return []
    revenue = clients[fields.REVENUE].to_numpy(dtype=float, na_value=np.nan)
    positive = np.clip(np.nan_to_num(revenue, nan=0.0, posinf=0.0, neginf=0.0), 0, None)
    total = positive.sum()
    if total <= 0:
        return []
    shares = positive / total
    risky = np.flatnonzero(shares > limit)
    return sorted(
        (
            Concentration(
                str(clients[fields.CLIENT].iloc[i]),
                str(clients[fields.KEY].iloc[i]),
                float(shares[i]),
            )
            for i in risky
        ),
        key=lambda c: -c.share,
    )


QUADRANTS = ("costly", "stars", "light", "small")


def effort_value(clients: pd.DataFrame) -> pd.DataFrame:
    """Per client: share of hours, share of revenue, effective rate and a plain-words quadrant.

    Quadrants split at the average share (1/n): ``costly`` = much time, little money;
    ``stars`` = much money for the time; ``light`` = little time, good money;
    ``small`` = little of either.
    """
    need = {fields.REVENUE, fields.HOURS}
    if not need <= set(clients.columns):
        return pd.DataFrame()
    frame = clients[[fields.KEY, fields.CLIENT, fields.REVENUE, fields.HOURS]].dropna()
    frame = frame[(frame[fields.HOURS] >= 0)]
    revenue = frame[fields.REVENUE].clip(lower=0)
    if frame.empty or revenue.sum() <= 0 or frame[fields.HOURS].sum() <= 0:
        return pd.DataFrame()
    frame = frame.assign(
        revenue_share=revenue / revenue.sum(),
        hours_share=frame[fields.HOURS] / frame[fields.HOURS].sum(),
        effective_rate=frame[fields.REVENUE] / frame[fields.HOURS].where(frame[fields.HOURS] > 0),
    )
    fair = 1 / len(frame)
    much_time = frame["hours_share"] >= fair
    much_money = frame["revenue_share"] >= fair
    quadrant = np.select(
        [
            much_time & (frame["revenue_share"] < frame["hours_share"]),
            much_time | (much_money & (frame["revenue_share"] >= frame["hours_share"])),
            ~much_time & (frame["revenue_share"] >= frame["hours_share"]),
        ],
        ["costly", "stars", "light"],
        default="small",
    )
    return frame.assign(quadrant=quadrant).reset_index(drop=True)


def time_sinks(effort: pd.DataFrame, *, ratio: float = 1.5, limit: int = 3) -> pd.DataFrame:
    """Clients whose share of hours is far above their share of revenue, worst first."""
    if effort.empty:
        return effort
    fair = 1 / len(effort)
    gap = effort["hours_share"] - effort["revenue_share"]
    sink = (effort["hours_share"] >= fair / 2) & (
        effort["hours_share"] >= ratio * effort["revenue_share"]
    )
    worst = gap[sink].nlargest(limit, keep="first").index  # (only these rows are copied)
    return effort.loc[worst].assign(gap=gap.loc[worst])


def trouble_metrics(clients: pd.DataFrame, extras: list[str]) -> list[str]:
    """Columns that can measure trouble: the article's signs first, then numeric extras."""
    present = [f for f in TROUBLE_FIELDS if f in clients.columns and clients[f].notna().any()]
    return present + [c for c in extras if c in clients.columns]


def report_section(
    clients: pd.DataFrame, extras: list[str], *, threshold: float = 0.8, top_fraction: float = 0.2
) -> dict[str, dict[str, object]]:
    """The ``pareto`` part of the JSON report: one entry per metric present."""
    metrics = [m for m in (fields.REVENUE, fields.HOURS) if m in clients.columns]
    metrics += [m for m in trouble_metrics(clients, []) if m not in metrics]
    return {
        m: summarise(clients, m, threshold=threshold, top_fraction=top_fraction).as_report()
        for m in metrics
        if clients[m].notna().any()
    }
