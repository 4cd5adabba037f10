"""Charts of the environment chapter: the Caspian level and its projection, the Aral Sea, water, emissions.

Data: Caspian level from satellite altimetry (DAHITI, dataset ``caspian_level``, metres on DAHITI's
reference surface); Aral Sea area (UNESCO study, ``aral_area``, thousand km²); freshwater withdrawals
(World Bank WDI from FAO AQUASTAT, ``water``); CO₂ and methane (Our World in Data from the Global
Carbon Project and CAIT, ``emissions``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .render import Figure
from .theme import ACCENT, HIGHLIGHT, INK, MUTED, PALETTE, country_color, finding, slider, year_axis

LEVEL_TITLE = "Water level, m (DAHITI reference)"
ARAL_PARTS = {"total_km2_thousand": "Whole sea", "small_km2_thousand": "Small (North) Aral"}
ARAL_SOURCES = {"from UNESCO study": "UNESCO study", "collected from news (unverified)": "News reports (unverified)"}


def _decimal_year_axis(scale: alt.Scale | None = None) -> alt.X:
    return alt.X("t:Q", title="Year", scale=scale or alt.Scale(nice=False, zero=False),
                 axis=alt.Axis(format="d", tickMinStep=1))


def caspian_level(observations: pd.DataFrame, trend: pd.DataFrame, title: str, window: tuple[int, int]) -> Figure:
    """Caspian level from altimetry (grey line with hover points) and the fitted linear trend (blue).

    ``observations``: dataset ``caspian_level`` with ``t`` (decimal year), date, level_m and error_m
    (metres); ``trend``: two or more rows of (t, trend_m) on the fitted line; ``window``: (first, last)
    year of the fit, for the subtitle.
    """
    obs = observations[["date", "t", "level_m", "error_m"]].assign(
        date=lambda d: pd.to_datetime(d.date).dt.strftime("%Y-%m-%d"))
    x = _decimal_year_axis()
    line = alt.Chart(obs).mark_line(strokeWidth=1, color=MUTED).encode(
        x=x, y=alt.Y("level_m:Q", title=LEVEL_TITLE, scale=alt.Scale(zero=False)))
    hover = alt.Chart(obs).mark_point(size=14, color=MUTED, opacity=0.35).encode(
        x=x, y="level_m:Q",
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("level_m:Q", title="Level (m)", format=".2f"),
                 alt.Tooltip("error_m:Q", title="Formal error (m)", format=".3f")])
    fitted = alt.Chart(trend).mark_line(color=ACCENT, strokeWidth=2.5).encode(
        x=x, y="trend_m:Q",
        tooltip=[alt.Tooltip("t:Q", title="Year", format=".1f"),
                 alt.Tooltip("trend_m:Q", title="Trend level (m)", format=".2f")])
    chart = alt.layer(line, hover, fitted).properties(title=finding(
        title, f"Caspian Sea level from satellite altimetry (grey) and linear trend over {window[0]}–{window[1]} "
               "(blue), metres on the DAHITI reference surface"))
    table = obs[["date", "level_m", "error_m"]].rename(columns={
        "date": "Date", "level_m": "Level (m, DAHITI reference)", "error_m": "Formal error (m)"})
    return Figure(chart, table.reset_index(drop=True), ("caspian_level",))


def caspian_whatif(annual: pd.DataFrame, band: pd.DataFrame, reference_level: float, slope: float, t_last: float,
                   depth_m: float, projection_year: int, title: str) -> Figure:
    """Annual mean Caspian level (black), the linear trend projected with its 95% prediction band (blue),
    and the what-if: when the trend has fallen by a depth margin set by the reader (vermilion).

    ``annual``: complete years (year, level_m) with ``t`` at mid-year; ``band``:
    :func:`kztm.themes.environment.projection_table` (t, trend_m, lower_m, upper_m, metres);
    ``reference_level``: the trend level at the last observation ``t_last`` (decimal year); ``slope``:
    metres a year; ``depth_m``: the default margin (a reader's value, not a measured depth). In the web
    edition a slider changes the margin; the static picture uses ``depth_m``.
    """
    slider_max = max(3.0, float(depth_m))
    depth = slider("depth", float(depth_m), 0.1, slider_max, 0.1, "Depth margin, m")
    x_scale = alt.Scale(nice=False, zero=False)
    x = _decimal_year_axis(x_scale)
    y_min = min(float(band.lower_m.min()), reference_level - slider_max) - 0.2
    y_scale = alt.Scale(zero=False, domain=[y_min, float(annual.level_m.max()) + 0.3])
    area = alt.Chart(band).mark_area(opacity=0.18, color=ACCENT).encode(
        x=x, y=alt.Y("lower_m:Q", scale=y_scale, title=LEVEL_TITLE), y2="upper_m:Q",
        tooltip=[alt.Tooltip("t:Q", title="Year", format=".1f"),
                 alt.Tooltip("trend_m:Q", title="Trend (m)", format=".2f"),
                 alt.Tooltip("lower_m:Q", title="Band, low (m)", format=".2f"),
                 alt.Tooltip("upper_m:Q", title="Band, high (m)", format=".2f")])
    line = alt.Chart(band).mark_line(color=ACCENT, strokeDash=[5, 3]).encode(
        x=x, y=alt.Y("trend_m:Q", title=LEVEL_TITLE, scale=y_scale))
    past = alt.Chart(annual).mark_line(point=True, color=INK).encode(
        x=x, y=alt.Y("level_m:Q", scale=y_scale),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("level_m:Q", title="Annual mean level (m)", format=".2f")])
    marker = alt.Chart(pd.DataFrame({"t0": [t_last]})).transform_calculate(
        level=f"{reference_level} - depth",
        cross=f"{slope} < 0 ? {t_last} + depth / {-slope} : 1e9",
    ).transform_calculate(
        label=(f"datum.cross <= {projection_year} ? 'A fall of ' + format(depth, '.1f') + ' m by ' "
               "+ floor(datum.cross) "
               f": 'A fall of ' + format(depth, '.1f') + ' m not reached by {projection_year}'"))
    level_rule = marker.mark_rule(color=HIGHLIGHT, strokeDash=[2, 2]).encode(
        y=alt.Y("level:Q", scale=y_scale),
        tooltip=[alt.Tooltip("label:N", title="What-if"),
                 alt.Tooltip("level:Q", title="Level after the fall (m)", format=".2f")])
    cross_rule = marker.transform_filter(f"datum.cross <= {projection_year}").mark_rule(color=HIGHLIGHT).encode(
        x=alt.X("cross:Q", scale=x_scale), tooltip=[alt.Tooltip("label:N", title="What-if")])
    label = marker.mark_text(align="right", dx=-6, dy=12, color=HIGHLIGHT, fontWeight=600).encode(
        x=alt.X("t0:Q", scale=x_scale), y=alt.Y("level:Q", scale=y_scale), text="label:N")
    chart = alt.layer(area, line, past, level_rule, cross_rule, label).add_params(depth).properties(
        title=finding(title, [(f"Annual mean level (black), trend and 95% prediction band to {projection_year} "
                               "(blue), metres on the DAHITI reference surface."),
                              "The depth margin is a value set by the reader, not a measured port depth"]))
    table = pd.concat([
        annual.assign(kind="annual mean (observed)")[["t", "kind", "level_m"]],
        band.assign(kind="trend (projected)").rename(columns={"trend_m": "level_m"})[["t", "kind", "level_m", "lower_m",
                                                                                      "upper_m"]],
    ]).rename(columns={"t": "Year (decimal)", "kind": "Series", "level_m": "Level (m, DAHITI reference)",
                       "lower_m": "Band, low (m)", "upper_m": "Band, high (m)"})
    return Figure(chart, table.reset_index(drop=True), ("caspian_level",),
                  note="Projection of a linear trend; the band covers single observations if the trend holds, "
                       "not a change of trend.")


def aral_area(aral: pd.DataFrame, title: str) -> Figure:
    """Water surface of the Aral Sea and of its Small (North) part, thousand km², one line each; points
    filled for the UNESCO study and hollow for values collected from news (unverified).

    ``aral``: dataset ``aral_area`` (year, total_km2_thousand, small_km2_thousand, flag) for the years drawn.
    """
    rows = aral.melt(id_vars=["year", "flag"], value_vars=list(ARAL_PARTS), var_name="part",
                     value_name="area").dropna(subset=["area"])
    rows = rows.assign(part=rows.part.map(ARAL_PARTS), source=rows.flag.map(ARAL_SOURCES).fillna(rows.flag))
    scale = alt.Scale(domain=list(ARAL_PARTS.values()), range=[ACCENT, PALETTE[1]])
    tooltip = [alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("part:N", title="Part"),
               alt.Tooltip("area:Q", title="Area (thousand km²)", format=".2f"),
               alt.Tooltip("source:N", title="Source")]
    lines = alt.Chart(rows).mark_line().encode(
        x=year_axis(), y=alt.Y("area:Q", title="Water surface, thousand km²"),
        color=alt.Color("part:N", title=None, legend=None, scale=scale), tooltip=tooltip)
    points = alt.Chart(rows).mark_point(size=45, filled=True, strokeWidth=1.5).encode(
        x=year_axis(), y="area:Q",
        stroke=alt.Stroke("part:N", scale=scale, title=None),
        fill=alt.condition(alt.datum.source == ARAL_SOURCES["from UNESCO study"],
                           alt.Fill("part:N", scale=scale, legend=None), alt.value("white")),
        tooltip=tooltip)
    chart = alt.layer(lines, points).properties(title=finding(
        title, ["Water surface of the whole sea (blue) and of its Small (North) part (green), thousand km².",
                "Filled points from the UNESCO study; hollow points collected from news (unverified)"]))
    table = rows[["year", "part", "area", "source"]].rename(columns={
        "year": "Year", "part": "Part", "area": "Area (thousand km²)", "source": "Source"})
    return Figure(chart, table.reset_index(drop=True), ("aral_area",))


def water_withdrawals(latest: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """Freshwater withdrawals as % of internal renewable resources (log scale), one point per country,
    with a dashed line at 100% (above it a country depends on inflows from upstream).

    ``latest``: one row per country, its latest year of dataset ``water`` (country_code, country, year,
    withdrawals_pct_internal, withdrawals_bn_m3, internal_resources_bn_m3); ``codes``: the countries drawn.
    """
    points = alt.Chart(latest).mark_point(filled=True, size=120).encode(
        y=alt.Y("country:N", title=None, sort="-x"),
        x=alt.X("withdrawals_pct_internal:Q", scale=alt.Scale(type="log"),
                title="Freshwater withdrawals, % of internal renewable resources (log scale)"),
        color=country_color(codes=codes, legend=False),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("withdrawals_pct_internal:Q", title="Withdrawals (% of internal resources)",
                             format=",.0f"),
                 alt.Tooltip("withdrawals_bn_m3:Q", title="Withdrawals (bn m³)", format=",.1f"),
                 alt.Tooltip("internal_resources_bn_m3:Q", title="Internal resources (bn m³)", format=",.1f")])
    hundred = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color=HIGHLIGHT, strokeDash=[4, 3]).encode(
        x="x:Q", tooltip=[alt.Tooltip("x:Q", title="Withdrawals equal internal resources (%)")])
    labels = alt.Chart(latest).mark_text(align="left", dx=9).encode(
        y=alt.Y("country:N", sort="-x"), x="withdrawals_pct_internal:Q",
        text=alt.Text("withdrawals_pct_internal:Q", format=",.0f"))
    chart = alt.layer(hundred, points, labels).properties(height=190, title=finding(
        title, f"Annual freshwater withdrawals as % of internal renewable resources, latest year "
               f"({int(latest.year.max())}); dashed line: 100%"))
    table = latest[["country", "year", "withdrawals_bn_m3", "internal_resources_bn_m3", "withdrawals_pct_internal"]]
    table = table.sort_values("withdrawals_pct_internal", ascending=False).rename(columns={
        "country": "Country", "year": "Year", "withdrawals_bn_m3": "Withdrawals (bn m³)",
        "internal_resources_bn_m3": "Internal renewable resources (bn m³)",
        "withdrawals_pct_internal": "Withdrawals (% of internal resources)"})
    return Figure(chart, table.reset_index(drop=True), ("water",))


def co2_per_person(emissions: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int]) -> Figure:
    """Production-based CO₂ emissions per person (tonnes), one line per country.

    ``emissions``: dataset ``emissions`` (country, year, co2_per_capita_t, co2_mt) for the countries
    and years drawn; ``years``: (first, last) year, for the subtitle.
    """
    rows = emissions.dropna(subset=["co2_per_capita_t"])
    chart = alt.Chart(rows).mark_line().encode(
        x=year_axis(),
        y=alt.Y("co2_per_capita_t:Q", title="CO₂ emissions, tonnes per person"),
        color=country_color(codes=codes),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("co2_per_capita_t:Q", title="CO₂ per person (t)", format=".1f"),
                 alt.Tooltip("co2_mt:Q", title="CO₂ total (Mt)", format=",.1f")],
    ).properties(title=finding(title, f"Production-based carbon dioxide emissions per person, {years[0]}–{years[1]}, "
                                      "tonnes"))
    table = rows[["country", "year", "co2_per_capita_t", "co2_mt"]].rename(columns={
        "country": "Country", "year": "Year", "co2_per_capita_t": "CO₂ per person (t)", "co2_mt": "CO₂ total (Mt)"})
    return Figure(chart, table.reset_index(drop=True), ("emissions",))


def methane_share(methane: pd.DataFrame, codes: list[str], title: str, year: int) -> Figure:
    """Methane as % of each country's total greenhouse gas emissions (CO₂-equivalent) in ``year``, one bar each.

    ``methane``: one row per country (country_code, country, methane_mt_co2e, total_ghg_mt_co2e,
    methane_share_pct) from dataset ``emissions``; ``codes``: the countries drawn.
    """
    chart = alt.Chart(methane).mark_bar().encode(
        y=alt.Y("country:N", title=None, sort="-x"),
        x=alt.X("methane_share_pct:Q", title="Methane, % of total greenhouse gas emissions"),
        color=country_color(codes=codes, legend=False),
        tooltip=[alt.Tooltip("country:N", title="Country"),
                 alt.Tooltip("methane_mt_co2e:Q", title="Methane (Mt CO₂e)", format=",.1f"),
                 alt.Tooltip("total_ghg_mt_co2e:Q", title="All greenhouse gases (Mt CO₂e)", format=",.1f"),
                 alt.Tooltip("methane_share_pct:Q", title="Methane share (%)", format=".0f")],
    ).properties(height=180, title=finding(title, f"Methane as a share of total greenhouse gas emissions, {year}, "
                                                  "% of CO₂-equivalent (CAIT estimates)"))
    table = methane.sort_values("methane_share_pct", ascending=False)[
        ["country", "methane_mt_co2e", "total_ghg_mt_co2e", "methane_share_pct"]].rename(columns={
            "country": "Country", "methane_mt_co2e": "Methane (Mt CO₂e)",
            "total_ghg_mt_co2e": "All greenhouse gases (Mt CO₂e)", "methane_share_pct": "Methane share (%)"})
    return Figure(chart, table.reset_index(drop=True), ("emissions",))
