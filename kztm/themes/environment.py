"""Computations of the environment chapter: the Caspian level trend, its projection, the Aral change.

The Caspian trend is an ordinary least-squares line through the altimetry observations
(level in metres against decimal years). Its band is a 95 % *prediction* band: the range in
which a single future observation would fall if the straight-line trend continued and the
residuals were independent and normal, ``ŷ ± 1.96·σ·sqrt(1 + 1/n + (t − t̄)² / Sxx)``, with
``σ`` the residual standard error. It includes the seasonal swing around the trend; it does not
include the risk that the trend itself changes, and because the residuals are autocorrelated it
understates the uncertainty of the slope.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

Z95 = 1.959963984540054  # two-sided 95 % quantile of the normal distribution


def decimal_year(dates) -> np.ndarray:
    """Dates → decimal years (2020-07-02 → about 2020.5), accounting for leap years."""
    d = pd.to_datetime(pd.Series(dates))
    start = pd.to_datetime(d.dt.year.astype(str) + "-01-01")
    end = pd.to_datetime((d.dt.year + 1).astype(str) + "-01-01")
    return (d.dt.year + (d - start) / (end - start)).to_numpy(dtype=float)


@dataclass(frozen=True)
class TrendFit:
    slope: float        # units per year
    intercept: float    # value at year 0 (use predict, not this, for interpretation)
    sigma: float        # residual standard error
    n: int
    t_mean: float
    sxx: float          # sum of squared deviations of t from its mean
    t_first: float
    t_last: float

    @property
    def slope_se(self) -> float:
        """Standard error of the slope (assumes independent residuals)."""
        return self.sigma / math.sqrt(self.sxx)

    def predict(self, t) -> np.ndarray:
        return self.intercept + self.slope * np.asarray(t, dtype=float)

    def prediction_halfwidth(self, t, z: float = Z95) -> np.ndarray:
        """Half-width of the prediction band for a single observation at ``t``."""
        t = np.asarray(t, dtype=float)
        return z * self.sigma * np.sqrt(1 + 1 / self.n + (t - self.t_mean) ** 2 / self.sxx)

    def years_to_fall(self, depth: float) -> float:
        """Years for the trend to fall by ``depth`` (inf if the trend is not falling)."""
        if depth < 0:
            raise ValueError("depth must not be negative.")
        if self.slope >= 0:
            return math.inf
        return depth / -self.slope


def linear_trend(t, y) -> TrendFit:
    """Least-squares straight line y = a + b·t (numpy), with its residual standard error."""
    t = np.asarray(t, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = ~(np.isnan(t) | np.isnan(y))
    t, y = t[keep], y[keep]
    if len(t) < 3:
        raise ValueError(f"A trend needs at least 3 observations, not {len(t)}.")
    design = np.column_stack([np.ones_like(t), t])
    (a, b), *_ = np.linalg.lstsq(design, y, rcond=None)
    residuals = y - (a + b * t)
    sigma = math.sqrt(float(residuals @ residuals) / (len(t) - 2))
    t_mean = float(t.mean())
    sxx = float(((t - t_mean) ** 2).sum())
    if sxx == 0:
        raise ValueError("A trend needs observations at more than one time.")
    return TrendFit(float(b), float(a), sigma, len(t), t_mean, sxx, float(t.min()), float(t.max()))


def caspian_with_time(levels: pd.DataFrame) -> pd.DataFrame:
    """Add ``t`` (decimal year) and ``year`` to the Caspian level series."""
    out = levels.copy()
    out["t"] = decimal_year(out["date"])
    out["year"] = pd.to_datetime(out["date"]).dt.year
    return out


def fit_caspian(levels: pd.DataFrame, start_year: int, end_year: int) -> TrendFit:
    """Trend of the Caspian level over the observations from ``start_year`` through ``end_year``."""
    rows = caspian_with_time(levels)
    rows = rows[rows.year.between(start_year, end_year)]
    if rows.empty:
        raise LookupError(f"No Caspian level observations in {start_year}–{end_year}.")
    return linear_trend(rows["t"], rows["level_m"])


def annual_means(levels: pd.DataFrame, min_observations: int = 30) -> pd.DataFrame:
    """Annual mean level with the number of observations; ``complete`` when a year has enough of them.

    Partial years (the series starts in September 1992 and ends in July 2023) are biased by the
    seasonal cycle, so comparisons of years use complete years only.
    """
    rows = caspian_with_time(levels)
    out = rows.groupby("year").agg(level_m=("level_m", "mean"), observations=("level_m", "size")).reset_index()
    out["complete"] = out["observations"] >= min_observations
    return out


def projection_table(fit: TrendFit, to_year: int, from_t: float | None = None, step: float = 0.5) -> pd.DataFrame:
    """Trend and 95 % prediction band from ``from_t`` (default: the last observation) to ``to_year``."""
    start = fit.t_last if from_t is None else from_t
    t = np.arange(start, to_year + 1e-9, step)
    if len(t) == 0 or t[-1] < to_year:
        t = np.append(t, float(to_year))
    mid = fit.predict(t)
    half = fit.prediction_halfwidth(t)
    return pd.DataFrame({"t": t, "trend_m": mid, "lower_m": mid - half, "upper_m": mid + half})


def share_change_pct(first: float, last: float) -> float:
    """Change from ``first`` to ``last`` in % of ``first``."""
    if first == 0:
        raise ZeroDivisionError("share_change_pct with a zero starting value")
    return (last - first) / first * 100


# --- observed level, estimates of their real year, one vintage per country (issue 11) -----------------

def observed_level(levels: pd.DataFrame, end_year: int, months: int = 12) -> dict:
    """The observed Caspian level: the mean of the observations in the ``months`` months up to the last
    observation in or before ``end_year`` (a whole number of seasonal cycles when ``months`` is 12, so the
    seasonal swing cancels out).

    ``levels``: dataset ``caspian_level`` (date, level_m). Returns ``{"t": decimal year at the middle of the
    window, "level_m": metres, "first_date", "last_date": pandas Timestamps, "n": observations}``.
    Raises ``LookupError`` when there is no observation up to ``end_year``.
    """
    rows = caspian_with_time(levels)
    rows = rows[rows.year <= end_year].sort_values("t")
    if rows.empty:
        raise LookupError(f"No Caspian level observation up to {end_year}.")
    last = rows.t.iloc[-1]
    window = rows[rows.t > last - months / 12]
    return {"t": float((window.t.min() + window.t.max()) / 2), "level_m": float(window.level_m.mean()),
            "first_date": pd.Timestamp(window.date.iloc[0]), "last_date": pd.Timestamp(window.date.iloc[-1]),
            "n": len(window)}


def anchored_projection(fit: TrendFit, anchor_t: float, anchor_level: float, to_year: int,
                        step: float = 0.5) -> pd.DataFrame:
    """The trend's slope projected from an observed level rather than from the fitted line.

    Returns t (decimal years from ``anchor_t`` to ``to_year``), level_m (``anchor_level`` + slope·(t − anchor_t)),
    lower_m and upper_m (the fit's 95 % prediction band around ``level_m``: the same width as around the
    fitted line, moved with it), and trend_m (the fitted line, for comparison), all in metres.
    """
    t = np.arange(anchor_t, to_year + 1e-9, step)
    if len(t) == 0 or t[-1] < to_year:
        t = np.append(t, float(to_year))
    level = anchor_level + fit.slope * (t - anchor_t)
    half = fit.prediction_halfwidth(t)
    return pd.DataFrame({"t": t, "level_m": level, "lower_m": level - half, "upper_m": level + half,
                         "trend_m": fit.predict(t)})


def latest_estimates(water: pd.DataFrame, column: str = "withdrawals_pct_internal") -> pd.DataFrame:
    """Each country's latest value of ``column`` in dataset ``water`` with the year it really estimates.

    The World Bank repeats a country's last estimate in later years (``withdrawals_basis`` "repeated"); the
    real year of a repeated value is the first year of its run. Returns one row per country (index
    country_code) with the latest row's columns plus ``shown_to`` (the latest year the value is shown for),
    ``estimate_year`` (its real year) and ``estimate_basis`` (the basis of the value in that year: reported or
    interpolated).
    """
    out = []
    for _code, rows in water.dropna(subset=[column]).sort_values("year").groupby("country_code", sort=False):
        rows = rows.reset_index(drop=True)
        i = len(rows) - 1
        while i > 0 and rows.withdrawals_basis.iloc[i] == "repeated":
            i -= 1
        latest = rows.iloc[-1].copy()
        latest["shown_to"] = int(latest.year)
        latest["estimate_year"] = int(rows.year.iloc[i])
        latest["estimate_basis"] = rows.withdrawals_basis.iloc[i]
        out.append(latest)
    return pd.DataFrame(out).set_index("country_code")


EMISSIONS_VINTAGES = {"owid_co2_2024": "OWID file with data to 2023",
                      "owid_co2_2020-12-09": "OWID file of December 2020"}


def latest_by_country(emissions: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Each country's latest year in which every one of ``columns`` has a value, from its own vintage.

    ``emissions``: dataset ``emissions`` (one vintage per country, column ``vintage``). Returns one row per
    country (index country_code) with that year's row and ``vintage_label`` (:data:`EMISSIONS_VINTAGES`).
    """
    rows = emissions.dropna(subset=columns).sort_values("year").groupby("country_code").tail(1)
    labels = rows.vintage.map(EMISSIONS_VINTAGES).fillna(rows.vintage)
    return rows.assign(vintage_label=labels).set_index("country_code")
