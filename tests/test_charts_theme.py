"""The charts' look: theme, fixed colours per country with enough contrast, sliders, the offline Vega bundle."""

import altair as alt
import pytest

from kztm.charts import theme as charts
from kztm.charts.render import use_report_charts
from kztm.pipeline.book import write_vega_bundle


@pytest.fixture(autouse=True)
def report_charts():
    use_report_charts()


def _contrast(a: str, b: str) -> float:
    def lum(h):
        r, g, b_ = (int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))
        f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4  # noqa: E731
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b_)
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_series_colour_has_3_to_1_contrast_on_white():
    for colour in [*charts.COUNTRY_COLORS.values(), *charts.PALETTE, charts.MUTED, charts.ACCENT]:
        assert _contrast(colour, "#ffffff") >= 3.0, colour


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
    stamp, body = text.split("\n", 1)
    assert stamp.startswith("/* vega bundle from vl-convert-python ") and stamp.endswith(" */")
    assert body.startswith("(function () {") and body.rstrip().endswith("})();")
    assert "window.vegaEmbed=" in text
    assert "https://" not in text[:2000]
    mtime = path.stat().st_mtime_ns
    write_vega_bundle(tmp_path)  # unchanged content is not rewritten
    assert path.stat().st_mtime_ns == mtime
