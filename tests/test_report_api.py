"""The chapter-facing API: prose templates, escaping, tables, figures and the verdict rule."""

from __future__ import annotations

import json
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest

from kztm.charts.render import FIGURE_MIME, Figure, FigureError, add_footer, figure_bundle
from kztm.charts.theme import COUNTRY_COLORS, country_color, finding
from kztm.report.escape import escape_myst
from kztm.report.prose import Markup, ProseError, plain_value, render, render_text
from kztm.report.tables import format_cell, table_html
from kztm.report.verdicts import EVIDENCE_KINDS, RULE, VERDICTS, VerdictError, check_verdict

INJECTIONS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "Oil & Gas", "{cite}`x`",
              "```{warning}\nboom\n```", "[click](javascript:alert(1))", "*bold* _it_ `code` $x$ | pipe"]


# --- escaping ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", INJECTIONS)
def test_markup_in_data_is_escaped_for_myst(text):
    escaped = escape_myst(text)
    # every ASCII punctuation character is preceded by a backslash; nothing else changed
    unescaped = re.sub(r"\\(.)", r"\1", escaped)
    assert unescaped == text.replace("\n", " ")
    assert not re.search(r"(?<!\\)[<>{}`\[\]&*_$|]", escaped)
    assert "\n" not in escaped


def test_escape_keeps_letters_digits_and_non_ascii():
    assert escape_myst("Türkmenbaşy 2024") == "Türkmenbaşy 2024"
    assert escape_myst(None) == ""


def test_markup_in_data_renders_literally_with_the_myst_parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(MdParserConfig(), RendererHTML)
    for text in INJECTIONS:
        html = md.render("Value: " + escape_myst(text))
        assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
        assert "<code" not in html and "<em>" not in html


# --- prose -----------------------------------------------------------------------------------

def test_template_gives_myst_for_the_book_and_words_for_jupyter():
    out = render("Turnover was USD {v:,.1f} million in {year} ({fig:fig-trade-turnover}; {cite:wdi2026}).",
                 {"v": 1234.56, "year": 2024}, {"fig-trade-turnover": "Turnover, USD million"})
    assert out.myst == ("Turnover was USD 1,234.6 million in 2024 ({numref}`fig-trade-turnover`; "
                        "{cite:p}`wdi2026`).")
    assert out.plain.startswith("Turnover was USD 1,234.6 million in 2024 (figure “Turnover, USD million”; (World Bank")
    assert "{" not in out.plain and "`" not in out.plain


def test_text_values_from_data_are_escaped_in_both_flavours():
    out = render("Place: {place}.", {"place": "<script>x</script>"})
    assert out.myst == out.plain == r"Place: \<script\>x\<\/script\>."
    assert render_text("Title {place}", {"place": "A & B"}) == "Title A & B"  # chart titles are text, not markup


def test_references_to_claims_data_and_chapters():
    out = render("{claim:T1} {data:trade_bilateral} {chapter:energy|the energy chapter} {ref:claims-audit|audit}", {})
    assert out.myst == ("{ref}`T1 <claim-t1>` {ref}`dataset trade_bilateral <dataset-trade-bilateral>` "
                        "[the energy chapter](energy.ipynb) {ref}`audit <claims-audit>`")
    assert out.plain == "T1 dataset trade_bilateral [the energy chapter](energy.ipynb) audit"


def test_a_missing_or_unknown_value_is_refused_by_name():
    with pytest.raises(ProseError, match="'nope'"):
        render("{nope}", {})
    with pytest.raises(ProseError, match="missing value"):
        render("{x:.1f}", {"x": float("nan")})


def test_markup_made_by_the_package_passes_in_its_own_flavour():
    out = render("See {m}.", {"m": Markup("{numref}`fig-a`", "figure A")})
    assert out.myst == "See {numref}`fig-a`." and out.plain == "See figure A."


def test_numpy_values_become_plain_python():
    assert type(plain_value(np.str_("a"))) is str and plain_value(np.str_("a")) == "a"
    assert plain_value(np.bool_(True)) is True
    assert type(plain_value(np.int64(3))) is int and type(plain_value(np.float32(1.5))) is float


# --- tables ----------------------------------------------------------------------------------

def test_tables_escape_every_cell_and_header():
    frame = pd.DataFrame({"Name <b>": ["<img src=x onerror=1>", "Oil & Gas"], "Value, USD million": [1234.5, 2.0]})
    html = table_html(frame, caption="Caption <i>")
    assert "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;img src=x onerror=1&gt;" in html and "Oil &amp; Gas" in html
    assert '<td class="kztm-num">1,234.5</td>' in html


def test_cells_are_formatted_for_readers():
    assert format_cell(2024) == "2024" and format_cell(0.12345) == "0.123" and format_cell(1234567.0) == "1,234,567"
    assert format_cell(float("nan")) == "" and format_cell(5.0, ".1f") == "5.0"
    assert format_cell(pd.Timestamp("2025-11-24")) == "2025-11-24"


# --- figures ---------------------------------------------------------------------------------

def _figure(title="Kazakhstan leads", datasets=("macro",)):
    df = pd.DataFrame({"year": [2020, 2021], "value": [1.0, 2.0], "country": ["Kazakhstan", "Turkmenistan"]})
    chart = alt.Chart(df).mark_line().encode(x="year:Q", y=alt.Y("value:Q", title="Value, USD billion"),
                                             color=country_color(codes=["KAZ", "TKM"]),
                                             tooltip=["year:Q", "value:Q"])
    chart = chart.properties(title=finding(title, "What is shown, USD billion"))
    return Figure(chart, df.rename(columns={"value": "Value (USD billion)"}), datasets, note="2021 derived.")


def test_figure_output_has_the_book_payload_and_a_picture_for_jupyter():
    data, meta = figure_bundle(_figure(), "fig-test-one")
    payload = data[FIGURE_MIME]
    assert payload["name"] == "fig-test-one" and payload["caption"] == "What is shown, USD billion"
    assert payload["source"].startswith("Source: World Bank, World Development Indicators")
    spec = json.loads(payload["spec"])
    assert spec["title"] == {"text": "Kazakhstan leads"}  # the subtitle is the caption, not repeated
    assert spec["description"] == "Kazakhstan leads. What is shown, USD billion"
    assert spec["width"] == "container"
    assert COUNTRY_COLORS["KAZ"] in payload["spec"]
    assert "Value (USD billion)" in payload["table"]
    svg = data["image/svg+xml"]
    assert svg.startswith("<svg") and 'class="mark-line' in svg
    assert "World Development Indicators" in svg and "CC BY 4.0" in svg and "2021 derived" in svg
    assert meta == {"kztm": {"role": "figure", "name": "fig-test-one"}}


def test_spec_json_cannot_close_its_script_element():
    fig = _figure(title="</script><script>alert(1)</script>")
    payload = figure_bundle(fig, "fig-test-two")[0][FIGURE_MIME]
    assert "<" not in payload["spec"] and ">" not in payload["spec"]
    assert json.loads(payload["spec"])["title"]["text"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("bad", [dict(name="Figure 1"), dict(datasets=()), dict(title="")])
def test_figures_without_name_source_or_title_are_refused(bad):
    fig = _figure(title=bad.get("title", "T"), datasets=bad.get("datasets", ("macro",)))
    with pytest.raises(FigureError):
        figure_bundle(fig, bad.get("name", "fig-ok"))


def test_footer_grows_the_picture_and_wraps_long_text():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><g/></svg>'
    out = add_footer(svg, "word " * 40)
    height = float(re.search(r'height="([\d.]+)"', out).group(1))
    assert height > 100 and out.count("<text") > 1 and out.endswith("</svg>")
    assert f'viewBox="0 0 200 {height:g}"' in out


# --- the verdict rule ------------------------------------------------------------------------

def test_the_rule_covers_every_verdict_once():
    assert [row[0] for row in RULE] == list(VERDICTS)
    assert {v for verdicts in EVIDENCE_KINDS.values() for v in verdicts} == set(VERDICTS)


@pytest.mark.parametrize("verdict, kind", [("consistent", "not obtained"), ("not checked", "data"),
                                           ("consistent", "judgement"), ("not checkable", "document"),
                                           ("fine", "data"), ("consistent", "a quote")])
def test_a_verdict_needs_evidence_of_its_kind(verdict, kind):
    with pytest.raises(VerdictError):
        check_verdict("T1", verdict, kind)


def test_allowed_verdicts_pass():
    check_verdict("T1", "not checked", "not obtained")
    check_verdict("P1", "consistent", "document")
    check_verdict("T5", "not checkable", "judgement")


def test_verdicts_follow_the_claims_ledger(monkeypatch):
    import kztm.data as data
    from kztm.report import verdicts

    ledger = pd.DataFrame({"claim_id": ["A1", "A2", "A3"], "claim": ["x", "y", "z"],
                           "evidence_kind": ["data", "forecast/judgement", "document"],
                           "evidence_obtained": ["no", "no", "yes"]})
    monkeypatch.setattr(data, "load_dataset", lambda name: ledger)
    monkeypatch.setattr(verdicts, "glue", lambda *a, **k: None)
    ok = verdicts.record_verdicts([
        {"claim_id": "A1", "verdict": "not checked", "evidence_kind": "not obtained", "evidence": "e"},
        {"claim_id": "A2", "verdict": "not checkable", "evidence_kind": "judgement", "evidence": "e"},
        {"claim_id": "A3", "verdict": "not checked", "evidence_kind": "not obtained", "evidence": "e"}])
    assert list(ok.verdict) == ["not checked", "not checkable", "not checked"]
    for item in ({"claim_id": "A1", "verdict": "consistent", "evidence_kind": "data"},
                 {"claim_id": "A2", "verdict": "not checked", "evidence_kind": "not obtained"},
                 {"claim_id": "A3", "verdict": "consistent", "evidence_kind": "data"},
                 {"claim_id": "B9", "verdict": "consistent", "evidence_kind": "data"}):
        with pytest.raises(VerdictError):
            verdicts.record_verdicts([{**item, "evidence": "e"}])
