"""The logistics chapter executes, and its glued figures equal values recomputed here from data/ with pandas."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kztm.charts.render import FIGURE_MIME
from kztm.pipeline.execute import ChapterError
from kztm.report.escape import escape_myst
from kztm.report.verdicts import EVIDENCE_KINDS
from kztm.report.wording import only_for_pair

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def csv():
    return {name: pd.read_csv(DATA / f"{name}.csv") for name in
            ("logistics_indicators", "logistics_routes", "corridors", "trade_bilateral", "logistics_quoted",
             "context_facts")}


@pytest.fixture(scope="module")
def default(run_chapter):
    return run_chapter("logistics")


def _latest(ind, column, code, up_to):
    rows = ind[(ind.country_code == code) & ind[column].notna() & (ind.year <= up_to)].sort_values("year")
    return int(rows.year.iloc[-1]), float(rows[column].iloc[-1])


def _quoted(tb, row_id):
    return tb[tb.id == row_id].iloc[0]


def test_railway_and_volume_figures(default, csv):
    _, g = default
    routes = csv["logistics_routes"].set_index("route_id")
    rail = routes.loc["KTI_RAIL"]
    assert g["rail_length_km"] == rail.length_km == 928
    exact = [int(n) for about, n in re.findall(r"(about )?(\d+) km", rail.note) if not about] + [int(rail.length_km)]
    assert (g["rail_length_min"], g["rail_length_max"]) == (min(exact), max(exact))
    assert g["rail_opened"] == "3 December 2014" and rail.opened == "2014-12-03"
    assert g["sec_kaz_km"] == routes.loc["KTI_RAIL_KAZ", "length_km"]
    assert g["sec_tkm_km"] == routes.loc["KTI_RAIL_TKM", "length_km"]
    assert g["sections_sum_km"] == routes.loc[["KTI_RAIL_KAZ", "KTI_RAIL_TKM", "KTI_RAIL_IRN"], "length_km"].sum()
    low, high = map(float, re.match(r"(\d+)-(\d+) Mt/yr at first", rail.capacity_stated).groups())
    assert (g["cap_first_lo"], g["cap_first_hi"]) == (low, high)

    tb = csv["trade_bilateral"]
    q11, q07 = _quoted(tb, "Q11"), _quoted(tb, "Q07")
    assert g["rail_2025_mt"] == q11.value == 1.5
    assert g["rail_2025_change"] == q11.change_stated
    assert g["cargo_2023_mt"] == q07.value
    assert g["rail_2025_annual_mt"] == pytest.approx(q11.value * 12 / q11.months)
    assert g["rail_2025_share_pct"] == pytest.approx(100 * q11.value * 12 / q11.months / low)
    assert g["rail_2025_period"] == "January–October 2025"


def test_indicator_figures(default, csv):
    _, g = default
    ind = csv["logistics_indicators"]
    end = 2023  # chapters.yml default end_year
    lpi = ind.dropna(subset=["lpi_overall"])
    both = sorted(set(lpi[lpi.country_code == "KAZ"].year) & set(lpi[lpi.country_code == "TKM"].year))
    common = max(y for y in both if y <= end)
    assert g["lpi_common_year"] == common == 2018
    def value(c, y):
        return float(lpi[(lpi.country_code == c) & (lpi.year == y)].lpi_overall.iloc[0])

    assert g["lpi_common_a"] == pytest.approx(value("KAZ", common))
    assert g["lpi_common_b"] == pytest.approx(value("TKM", common))
    assert (g["lpi_year_a"], g["lpi_a"]) == _latest(ind, "lpi_overall", "KAZ", end)
    assert (g["lpi_year_b"], g["lpi_b"]) == _latest(ind, "lpi_overall", "TKM", end)
    scored = lpi[lpi.year == common]
    assert g["lpi_rank_b"] == int((scored.lpi_overall > value("TKM", common)).sum()) + 1
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
    counts = ['zero', 'one', 'two', 'three', 'four', 'five']
    assert g["lpi_rank_text"] == f"{words[g['lpi_rank_b']]} of {counts[len(scored)]}"
    assert (g["km_year_a"], g["km_a"]) == _latest(ind, "rail_route_km", "KAZ", end)
    assert (g["km_year_b"], g["km_b"]) == _latest(ind, "rail_route_km", "TKM", end)


def test_corridor_figures_and_verdicts(default, csv):
    _, g = default
    cor = csv["corridors"]
    ash = cor[cor.corridor.str.startswith("Ashgabat") & (cor.member_or_party == "TKM")].iloc[0]
    assert g["ash_b"] == f"a party since {int(ash.since)}"
    assert g["ash_b_clause"] == f"has been a party since {int(ash.since)}"
    kaz = cor[cor.corridor.str.startswith("Ashgabat") & (cor.member_or_party == "KAZ")].iloc[0]
    assert g["ash_a_clause"] == f"has been a party since {int(kaz.since)}"
    assert g["instc_b_clause"] == "is in the process of accession"
    assert "has been a party since" in g["evidence_L1"] and " is a party since" not in g["evidence_L1"]
    instc = cor[cor.corridor.str.startswith("International North") & (cor.member_or_party == "TKM")].iloc[0]
    assert instc.status == "accession_in_progress" and g["instc_b"] == "in the process of accession"
    assert "Kazakhstan" in g["ash_caveat"]
    # L1 is graded from the table: consistent only if both are parties to both agreements.
    statuses = [cor[cor.corridor.str.startswith(a) & (cor.member_or_party == c)].status.iloc[0]
                for a in ("Ashgabat", "International North") for c in ("KAZ", "TKM")]
    expected = "consistent" if set(statuses) == {"party"} else "partly consistent"
    assert g["verdict_L1"] == expected == "partly consistent"
    assert g["evidence_kind_L1"] == g["evidence_kind_L2"] == "document"
    assert g["verdict_L2"] == "consistent"
    # A proposal (L3) and a forecast (L4) are judgements: "not checkable" under the verdict rule.
    assert g["verdict_L3"] == g["verdict_L4"] == "not checkable"
    assert g["evidence_kind_L3"] == g["evidence_kind_L4"] == "judgement"
    for cid in ("L1", "L2", "L3", "L4"):
        assert g[f"verdict_{cid}"] in EVIDENCE_KINDS[g[f"evidence_kind_{cid}"]], cid
    assert g["figure_L4"] == "fig-logistics-savings"
    assert "928 km" in g["evidence_L2"] and "1.5 Mt" in g["evidence_L2"]


def test_scenario_defaults_and_savings(default, csv):
    _, g = default
    q11 = _quoted(csv["trade_bilateral"], "Q11")
    assert g["volume_mt"] == q11.value  # the default volume is the sourced figure, and the text says so
    assert "quoted" in g["volume_text"] and "January–October 2025" in g["volume_text"]
    # The default volume covers ten months, and every statement of the saving says so.
    assert int(q11.months) == 10
    assert g["volume_short"] == f"the {q11.value:g} Mt carried over the ten months January–October 2025"
    assert g["volume_short"] in g["evidence_L4"]
    assert g["reduction_pct"] == 15.0 and g["cost_usd_t"] == 100.0
    assert g["savings_musd"] == pytest.approx(q11.value * 100.0 * 15.0 / 100)
    assert g["savings_lo_musd"] == pytest.approx(q11.value * 100.0 * 0.15)
    assert g["savings_hi_musd"] == pytest.approx(q11.value * 100.0 * 0.20)


def _outputs(path):
    return [out for cell in nbformat.read(str(path), as_version=4).cells for out in cell.get("outputs", [])]


def _figures(path):
    """Figure name → (book payload, SVG drawn for Jupyter) for every chart the executed notebook shows, in order."""
    return {out["data"][FIGURE_MIME]["name"]: (out["data"][FIGURE_MIME], out["data"]["image/svg+xml"])
            for out in _outputs(path) if FIGURE_MIME in out.get("data", {})}


def _shown(path):
    return " ".join(out.get("data", {}).get("text/markdown", "") for out in _outputs(path))


def test_figures_have_sources_tooltips_and_the_slider(default):
    path, _ = default
    figures = _figures(path)
    assert list(figures) == ["fig-logistics-map", "fig-logistics-volumes", "fig-logistics-ports",
                             "fig-logistics-middle-corridor", "fig-logistics-lpi", "fig-logistics-rail",
                             "fig-logistics-savings"]
    for name, (payload, svg) in figures.items():
        spec = json.loads(payload["spec"])
        assert payload["source"].startswith("Source"), name
        assert "tooltip" in payload["spec"], name
        assert '"url"' not in payload["spec"], name  # all data inline: no tiles, no fetches
        assert svg.lstrip().startswith("<svg") and spec["title"]["text"] in html.unescape(svg), name
        assert "<table" in payload["table"], name
    the_map = json.loads(figures["fig-logistics-map"][0]["spec"])
    assert the_map["width"] == 620 and the_map["height"] == 460 and "projection" in the_map
    assert "schematic" in figures["fig-logistics-map"][0]["note"]
    savings, savings_svg = figures["fig-logistics-savings"]
    params = {p["name"]: p for p in json.loads(savings["spec"])["params"]}
    assert params["reduction_pct"]["value"] == 15.0 and params["reduction_pct"]["bind"]["input"] == "range"
    assert params["cost_usd_t"]["value"] == 100.0
    # The caption, the note and the picture all say the cost per tonne is an assumption.
    assert "illustrative" in savings["caption"] and "not a measured cost" in savings["caption"]
    assert "not a measured cost" in savings["note"] and "illustrative" in savings_svg
    shown = _shown(path)
    for raw in ("{glue:", "{numref}", "{cite", "{fig:"):
        assert raw not in shown, raw
    for heading in ("## What the data cannot show", "## What to watch", "## Sources"):
        assert heading in "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells), heading


def test_scenario_parameters_change_the_glued_savings(run_chapter):
    _, g = run_chapter("logistics", cost_reduction_pct=17.5, baseline_cost_usd_per_t=40.0, volume_mt=2.0)
    assert g["savings_musd"] == pytest.approx(2.0 * 40.0 * 0.175)
    assert g["volume_text"].endswith("a volume set by the reader")
    assert g["evidence_L4"].count("USD 40") == 1


def test_another_pair_runs_and_says_bilateral_data_is_kz_tm_only(run_chapter, csv):
    path, g = run_chapter("logistics", country_b="UZB")
    assert g["name_b"] == "Uzbekistan"
    ind = csv["logistics_indicators"]
    assert (g["lpi_year_b"], g["lpi_b"]) == _latest(ind, "lpi_overall", "UZB", 2023)
    assert g["lpi_common_year"] == 2022
    assert g["ash_b"] == "a party since 2011"
    assert g["instc_b"] == "not listed"
    notice = only_for_pair("the record of routes, places and quoted freight volumes", "Kazakhstan", "Uzbekistan")
    assert g["bilateral_notice"] == notice and escape_myst(notice) in _shown(path)
    # Only the country-level charts are drawn; no verdict on the Kazakhstan–Turkmenistan claims for this pair.
    assert list(_figures(path)) == ["fig-logistics-middle-corridor", "fig-logistics-lpi", "fig-logistics-rail",
                                    "fig-logistics-savings"]
    assert g["lpi_common_edition"] == 2023  # the survey WDI files under 2022 is the World Bank's 2023 edition
    assert not any(k.startswith("verdict_") for k in g)
    assert "nan" not in " ".join(str(v) for v in g.values() if isinstance(v, str)).lower().split()


@pytest.mark.parametrize("override, message", [
    ({"cost_reduction_pct": 150.0}, "cost_reduction_pct=150"),
    ({"baseline_cost_usd_per_t": -5.0}, "baseline_cost_usd_per_t=-5"),
    ({"volume_mt": "lots"}, "volume_mt='lots'"),
    ({"end_year": 2008}, "end_year=2008"),
])
def test_bad_parameters_fail_with_a_sentence_naming_the_value(run_chapter, override, message):
    with pytest.raises(ChapterError, match=message) as err:
        run_chapter("logistics", **override)
    assert err.value.ename == "ParameterError"


def test_railway_against_its_design_and_the_quoted_port_and_rail_figures(default, csv):
    _, g = default
    rail = csv["logistics_routes"].set_index("route_id").loc["KTI_RAIL"]
    low, high = map(float, re.search(r"(\d+)-(\d+) Mt/yr later", rail.capacity_stated).groups())
    q11 = csv["trade_bilateral"].set_index("id").loc["Q11"]
    annual = q11.value * 12 / q11.months
    assert (g["design_lo"], g["design_hi"]) == (low, high)
    assert g["rail_2025_share_design_lo"] == pytest.approx(100 * annual / high)
    assert g["rail_2025_share_design_hi"] == pytest.approx(100 * annual / low)
    lq = csv["logistics_quoted"].set_index("id")
    rail_rows = lq[(lq.topic == "rail") & (lq.unit == "million tonnes")]
    full_years = rail_rows[pd.to_datetime(rail_rows.period_end) - pd.to_datetime(rail_rows.period_start)
                           > pd.Timedelta(days=360)]
    assert (g["rail_min_mt"], g["rail_max_mt"]) == (full_years.value.min(), full_years.value.max())
    aktau = lq[(lq.subject == "Aktau port") & (lq.period == "2022")].iloc[0]
    cap = lq[(lq.subject == "Aktau port") & (lq.definition == "capacity")].iloc[0]
    assert (g["aktau_2022_mt"], g["aktau_capacity_mt"]) == (aktau.value, cap.value)
    assert g["aktau_2022_share_pct"] == pytest.approx(100 * aktau.value / cap.value)
    assert g["tmb_2021_mt"] == lq[(lq.subject == "Turkmenbashi port") & (lq.definition == "throughput")].value.iloc[0]
    growth = lq[lq.definition == "growth"].iloc[0]
    assert g["route_growth_pct"] == growth.value
    # The Aktau–Türkmenbaşy growth quote is found by what it says, not by its row number.
    tb = csv["trade_bilateral"]
    assert g["ports_growth"] == tb[tb.indicator.str.contains("Aktau")].change_stated.iloc[0]


def test_middle_corridor_and_iran_figures_are_quoted_from_their_sources(default, csv):
    _, g = default
    facts = csv["context_facts"].set_index("fact_id")
    assert g["ukr11_value"] == facts.loc["UKR11", "value"] and g["ukr12_value"] == facts.loc["UKR12", "value"]
    assert g["titr_disagree_mt"] == pytest.approx(facts.loc["UKR11", "value"] - facts.loc["UKR12", "value"])
    assert g["irn07_value"] == facts.loc["IRN07", "value"] and g["irn07_kind"] == "target"
    assert g["irn05_when"] == "28 September 2025" and g["irn06_on"] == "on 9 March 2026"
    assert g["ukr06_kind"] == g["ukr14_kind"] == "target"
    assert g["lpi_common_edition"] == 2018 and g["lpi_edition_a"] == 2023  # Kazakhstan's latest: WDI's "2022"
