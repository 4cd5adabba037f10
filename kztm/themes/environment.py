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

from ..params import check_number
from ..report import wording
from ..report.prose import render_text

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


# --- the chapter's figures and sentences (issue 10: the notebook calls these and shows the results) ---------
#
# Each ``*_figures`` function returns a dict of named values for ``Chapter.glue``: levels in metres, rates in
# cm a year, areas in thousand km², shares in %, years as int, and plain-text sentences (never markup: the
# chapter's prose templates escape them where they land). ``p`` is the chapter's
# :class:`kztm.params.CommonParams`.


def check_parameters(p, trend_start_year: int, projection_year: int, port_depth_m: float) -> None:
    """Check the environment chapter's own parameters: ``trend_start_year`` a whole year from
    max(``p.start_year``, 1993) to ``p.end_year`` − 5; ``projection_year`` after ``p.end_year``, at most 2100;
    ``port_depth_m`` 0.1 to 5 metres. Raises :class:`kztm.params.ParameterError` naming the parameter and value."""
    check_number("trend_start_year", trend_start_year, minimum=max(p.start_year, 1993), maximum=p.end_year - 5,
                 integer=True)
    check_number("projection_year", projection_year, minimum=p.end_year + 1, maximum=2100, integer=True)
    check_number("port_depth_m", port_depth_m, minimum=0.1, maximum=5)


@dataclass(frozen=True)
class CaspianAnalysis:
    """The Caspian level in the chapter's years: observations, complete annual means, the trend over the
    chosen window and over the last ten years, the observed level and the projection from it (metres)."""

    window: pd.DataFrame      # observations in start_year–end_year (caspian_with_time columns)
    annual: pd.DataFrame      # complete years of annual_means (year, level_m, observations, complete)
    fit: TrendFit             # trend over trend_start_year–end_year
    recent: TrendFit          # trend over the ten years recent_from–end_year
    recent_from: int
    observed: dict            # observed_level: t, level_m, first_date, last_date, n
    projection: pd.DataFrame  # anchored_projection from the observed level to projection_year
    trend_start_year: int
    end_year: int
    projection_year: int

    def trend_line(self, start_year: int) -> pd.DataFrame:
        """The fitted line from max(its first observation, ``start_year``) to its last (columns t, trend_m)."""
        return pd.DataFrame({"t": [max(self.fit.t_first, start_year), self.fit.t_last]}).assign(
            trend_m=lambda d: self.fit.predict(d.t))


def caspian_analysis(caspian: pd.DataFrame, p, trend_start_year: int, projection_year: int) -> CaspianAnalysis:
    """:class:`CaspianAnalysis` of dataset ``caspian_level`` (with :func:`caspian_with_time` columns) for the years
    ``p.start_year``–``p.end_year``. Raises ``LookupError`` or ``ValueError`` when a window has too few observations."""
    window = caspian[caspian.year.between(p.start_year, p.end_year)]
    annual = annual_means(window)
    fit = fit_caspian(caspian, trend_start_year, p.end_year)
    observed = observed_level(caspian, p.end_year)
    return CaspianAnalysis(
        window=window, annual=annual[annual.complete], fit=fit,
        recent=fit_caspian(caspian, p.end_year - 9, p.end_year), recent_from=p.end_year - 9, observed=observed,
        projection=anchored_projection(fit, observed["t"], observed["level_m"], projection_year),
        trend_start_year=trend_start_year, end_year=p.end_year, projection_year=projection_year)


def _year_reached(t_obs: float, fit: TrendFit, depth: float) -> int | None:
    years = fit.years_to_fall(depth)
    return None if math.isinf(years) else math.floor(t_obs + years)


def caspian_figures(a: CaspianAnalysis, port_depth_m: float) -> dict:
    """The Caspian's fall, trend and projection in numbers and sentences.

    First, last and peak complete years and levels (m, rounded to 2 decimals, so that the falls add up as
    printed), the number and last date of observations, both trends (cm a year, signed and as magnitudes, with
    their pace in words), the observed level and the fitted line's gap to it (m), the projection at
    ``a.projection_year`` with its 95% band; ``depth_year`` and ``depth_year_recent`` (the years the level would
    be ``port_depth_m`` metres below the observed level at either trend, when it falls), ``trend_sentence`` and
    ``depth_sentence``.
    """
    first, last = a.annual.iloc[0], a.annual.iloc[-1]
    peak = a.annual.sort_values("level_m").iloc[-1]
    t_obs, obs_level = a.observed["t"], a.observed["level_m"]
    at_proj = a.projection.iloc[-1]
    first_lvl, last_lvl, peak_lvl = round(first.level_m, 2), round(last.level_m, 2), round(peak.level_m, 2)
    trend_cm, recent_cm = a.fit.slope * 100, a.recent.slope * 100
    trend_at_obs = float(a.fit.predict(t_obs))
    figures = {
        "casp_first_year": int(first.year), "casp_first_level": first_lvl,
        "casp_last_year": int(last.year), "casp_last_level": last_lvl, "casp_fall_m": round(first_lvl - last_lvl, 2),
        "casp_peak_year": int(peak.year), "casp_peak_level": peak_lvl,
        "casp_fall_from_peak_m": round(peak_lvl - last_lvl, 2),
        "casp_last_date": pd.Timestamp(a.window.sort_values("t").date.iloc[-1]).strftime("%B %Y"),
        "casp_obs": len(a.window),
        "trend_start_year": a.trend_start_year, "trend_end_year": a.end_year,
        "trend_cm_per_year": trend_cm, "trend_se_cm": a.fit.slope_se * 100, "sigma_cm": a.fit.sigma * 100,
        "recent_from": a.recent_from, "recent_cm_per_year": recent_cm,
        # Magnitudes for prose that says "fell by X cm a year" (the signed keys above are kept).
        "trend_fall_cm_per_year": abs(trend_cm), "recent_fall_cm_per_year": abs(recent_cm),
        "trend_pace": wording.level_pace(trend_cm), "recent_pace": wording.level_pace_noun(recent_cm),
        # The observed level (mean of the last twelve months of observations) and how far the fitted line sits above.
        "obs_level": obs_level, "obs_n": a.observed["n"],
        "obs_window": f"{a.observed['first_date']:%B %Y}–{a.observed['last_date']:%B %Y}",
        "trend_at_obs": trend_at_obs, "trend_gap_m": trend_at_obs - obs_level,
        "trend_gap_words": wording.change_verb(trend_at_obs - obs_level, rising="above", falling="below", flat="at",
                                               digits=2),
        "projection_year": a.projection_year, "proj_level": at_proj.level_m, "proj_lower": at_proj.lower_m,
        "proj_upper": at_proj.upper_m, "proj_level_trend": at_proj.trend_m,
        "proj_halfwidth": (at_proj.upper_m - at_proj.lower_m) / 2, "proj_fall_m": obs_level - at_proj.level_m,
        "proj_fall_recent_m": -a.recent.slope * (a.projection_year - t_obs),
        "ref_level": obs_level, "port_depth_m": float(port_depth_m),
    }
    same_direction = wording.level_verb(trend_cm) == wording.level_verb(recent_cm) == "fell"
    if same_direction and round(abs(recent_cm), 1) != round(abs(trend_cm), 1):
        clause = render_text("it fell {pace}, by {recent_fall_cm_per_year:.1f} cm a year",
                             {**figures, "pace": "faster" if abs(recent_cm) > abs(trend_cm) else "more slowly"})
    else:
        clause = f"it {wording.level_pace(recent_cm)}"
    figures["trend_sentence"] = render_text("On the linear trend since {trend_start_year} the level {trend_pace}; over "
                                            "the ten years from {recent_from} {clause}.", {**figures, "clause": clause})
    depth_year = _year_reached(t_obs, a.fit, port_depth_m)
    depth_year_recent = _year_reached(t_obs, a.recent, port_depth_m)
    if depth_year is not None:
        figures["depth_year"] = depth_year
    if depth_year_recent is not None:
        figures["depth_year_recent"] = depth_year_recent
    if depth_year is not None and depth_year <= a.projection_year:
        template = ("At that trend the level would fall by {port_depth_m:.1f} m below its observed level, the depth "
                    "set in this what-if, by {depth_year}")
    elif depth_year is not None:
        template = ("At that trend a fall of {port_depth_m:.1f} m below the observed level, the depth set in this "
                    "what-if, would take until {depth_year}, after {projection_year}")
    else:
        template = "The fitted trend is not falling, so a fall of {port_depth_m:.1f} m is not reached"
    template += "; at the pace of the last ten years, by {depth_year_recent}." if depth_year_recent is not None else "."
    figures["depth_sentence"] = render_text(template, figures)
    return figures


def aral_figures(aral: pd.DataFrame) -> dict:
    """The Aral Sea's area (thousand km², dataset ``aral_area`` in the chapter's years) from the UNESCO figures
    only: first and last year, total and northern (Small) Aral, the change in % (``aral_change_pct``, and
    ``aral_shrink_pct`` as a loss); ``aral_news_sentence`` names the years whose values come from news reports
    (drawn, never quoted). Raises ``IndexError`` when no UNESCO figure is in the years."""
    verified = aral[aral.flag == "from UNESCO study"]
    first, last = verified.iloc[0], verified.iloc[-1]
    news = aral[aral.flag != "from UNESCO study"]
    change = share_change_pct(first.total_km2_thousand, last.total_km2_thousand)
    return {
        "aral_first_year": int(first.year), "aral_first": first.total_km2_thousand,
        "aral_last_year": int(last.year), "aral_last": last.total_km2_thousand,
        "aral_change_pct": change, "aral_shrink_pct": -change, "aral_small_last": last.small_km2_thousand,
        "aral_news_sentence": f"Values for {int(news.year.min())}–{int(news.year.max())} were collected from news "
                              "reports, not from the UNESCO study; they are drawn hollow and kept out of every figure "
                              "quoted here." if not news.empty else "Every year shown comes from the UNESCO study.",
    }


def chapter_water(water: pd.DataFrame, p) -> pd.DataFrame:
    """:func:`latest_estimates` of dataset ``water`` for the chapter's countries, in the chapter's order."""
    latest = latest_estimates(water[water.country_code.isin(p.countries)])
    return latest.loc[[c for c in p.countries if c in latest.index]]


def water_figures(latest: pd.DataFrame, p) -> dict:
    """Freshwater withdrawals of the pair (``latest``: :func:`chapter_water`): share of internal renewable
    resources (%), volume (billion m³), the year each value really estimates (and in words), how many countries
    carry an older estimate forward, how many withdraw more than their own resources (named), and the two
    sentences ``water_above_words`` and ``water_sentence``. With Turkmenistan in the pair, also its share and
    year in words for the key findings (``tkm_water_share``, ``tkm_water_year``)."""
    a, b = p.country_a, p.country_b
    above = latest[latest.withdrawals_pct_internal > 100]
    n_above = max(len(above), 1)
    figures = {
        "water_year": int(latest.shown_to.max()),  # the latest year of the World Bank file, not of every estimate
        "water_year_a": int(latest.estimate_year[a]), "water_year_b": int(latest.estimate_year[b]),
        "water_year_words_a": wording.estimate_year_phrase(latest.estimate_year[a], latest.shown_to[a]),
        "water_year_words_b": wording.estimate_year_phrase(latest.estimate_year[b], latest.shown_to[b]),
        "water_n_repeated": int((latest.estimate_year < latest.shown_to).sum()),
        "water_pct_a": latest.withdrawals_pct_internal[a], "water_pct_b": latest.withdrawals_pct_internal[b],
        "water_bn_a": latest.withdrawals_bn_m3[a], "water_bn_b": latest.withdrawals_bn_m3[b],
        "water_above_n": len(above), "water_n": len(latest),
        "water_above_names": wording.join_names(list(above.country)) if len(above) else "none of them",
    }
    figures["water_above_words"] = render_text(
        "{count} of the {total} states compared {verb} more fresh water than {their} internal renewable resources"
        + (" ({water_above_names})" if len(above) else ""),
        {**figures, "count": wording.number_word(len(above), capital=True, zero="none"),
         "total": wording.number_word(len(latest)),
         "verb": wording.singular_or_plural(n_above, "withdraws", "withdraw"),
         "their": wording.singular_or_plural(n_above, "its", "their")})
    figures["water_sentence"] = render_text(
        "{water_above_words}; {name_b} withdraws {share_b} (estimate for {water_year_words_b}) and {name_a} {share_a} "
        "({water_year_words_a}).",
        {**figures, "name_a": p.name_a, "name_b": p.name_b,
         "share_b": wording.share_of_phrase(figures["water_pct_b"], "its internal renewable resources"),
         "share_a": wording.share_of_phrase(figures["water_pct_a"], "its own")})
    if "TKM" in p.pair:
        figures.update(
            tkm_water_share=wording.share_of_phrase(latest.withdrawals_pct_internal["TKM"],
                                                    "its internal renewable water"),
            tkm_water_year=wording.estimate_year_phrase(latest.estimate_year["TKM"], latest.shown_to["TKM"]))
    return figures


def chapter_emissions(emissions: pd.DataFrame, p) -> pd.DataFrame:
    """Dataset ``emissions`` for the chapter's countries and years, with ``vintage_label``
    (:data:`EMISSIONS_VINTAGES`)."""
    em = emissions[emissions.country_code.isin(p.countries) & emissions.year.between(p.start_year, p.end_year)]
    return em.assign(vintage_label=em.vintage.map(EMISSIONS_VINTAGES).fillna(em.vintage))


def methane_shares(em: pd.DataFrame) -> pd.DataFrame:
    """Each country's latest year with methane and total greenhouse gases (Mt CO₂-equivalent) in its own file, and
    methane's share of the total (``methane_share_pct``, %); one row per country (index country_code)."""
    return latest_by_country(em, ["methane_mt_co2e", "total_ghg_mt_co2e"]).assign(
        methane_share_pct=lambda d: d.methane_mt_co2e / d.total_ghg_mt_co2e * 100)


def emissions_figures(em: pd.DataFrame, p) -> dict:
    """CO₂ (Mt, t per person) and methane (Mt CO₂-equivalent, % of greenhouse gases) of the pair in each
    country's latest year and file (``em``: :func:`chapter_emissions`); the number of files; land use and
    forestry in the newer file (``lucf_*``, for country A if it is there, else its first country) when the newer
    file has totals without it; ``em_pair_note`` warns when the pair's CO₂ comes from different files."""
    a, b = p.country_a, p.country_b
    co2 = latest_by_country(em, ["co2_mt", "co2_per_capita_t"])
    ch4 = methane_shares(em)
    figures = {
        "co2_year": int(co2.year[a]), "co2_year_a": int(co2.year[a]), "co2_year_b": int(co2.year[b]),
        "co2_file_a": co2.vintage_label[a], "co2_file_b": co2.vintage_label[b],
        "co2_a": co2.co2_mt[a], "co2_b": co2.co2_mt[b], "co2_pc_a": co2.co2_per_capita_t[a],
        "co2_pc_b": co2.co2_per_capita_t[b],
        "ch4_year": int(ch4.year[a]), "ch4_year_a": int(ch4.year[a]), "ch4_year_b": int(ch4.year[b]),
        "ch4_file_a": ch4.vintage_label[a], "ch4_file_b": ch4.vintage_label[b],
        "ch4_a": ch4.methane_mt_co2e[a], "ch4_b": ch4.methane_mt_co2e[b],
        "ghg_a": ch4.total_ghg_mt_co2e[a], "ghg_b": ch4.total_ghg_mt_co2e[b],
        "ch4_share_a": ch4.methane_share_pct[a], "ch4_share_b": ch4.methane_share_pct[b],
        "em_files_n": em.vintage.nunique(),
    }
    newer = ch4[ch4.vintage == "owid_co2_2024"].dropna(subset=["total_ghg_excl_lucf_mt_co2e"])
    if len(newer):
        code = a if a in newer.index else newer.index[0]
        figures.update(lucf_country=newer.country[code], lucf_year=int(newer.year[code]),
                       lucf_mt=newer.total_ghg_mt_co2e[code] - newer.total_ghg_excl_lucf_mt_co2e[code],
                       ghg_excl_lucf=newer.total_ghg_excl_lucf_mt_co2e[code],
                       ghg_incl_lucf=newer.total_ghg_mt_co2e[code])
    same_file = co2.loc[list(p.pair)].vintage.nunique() == 1
    figures["em_pair_note"] = "Both are from the same file." if same_file else render_text(
        "The two figures come from different files ({co2_file_a} for {name_a}, {co2_file_b} for {name_b}) and "
        "different years; compare them with care.", {**figures, "name_a": p.name_a, "name_b": p.name_b})
    return figures


def emission_files_phrase(em: pd.DataFrame) -> str:
    """Which countries' emissions come from which file, with the last year of CO₂ and of methane in each
    (``em``: :func:`chapter_emissions`), e.g. "Kazakhstan and Turkmenistan from the OWID file with data to 2023
    (CO₂ to 2023, methane to 2021); …"."""
    return "; ".join(f"{wording.join_names(sorted(g.country.unique()))} from the {label} (CO₂ to "
                     f"{g.dropna(subset=['co2_mt']).year.max()}, methane to "
                     f"{g.dropna(subset=['methane_mt_co2e']).year.max()})" for label, g in em.groupby("vintage_label"))


def ports_figures(nodes: pd.DataFrame, p) -> dict:
    """The pair's Caspian sea ports in dataset ``logistics_nodes`` (``n_ports``) and ``ports_sentence`` naming them
    with their countries, or saying that neither country has one."""
    ports = nodes[(nodes.kind == "sea_port") & nodes.country_code.isin(p.pair)].drop_duplicates("node_id")
    if not len(ports):
        sentence = render_text("Neither {name_a} nor {name_b} has a Caspian port in this report's data; the Caspian "
                               "figures matter to them only through transit.", {"name_a": p.name_a, "name_b": p.name_b})
    else:
        sentence = render_text(
            "Ports of the pair on the Caspian in this report's data: {ports}. The logistics chapter describes them.",
            {"ports": "; ".join(f"{name} ({p.names()[code]})"
                                for name, code in zip(ports.name, ports.country_code, strict=True))})
    return {"ports_sentence": sentence, "n_ports": len(ports)}


# Facts of dataset context_facts the chapter quotes: the Amu Darya, Qosh Tepa, IFAS; the Caspian ports.
DRIVER_FACTS = ("WAT01", "WAT02", "WAT03", "WAT04", "WAT05", "WAT06", "WAT07", "WAT08", "WAT09", "UKR05", "UKR08")


# --- chart titles (the finding) and key findings chosen by the chapter's figures ------------------------------
#
# ``values``: the chapter's glued figures (``Chapter.values``) after the ``*_figures`` functions above.


def chart_titles(values: dict, water: pd.DataFrame) -> dict:
    """Titles of the charts whose finding depends on the data: ``caspian`` (its fall and trend, or a change in
    either direction), ``whatif`` (whether the set depth is reached by the projection year) and ``water`` (the
    country that withdraws the largest share; ``water``: :func:`chapter_water`). Plain text (charts draw text)."""
    v = values
    if v["casp_fall_m"] > 0 and v["trend_cm_per_year"] < 0:
        caspian = render_text("The Caspian fell {casp_fall_m:.2f} m from {casp_first_year} to {casp_last_year}, "
                              "{trend_fall_cm_per_year:.1f} cm a year since {trend_start_year}", v)
    else:
        caspian = render_text("The Caspian's level changed by {fall:.2f} m from {casp_first_year} to {casp_last_year}; "
                              "the trend since {trend_start_year} {trend_pace}", {**v, "fall": abs(v["casp_fall_m"])})
    if "depth_year" in v and v["depth_year"] <= v["projection_year"]:
        whatif = ("From its observed level the Caspian would drop {port_depth_m:.1f} m by {depth_year} at the "
                  "{trend_start_year}–{trend_end_year} trend")
    else:
        whatif = ("From its observed level the Caspian would not drop {port_depth_m:.1f} m by {projection_year} at "
                  "the trend")
    top = water.sort_values("withdrawals_pct_internal").iloc[-1]
    return {"caspian": caspian, "whatif": render_text(whatif, v),
            "water": f"{top.country} withdraws "
                     + wording.share_of_phrase(top.withdrawals_pct_internal, "its internal renewable water")}


def key_findings(values: dict, p) -> list[str]:
    """The chapter's key findings as prose templates (five), chosen by what the figures show: the Caspian's pace
    (faster recently, or the trend sentence), the depth what-if (both years, or the depth sentence),
    Turkmenistan's water from upstream (with Turkmenistan in the pair; else the water sentence), the Aral Sea
    and the two emission profiles."""
    v = values
    findings = []
    if v["trend_cm_per_year"] < 0 and v["recent_cm_per_year"] < v["trend_cm_per_year"]:
        findings.append(
            "The Caspian is falling faster than its long-run trend: {recent_fall_cm_per_year:.1f} cm a year over the "
            "ten years from {recent_from}, against {trend_fall_cm_per_year:.1f} cm since {trend_start_year}, and the "
            "sea already stands {trend_gap_m:.2f} m below the fitted trend line ({fig:fig-environment-caspian}). Plans "
            "for ports and channels should start from the observed level and the recent pace, not from the trend line.")
    else:
        findings.append("{trend_sentence} ({fig:fig-environment-caspian})")
    if "depth_year" in v and "depth_year_recent" in v:
        findings.append(
            "A loss of {port_depth_m:.1f} m of depth below today's level would come by {depth_year} at the long-run "
            "trend and by {depth_year_recent} at the recent pace; by {projection_year} the long-run trend alone puts "
            "the sea {proj_fall_m:.1f} m lower ({fig:fig-environment-caspian-whatif}). The depth margin is the "
            "reader's assumption: no port depths were obtained.")
    else:
        findings.append("{depth_sentence} ({fig:fig-environment-caspian-whatif})")
    if "TKM" in p.pair:
        findings.append(
            "Turkmenistan's water comes from upstream: it withdraws {tkm_water_share} (an estimate for "
            "{tkm_water_year}) and drew {wat08_value:.1f} km³ from the Amu Darya in the {wat08_date} growing season, "
            "as reported by {wat08_source}. Afghanistan's Qosh Tepa canal, outside the basin's water-sharing "
            "arrangements, is the new risk to that supply: estimates of what it could take range from "
            "{wat05_value:.0f} to {wat06_value:.1f} km³ a year ({fig:fig-environment-water}).")
    else:
        findings.append("{water_sentence} ({fig:fig-environment-water})")
    findings.append("The Aral Sea covered {aral_last:.2f} thousand km² in {aral_last_year}, {aral_shrink_pct:.0f}% "
                    "less than in {aral_first_year} (UNESCO figures): the basin's water is already overdrawn, which is "
                    "why new withdrawals upstream matter ({fig:fig-environment-aral}).")
    findings.append("Methane is {ch4_share_b:.0f}% of {name_b}'s greenhouse gases ({ch4_year_b}) and "
                    "{ch4_share_a:.0f}% of {name_a}'s ({ch4_year_a}), while {name_a} emits {co2_pc_a:.1f} t of CO₂ "
                    "per person ({co2_year_a}): the two emission profiles call for different measures "
                    "({fig:fig-environment-methane}).")
    return findings
