import json
import re

import altair as alt
import pandas as pd
import pytest

from kztm import charts
from kztm.charts import render
from kztm.pipeline.book import write_vega_bundle


@pytest.fixture(autouse=True)
def report_charts():
    charts.use_report_charts()
    yield
    alt.renderers.enable("default")


def _chart():
    df = pd.DataFrame({"year": [2020, 2021], "value": [1.0, 2.0], "country": ["Kazakhstan", "Turkmenistan"]})
    return alt.Chart(df).mark_line().encode(x="year:Q", y="value:Q", color=charts.country_color(codes=["KAZ", "TKM"]),
                                            tooltip=["year:Q", "value:Q"])


def test_bundle_draws_with_vega_embed_and_carries_the_source_line():
    bundle = charts.with_source(_chart(), "macro")._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    html = bundle["text/html"]
    assert 'class="kztm-chart"' in html
    assert re.search(r'<figure class="kztm-chart" id="kztm-chart-[0-9a-f]+-\d+">', html)
    # The script draws into its own figure (the same chart may be pasted twice on one page).
    assert 'figure.querySelector(".kztm-vis")' in html
    assert "})(document.currentScript.parentNode);</script></figure>" in html
    assert "window.vegaEmbed(el, spec" in html and 'renderer: "svg"' in html
    assert "World Development Indicators" in html  # from data/datapackage.json, not typed here
    assert 'href="../generated/data-appendix.html#dataset-macro"' in html
    assert "http://" not in html.split("var spec")[0] and "cdn" not in html.lower()
    assert bundle["text/plain"].startswith("Chart:")


def test_several_datasets_give_one_source_line_without_repeats():
    chart = charts.with_source(_chart(), "macro", "gdp_vintages", "macro")
    source = chart.to_dict()["usermeta"]["kztm"]["source"]
    assert source.startswith("Sources: World Bank, World Development Indicators")
    assert source.count("World Development Indicators (WDI vintage") == 1
    assert "Source:" not in source and ". Sources" not in source


def test_chart_without_source_is_refused():
    with pytest.raises(ValueError, match="no source line"):
        render.render(_chart().to_dict())


def test_script_end_tag_in_data_cannot_break_out():
    df = pd.DataFrame({"label": ["</script><b>x"], "v": [1]})
    chart = alt.Chart(df).mark_bar().encode(x="v:Q", y="label:N").properties(
        usermeta={"kztm": {"datasets": ["macro"], "source": "Source: test"}})
    html = render.render(chart.to_dict())["text/html"]
    script = html.split("<script", 1)[1]
    assert "</script><b>" not in script.rsplit("</script>", 1)[0]
    spec_text = re.search(r"var spec = (.*);\n", html).group(1)
    datasets = json.loads(spec_text)["datasets"]
    assert next(iter(datasets.values()))[0]["label"] == "</script><b>x"


def test_single_views_fill_the_column_but_explicit_widths_stay():
    spec = {"mark": "bar", "usermeta": {"kztm": {"datasets": ["macro"], "source": "s"}}}
    assert render._fit_to_page(spec)["width"] == "container"
    assert render._fit_to_page({**spec, "width": 400})["width"] == 400
    assert "width" not in render._fit_to_page({"hconcat": [], **spec})


def test_theme_is_enabled_with_report_fonts_and_palette():
    assert alt.theme.active == "kztm"
    config = charts.theme()["config"]
    assert config["range"]["category"][0] == charts.COUNTRY_COLORS["KAZ"]
    assert config["title"]["anchor"] == "start"


def test_country_colours_are_fixed_per_country():
    enc = charts.country_color(codes=["TKM", "KAZ"]).to_dict()
    assert enc["scale"]["domain"] == ["Turkmenistan", "Kazakhstan"]
    assert enc["scale"]["range"] == [charts.COUNTRY_COLORS["TKM"], charts.COUNTRY_COLORS["KAZ"]]


def test_slider_is_a_range_binding_with_the_default():
    param = charts.slider("rate", 0.1, 0, 0.5, 0.01, "Growth").param.to_dict()
    assert param["value"] == 0.1 and param["bind"]["input"] == "range"
    assert param["bind"]["min"] == 0 and param["bind"]["max"] == 0.5


def test_vega_bundle_is_wrapped_and_exposes_vega_embed(tmp_path):
    path = write_vega_bundle(tmp_path)
    text = path.read_text()
    assert text.startswith("(function () {") and text.rstrip().endswith("})();")
    assert "window.vegaEmbed=" in text
    assert "https://" not in text[:2000]
    mtime = path.stat().st_mtime_ns
    write_vega_bundle(tmp_path)  # unchanged content is not rewritten
    assert path.stat().st_mtime_ns == mtime
