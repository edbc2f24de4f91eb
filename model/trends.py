"""Is a client getting better or worse? One robust slope per client and metric.

A client's series runs from its first to its last month with any dated row. Sums (revenue,
hours) count a month without rows as 0; averages (effective rate, days late, after-hours share)
use only the months that have rows. x is months since the series' first month. The slope is
Theil–Sen with a 90% band; with fewer than 4 points the direction is ``unknown``; else ``up``
when the whole band is above 0, ``down`` when it is below, otherwise ``flat``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import theilslopes

from model import fields
from model.ingest.monthly import MONTH

MIN_POINTS = 4
BAND = 0.90
SUMMED = (fields.REVENUE, fields.HOURS)
AVERAGED = (fields.EFFECTIVE_RATE, fields.DAYS_LATE, fields.AFTER_HOURS_SHARE)
METRICS = (*SUMMED, *AVERAGED)
# Whether a rise is good news for the user (``None``: neither, e.g. more hours).
GOOD_WHEN_UP: dict[str, bool | None] = {
    fields.REVENUE: True,
    fields.HOURS: None,
    fields.EFFECTIVE_RATE: True,
    fields.DAYS_LATE: False,
    fields.AFTER_HOURS_SHARE: False,
}


@dataclass(frozen=True)
class Trend:
    points: int
    slope_per_month: float | None
    low: float | None
    high: float | None
    direction: str  # "up", "down", "flat" or "unknown"
    series: tuple[float | None, ...]  # month by month, for a sparkline (None: no rows)
    metric: str = ""

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 6)

        return {
            "points": self.points,
            "slope_per_month": rounded(self.slope_per_month),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "direction": self.direction,
        }

    @property
    def worse(self) -> bool:
        """Moving the way that is bad news (a falling rate, growing days late)."""
        good = GOOD_WHEN_UP.get(self.metric)
        if good is None or self.direction not in ("up", "down"):
            return False
        return (self.direction == "up") != good


def slope(x: np.ndarray, y: np.ndarray) -> tuple[float | None, float | None, float | None, str]:
    """Theil–Sen slope with its 90% band, and the direction the band allows."""
    if len(y) < MIN_POINTS:
        return None, None, None, "unknown"
    result = theilslopes(y, x, alpha=BAND)
    low, high = float(result.low_slope), float(result.high_slope)
    direction = "up" if low > 0 else "down" if high < 0 else "flat"
    return float(result.slope), low, high, direction


def metric_trend(months: np.ndarray, values: np.ndarray, metric: str, summed: bool) -> Trend:
    """One client's trend for one metric. ``months``: month numbers (year × 12 + month) of the
    rows with any data; ``values`` there (NaN where this metric is unknown that month)."""
    first, last = int(months.min()), int(months.max())
    length = last - first + 1
    dense = np.full(length, np.nan)
    dense[months - first] = values
    if summed:
        if np.isnan(values).all():
            return Trend(0, None, None, None, "unknown", (), metric)
        dense = np.nan_to_num(dense)
    known = ~np.isnan(dense)
    x = np.flatnonzero(known).astype(float)
    y = dense[known]
    if len(y) == 0:
        return Trend(0, None, None, None, "unknown", (), metric)
    value, low, high, direction = slope(x, y)
    series = tuple(None if np.isnan(v) else float(v) for v in dense)
    return Trend(len(y), value, low, high, direction, series, metric)


def client_trends(monthly: pd.DataFrame) -> dict[str, dict[str, Trend]]:
    """Per client key, the trend of each metric the data has (from the monthly table)."""
    present = [m for m in METRICS if m in monthly and monthly[m].notna().any()]
    stamps = pd.to_datetime(monthly[MONTH])
    month_number = (stamps.dt.year * 12 + stamps.dt.month).to_numpy()
    out: dict[str, dict[str, Trend]] = {}
    for key, rows in monthly.groupby(fields.KEY, sort=False).indices.items():
        months = month_number[rows]
        trends: dict[str, Trend] = {}
        for metric in present:
            values = monthly[metric].to_numpy(dtype=float)[rows]
            if np.isnan(values).all():
                continue
            trends[metric] = metric_trend(months, values, metric, metric in SUMMED)
        out[str(key)] = trends
    return out


def getting_worse(trends: dict[str, dict[str, Trend]]) -> dict[str, list[str]]:
    """Clients with at least one metric moving the bad way, and which ones."""
    worse = {
        key: [metric for metric, trend in by_metric.items() if trend.worse]
        for key, by_metric in trends.items()
    }
    return {key: metrics for key, metrics in worse.items() if metrics}


def report_section(names: dict[str, str], trends: dict[str, dict[str, Trend]]) -> dict[str, Any]:
    """``{clients: [{client, metrics: {metric: {points, slope_per_month, low, high,
    direction}}}]}`` in the per-client table's order."""
    clients = [
        {
            "client": names[key],
            "metrics": {metric: trend.as_dict() for metric, trend in trends[key].items()},
        }
        for key in names
        if key in trends
    ]
    return {"clients": clients}
