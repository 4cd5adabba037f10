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
