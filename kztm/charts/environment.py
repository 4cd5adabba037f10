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
#: The hover points of the Caspian series: the look of the grey (MUTED) at 35% on white, as an opaque colour.
LIGHT_POINT = "#cfcfcf"
ARAL_PARTS = {"total_km2_thousand": "Whole sea", "small_km2_thousand": "Small (North) Aral"}
ARAL_SOURCES = {"from UNESCO study": "UNESCO study", "collected from news (unverified)": "News reports (unverified)"}


def _decimal_year_axis(scale: alt.Scale | None = None) -> alt.X:
    return alt.X("t:Q", title="Year", scale=scale or alt.Scale(nice=False, zero=False),
                 axis=alt.Axis(format="d", tickMinStep=1))


def caspian_level(observations: pd.DataFrame, trend: pd.DataFrame, title: str, window: tuple[int, int]) -> Figure:
    """Caspian level from altimetry (grey line over light grey hover points) and the fitted linear trend (blue).

    The points are opaque (a light grey drawn under the line), not translucent: a translucent mark becomes
    one transparency group per observation in the printed PDF (about 1,100 here, a third of a megabyte).

    ``observations``: dataset ``caspian_level`` with ``t`` (decimal year), date, level_m and error_m
    (metres); ``trend``: two or more rows of (t, trend_m) on the fitted line; ``window``: (first, last)
    year of the fit, for the subtitle.
    """
    obs = observations[["date", "t", "level_m", "error_m"]].assign(
        date=lambda d: pd.to_datetime(d.date).dt.strftime("%Y-%m-%d"))
    x = _decimal_year_axis()
    line = alt.Chart(obs).mark_line(strokeWidth=1, color=MUTED).encode(
        x=x, y=alt.Y("level_m:Q", title=LEVEL_TITLE, scale=alt.Scale(zero=False)))
    hover = alt.Chart(obs).mark_point(size=14, color=LIGHT_POINT, opacity=1).encode(
        x=x, y="level_m:Q",
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("level_m:Q", title="Level (m)", format=".2f"),
                 alt.Tooltip("error_m:Q", title="Formal error (m)", format=".3f")])
    fitted = alt.Chart(trend).mark_line(color=ACCENT, strokeWidth=2.5).encode(
        x=x, y="trend_m:Q",
        tooltip=[alt.Tooltip("t:Q", title="Year", format=".1f"),
                 alt.Tooltip("trend_m:Q", title="Trend level (m)", format=".2f")])
    chart = alt.layer(hover, line, fitted).properties(title=finding(
        title, f"Caspian Sea level from satellite altimetry (grey) and linear trend over {window[0]}–{window[1]} "
               "(blue), metres on the DAHITI reference surface"))
    table = obs[["date", "level_m", "error_m"]].rename(columns={
        "date": "Date", "level_m": "Level (m, DAHITI reference)", "error_m": "Formal error (m)"})
    return Figure(chart, table.reset_index(drop=True), ("caspian_level",))


def caspian_whatif(annual: pd.DataFrame, projection: pd.DataFrame, observed: dict, slope: float, depth_m: float,
                   projection_year: int, title: str) -> Figure:
    """Annual mean Caspian level (black), the observed level of the last twelve months (a vermilion point), the
    trend's slope projected from that observed level with its 95% prediction band (blue), the fitted trend line
    continued for comparison (grey, dotted), and the what-if: when the level has fallen by a depth margin set by
    the reader below the observed level (vermilion rules).

    ``annual``: complete years (year, level_m) with ``t`` at mid-year; ``projection``:
    :func:`kztm.themes.environment.anchored_projection` (t, level_m, lower_m, upper_m, trend_m, metres);
    ``observed``: :func:`kztm.themes.environment.observed_level` (t, level_m, first_date, last_date);
    ``slope``: metres a year; ``depth_m``: the default margin (a reader's value, not a measured depth). In the
    web edition a slider changes the margin; the static picture uses ``depth_m``.
    """
    slider_max = max(3.0, float(depth_m))
    depth = slider("depth", float(depth_m), 0.1, slider_max, 0.1, "Depth margin, m")
    x_scale = alt.Scale(nice=False, zero=False)
    x = _decimal_year_axis(x_scale)
    t0, level0 = float(observed["t"]), float(observed["level_m"])
    y_min = min(float(projection.lower_m.min()), level0 - slider_max) - 0.2
    y_scale = alt.Scale(zero=False, domain=[y_min, float(annual.level_m.max()) + 0.3])
    area = alt.Chart(projection).mark_area(opacity=0.18, color=ACCENT).encode(
        x=x, y=alt.Y("lower_m:Q", scale=y_scale, title=LEVEL_TITLE), y2="upper_m:Q",
        tooltip=[alt.Tooltip("t:Q", title="Year", format=".1f"),
                 alt.Tooltip("level_m:Q", title="Projected from the observed level (m)", format=".2f"),
                 alt.Tooltip("lower_m:Q", title="Band, low (m)", format=".2f"),
                 alt.Tooltip("upper_m:Q", title="Band, high (m)", format=".2f"),
                 alt.Tooltip("trend_m:Q", title="Fitted trend (m)", format=".2f")])
    line = alt.Chart(projection).mark_line(color=ACCENT, strokeDash=[5, 3]).encode(
        x=x, y=alt.Y("level_m:Q", title=LEVEL_TITLE, scale=y_scale))
    fitted = alt.Chart(projection).mark_line(color=MUTED, strokeDash=[1, 3], strokeWidth=1.5).encode(
        x=x, y=alt.Y("trend_m:Q", scale=y_scale))
    past = alt.Chart(annual).mark_line(point=alt.OverlayMarkDef(color=INK), color=INK).encode(
        x=x, y=alt.Y("level_m:Q", scale=y_scale),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("level_m:Q", title="Annual mean level (m)", format=".2f")])
    window = (f"{pd.Timestamp(observed['first_date']):%b %Y}–{pd.Timestamp(observed['last_date']):%b %Y}")
    now = alt.Chart(pd.DataFrame({"t": [t0], "level_m": [level0], "window": [window]})).mark_point(
        shape="diamond", size=120, filled=True, color=HIGHLIGHT).encode(
        x=x, y=alt.Y("level_m:Q", scale=y_scale),
        tooltip=[alt.Tooltip("window:N", title="Observed level, mean of"),
                 alt.Tooltip("level_m:Q", title="Observed level (m)", format=".2f")])
    marker = alt.Chart(pd.DataFrame({"t0": [t0]})).transform_calculate(
        level=f"{level0} - depth",
        cross=f"{slope} < 0 ? {t0} + depth / {-slope} : 1e9",
    ).transform_calculate(
        label=(f"datum.cross <= {projection_year} ? 'A fall of ' + format(depth, '.1f') + ' m by ' + "
               f"floor(datum.cross) "
               f": 'A fall of ' + format(depth, '.1f') + ' m not reached by {projection_year}'"))
    level_rule = marker.mark_rule(color=HIGHLIGHT, strokeDash=[2, 2]).encode(
        y=alt.Y("level:Q", scale=y_scale),
        tooltip=[alt.Tooltip("label:N", title="What-if"),
                 alt.Tooltip("level:Q", title="Level after the fall (m)", format=".2f")])
    cross_rule = marker.transform_filter(f"datum.cross <= {projection_year}").mark_rule(color=HIGHLIGHT).encode(
        x=alt.X("cross:Q", scale=x_scale), tooltip=[alt.Tooltip("label:N", title="What-if")])
    label = marker.mark_text(align="right", dx=-6, dy=12, color=HIGHLIGHT, fontWeight=600).encode(
        x=alt.X("t0:Q", scale=x_scale), y=alt.Y("level:Q", scale=y_scale), text="label:N")
    chart = alt.layer(area, line, fitted, past, now, level_rule, cross_rule, label).add_params(depth).properties(
        title=finding(title, [("Annual mean level (black), observed level of the last twelve months (diamond) and the "
                               f"trend projected from it to {projection_year} with its 95% prediction band (blue); "
                               "fitted trend line (grey, dotted), metres on the DAHITI reference surface."),
                              "The depth margin is a value set by the reader, not a measured port depth"]))
    table = pd.concat([
        annual.assign(kind="annual mean (observed)")[["t", "kind", "level_m"]],
        pd.DataFrame({"t": [t0], "kind": [f"observed level ({window})"], "level_m": [level0]}),
        projection.assign(kind="projected from the observed level")[["t", "kind", "level_m", "lower_m", "upper_m",
                                                                     "trend_m"]],
    ]).rename(columns={"t": "Year (decimal)", "kind": "Series", "level_m": "Level (m, DAHITI reference)",
                       "lower_m": "Band, low (m)", "upper_m": "Band, high (m)", "trend_m": "Fitted trend (m)"})
    return Figure(chart, table.reset_index(drop=True), ("caspian_level",),
                  note="Projection of a linear trend's slope from the observed level; the band covers single "
                       "observations if the trend holds, not a change of trend.")


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
               alt.Tooltip("area:Q", title="Area (thousand km²)", format=".2f"), alt.Tooltip("source:N",
                                                                                             title="Source")]
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
    """Freshwater withdrawals as % of internal renewable resources (log scale), one point per country labelled
    with the year it really estimates, with a dashed line at 100% (above it a country depends on inflows from
    upstream).

    ``latest``: :func:`kztm.themes.environment.latest_estimates` reset to columns (country_code, country,
    estimate_year, shown_to, estimate_basis, withdrawals_pct_internal, withdrawals_bn_m3,
    internal_resources_bn_m3); ``codes``: the countries drawn.
    """
    rows = latest.assign(label=latest.country + " (" + latest.estimate_year.astype(int).astype(str) + ")",
                         shown=[f"{int(e)}–{int(s)}" if s > e else f"{int(e)}"
                                for e, s in zip(latest.estimate_year, latest.shown_to, strict=True)])
    points = alt.Chart(rows).mark_point(filled=True, size=120).encode(
        y=alt.Y("label:N", title=None, sort="-x"),
        x=alt.X("withdrawals_pct_internal:Q", scale=alt.Scale(type="log"),
                title="Freshwater withdrawals, % of internal renewable resources (log scale)"),
        color=country_color(codes=codes, legend=False),
        tooltip=[alt.Tooltip("country:N", title="Country"),
                 alt.Tooltip("estimate_year:Q", title="Year of the estimate", format="d"),
                 alt.Tooltip("shown:N", title="Shown by the World Bank for"),
                 alt.Tooltip("withdrawals_pct_internal:Q", title="Withdrawals (% of internal resources)",
                             format=",.0f"),
                 alt.Tooltip("withdrawals_bn_m3:Q", title="Withdrawals (bn m³)", format=",.1f"),
                 alt.Tooltip("internal_resources_bn_m3:Q", title="Internal resources (bn m³)", format=",.1f")])
    hundred = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color=HIGHLIGHT, strokeDash=[4, 3]).encode(
        x="x:Q", tooltip=[alt.Tooltip("x:Q", title="Withdrawals equal internal resources (%)")])
    labels = alt.Chart(rows).mark_text(align="left", dx=9).encode(
        y=alt.Y("label:N", sort="-x"), x="withdrawals_pct_internal:Q",
        text=alt.Text("withdrawals_pct_internal:Q", format=",.0f"))
    chart = alt.layer(hundred, points, labels).properties(height=190, title=finding(
        title, "Annual freshwater withdrawals as % of internal renewable resources, each country's latest estimate "
               "(its year in brackets); dashed line: 100%"))
    table = rows[["country", "estimate_year", "shown", "estimate_basis", "withdrawals_bn_m3",
                  "internal_resources_bn_m3",
                  "withdrawals_pct_internal"]]
    table = table.sort_values("withdrawals_pct_internal", ascending=False).rename(columns={
        "country": "Country", "estimate_year": "Year of the estimate", "shown": "Shown by the World Bank for",
        "estimate_basis": "Basis", "withdrawals_bn_m3": "Withdrawals (bn m³)",
        "internal_resources_bn_m3": "Internal renewable resources (bn m³)",
        "withdrawals_pct_internal": "Withdrawals (% of internal resources)"})
    return Figure(chart, table.reset_index(drop=True), ("water",))


def co2_per_person(emissions: pd.DataFrame, codes: list[str], title: str, years: tuple[int, int]) -> Figure:
    """Production-based CO₂ emissions per person (tonnes), one line per country; solid for the newer OWID
    file, dashed for the 2020 file (one file per country, named in the legend, tooltip and table).

    ``emissions``: dataset ``emissions`` with ``vintage_label`` (the file's name for readers, e.g.
    :data:`kztm.themes.environment.EMISSIONS_VINTAGES`) for the countries and years drawn (country, year,
    co2_per_capita_t, co2_mt); files are drawn solid then dashed in order of their last year (newest solid);
    ``years``: (first, last) year, for the subtitle.
    """
    rows = emissions.dropna(subset=["co2_per_capita_t"])
    labels = list(rows.groupby("vintage_label").year.max().sort_values(ascending=False).index)
    if len(labels) > 2:
        raise ValueError(f"co2_per_person draws at most two files, not {len(labels)}: {', '.join(labels)}.")
    styles = "; ".join(f"{style}: {label}" for style, label in zip(("solid", "dashed"), labels, strict=False))
    chart = alt.Chart(rows).mark_line().encode(
        x=year_axis(),
        y=alt.Y("co2_per_capita_t:Q", title="CO₂ emissions, tonnes per person"),
        color=country_color(codes=codes),
        strokeDash=alt.StrokeDash("vintage_label:N", title="File", sort=labels,
                                  scale=alt.Scale(domain=labels, range=[[1, 0], [5, 3]][:len(labels)])),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("co2_per_capita_t:Q", title="CO₂ per person (t)", format=".1f"),
                 alt.Tooltip("co2_mt:Q", title="CO₂ total (Mt)", format=",.1f"),
                 alt.Tooltip("vintage_label:N", title="File")],
    ).properties(title=finding(title, f"Production-based carbon dioxide emissions per person, {years[0]}–{years[1]}, "
                                      f"tonnes; {styles} (one file per country)"))
    table = rows[["country", "year", "co2_per_capita_t", "co2_mt", "vintage_label"]].rename(columns={
        "country": "Country", "year": "Year", "co2_per_capita_t": "CO₂ per person (t)", "co2_mt": "CO₂ total (Mt)",
        "vintage_label": "File"})
    return Figure(chart, table.reset_index(drop=True), ("emissions",))


def methane_share(methane: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """Methane as % of each country's total greenhouse gas emissions (CO₂-equivalent) in its latest year, one
    bar each, labelled with the year and the file.

    ``methane``: one row per country (country_code, country, year, vintage_label, methane_mt_co2e,
    total_ghg_mt_co2e, methane_share_pct) from :func:`kztm.themes.environment.latest_by_country`;
    ``codes``: the countries drawn.
    """
    rows = methane.assign(label=methane.country + " (" + methane.year.astype(int).astype(str) + ")")
    chart = alt.Chart(rows).mark_bar().encode(
        y=alt.Y("label:N", title=None, sort="-x"),
        x=alt.X("methane_share_pct:Q", title="Methane, % of total greenhouse gas emissions"),
        color=country_color(codes=codes, legend=False),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("vintage_label:N", title="File"),
                 alt.Tooltip("methane_mt_co2e:Q", title="Methane (Mt CO₂e)", format=",.1f"),
                 alt.Tooltip("total_ghg_mt_co2e:Q", title="All greenhouse gases (Mt CO₂e)", format=",.1f"),
                 alt.Tooltip("methane_share_pct:Q", title="Methane share (%)", format=".0f")],
    ).properties(height=180, title=finding(title, "Methane as a share of total greenhouse gas emissions, each "
                                                  "country's latest year (in brackets), % of CO₂-equivalent; "
                                                  "estimates, not measurements"))
    table = rows.sort_values("methane_share_pct", ascending=False)[
        ["country", "year", "vintage_label", "methane_mt_co2e", "total_ghg_mt_co2e", "methane_share_pct"]].rename(
        columns={"country": "Country", "year": "Year", "vintage_label": "File", "methane_mt_co2e": "Methane (Mt CO₂e)",
                 "total_ghg_mt_co2e": "All greenhouse gases (Mt CO₂e)", "methane_share_pct": "Methane share (%)"})
    return Figure(chart, table.reset_index(drop=True), ("emissions",))
