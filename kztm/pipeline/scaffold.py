"""``python -m kztm new-chapter NAME --title TITLE``: the files of a new theme, ready to run and test.

It writes five files that work as they are — a notebook with the chapter skeleton, a chart module
with one chart, a theme module with one computation, and their tests — and prints the two lines to
add to ``chapters.yml`` and ``_toc.yml`` (it never edits a file it did not create). The starting
chart draws one column of one dataset of the data package for the pair and its peers; the author
replaces it with the theme's own analysis (see CONTRIBUTING.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..paths import ROOT
from .config import ConfigError

NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")

NOTEBOOK = '''# %% [markdown]
# # {title}
#
# One paragraph: what this chapter asks about the relationship, and with which data.

# %% tags=["parameters"]
country_a: str = "KAZ"  # first country of the pair: ISO3 code of a Central Asian state (KAZ, TKM, UZB, KGZ, TJK)
country_b: str = "TKM"  # second country of the pair, another of the same five codes
peers: list = ["UZB", "KGZ", "TJK"]  # Central Asian peers shown for comparison
start_year: int = 2000  # first year shown (1990-2025)
end_year: int = 2025  # last year shown (1990-2025)

# %%
from kztm.charts import {name} as charts
from kztm.data import load_dataset
from kztm.params import validate_common
from kztm.report.chapter import Chapter
from kztm.themes import {name} as theme

ch = Chapter("{name}")
p = validate_common(country_a, country_b, peers, start_year, end_year, years=(1990, 2025))
rows = theme.window(load_dataset("{dataset}"), p.countries, p.start_year, p.end_year)
year, value_a, value_b = theme.latest_pair(rows, "{column}", p.country_a, p.country_b)
ch.glue(name_a=p.name_a, name_b=p.name_b, latest_year=year, value_a=value_a, value_b=value_b)

# %%
ch.findings("In {{latest_year}}, {{name_a}} stood at {{value_a:,.1f}} and {{name_b}} at {{value_b:,.1f}} "
            "({{fig:fig-{slug}-overview}}). Replace this with what the numbers mean.")

# %% [markdown]
# ## The first section

# %%
ch.figure(charts.overview(rows, p.countries, ch.title("{{name_a}} and {{name_b}}, {{latest_year}}")),
          "fig-{slug}-overview")
ch.say("What {{fig:fig-{slug}-overview}} shows, with its numbers.")

# %% [markdown]
# ## What the data cannot show
#
# What is not obtained, and what is not published.
#
# ## What to watch
#
# - The first thing to watch.
#
# ## Sources

# %%
ch.say("The data: {{cite:wdi2026}}.")
ch.notebook_links()
'''

CHARTS = '''"""Charts of the {name} chapter."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .render import Figure
from .theme import country_color, finding, year_axis

COLUMN = "{column}"
COLUMN_TITLE = "{column_title}"
DATASET = "{dataset}"


def overview(rows: pd.DataFrame, codes: list[str], title: str) -> Figure:
    """``{column}`` of dataset ``{dataset}`` by year, one line per country.

    ``rows``: the dataset's rows for the countries and years drawn (country_code, country, year, {column});
    ``codes``: the countries in legend order; ``title``: the finding.
    """
    data = rows.dropna(subset=[COLUMN])
    chart = alt.Chart(data).mark_line(point=True).encode(
        x=year_axis(),
        y=alt.Y(f"{{COLUMN}}:Q", title=COLUMN_TITLE),
        color=country_color(codes=codes),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip(f"{{COLUMN}}:Q", title=COLUMN_TITLE, format=",.1f")],
    ).properties(title=finding(title, f"{{COLUMN_TITLE}}, by country and year"))
    table = data[["country", "year", COLUMN]].rename(
        columns={{"country": "Country", "year": "Year", COLUMN: COLUMN_TITLE}})
    return Figure(chart, table, (DATASET,))
'''

THEME = '''"""Computations of the {name} chapter (pure functions on datasets, each with a unit test)."""

from __future__ import annotations

import pandas as pd

from .indicators import latest


def window(rows: pd.DataFrame, codes: list[str], start_year: int, end_year: int) -> pd.DataFrame:
    """The rows of ``codes`` between ``start_year`` and ``end_year`` (inclusive)."""
    return rows[rows.country_code.isin(codes) & rows.year.between(start_year, end_year)]


def latest_pair(rows: pd.DataFrame, column: str, code_a: str, code_b: str) -> tuple[int, float, float]:
    """(year, value of ``code_a``, value of ``code_b``) in the latest year ``code_a`` has, ``code_b`` not later.

    Raises ``LookupError`` naming the country and column when either has no value.
    """
    year, value_a = latest(rows, column, code_a)
    _, value_b = latest(rows, column, code_b, up_to_year=year)
    return year, value_a, value_b
'''

TEST_CHARTS = '''"""The {name} chapter's charts, drawn with vl-convert from the committed data."""

from kztm.charts import {name} as charts
from kztm.charts.render import static_svg
from kztm.charts.theme import COUNTRY_COLORS
from kztm.data import load_dataset
from kztm.themes import {name} as theme

TITLE = "{column_title}"


def test_overview_draws_one_line_per_country_with_units_source_and_tooltips():
    rows = theme.window(load_dataset("{dataset}"), ["KAZ", "TKM"], 2000, 2025)
    fig = charts.overview(rows, ["KAZ", "TKM"], "A finding")
    svg = static_svg(fig)
    assert 'class="mark-line' in svg and TITLE in svg
    assert fig.source_line().split(": ", 1)[1].split(";")[0] in svg
    assert [t["title"] for t in fig.spec()["encoding"]["tooltip"]] == ["Country", "Year", TITLE]
    assert COUNTRY_COLORS["KAZ"] in str(fig.spec()) and list(fig.data.columns)[-1] == TITLE
'''

TEST_CHAPTER = '''"""The {name} chapter executes for two pairs and its glued figures equal the data."""

import pytest

from kztm.data import load_dataset
from kztm.themes.indicators import latest


@pytest.mark.parametrize("country_b", ["TKM", "UZB"])
def test_glued_figures_equal_the_data(run_chapter, country_b):
    _, glued = run_chapter("{name}", country_b=country_b)
    rows = load_dataset("{dataset}")
    rows = rows[rows.year.between(2000, 2025)]
    year, value_a = latest(rows, "{column}", "KAZ")
    _, value_b = latest(rows, "{column}", country_b, up_to_year=year)
    assert glued["latest_year"] == year
    assert glued["value_a"] == pytest.approx(value_a) and glued["value_b"] == pytest.approx(value_b)
'''


def scaffold(name: str, title: str, dataset: str = "macro", column: str = "gdp_growth_pct",
             root: Path = ROOT) -> list[Path]:
    """Write the files of a new chapter ``name``; return their paths.

    Raises :class:`ConfigError` (one sentence) for a bad name, an unknown dataset or column, or when any
    of the files already exists (nothing is written then).
    """
    from ..data import dataset_metadata

    if not NAME.match(name):
        raise ConfigError(f"Chapter name {name!r} must be lower case letters, digits and underscores, "
                          "starting with a letter (2 to 31 characters).")
    try:
        fields = {f["name"]: f for f in dataset_metadata(dataset)["schema"]["fields"]}
    except Exception as exc:
        raise ConfigError(f"Dataset {dataset!r} cannot start a chapter: {exc}") from None
    if column not in fields or fields[column]["type"] != "number" or "country_code" not in fields:
        raise ConfigError(f"Column {column!r} is not a number column of a country dataset {dataset!r}.")
    unit = fields[column].get("unit", "")
    column_title = (fields[column]["description"].split("[")[0].split(" (")[0].rstrip(". ")
                    + (f", {unit}" if unit else "")).replace("\\", "").replace('"', "'")
    values = {"name": name, "slug": name.replace("_", "-"), "title": title.replace("\n", " "),
              "dataset": dataset, "column": column, "column_title": column_title}
    files = {
        root / "notebooks" / f"{name}.ipynb": None,
        root / "kztm" / "charts" / f"{name}.py": CHARTS.format(**values),
        root / "kztm" / "themes" / f"{name}.py": THEME.format(**values),
        root / "tests" / f"test_charts_{name}.py": TEST_CHARTS.format(**values),
        root / "tests" / f"test_chapter_{name}.py": TEST_CHAPTER.format(**values),
    }
    existing = [str(p.relative_to(root)) for p in files if p.exists()]
    if existing:
        raise ConfigError(f"Chapter {name!r} cannot be created: {', '.join(existing)} already exist(s); "
                          "nothing was written.")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            _write_notebook(path, NOTEBOOK.format(**values))
        else:
            path.write_text(text, encoding="utf-8")
    return list(files)


def _write_notebook(path: Path, script: str) -> None:
    """A notebook without outputs from a percent-format script (``# %%`` cells, ``# %% [markdown]``)."""
    import json

    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    for i, block in enumerate(re.split(r"^# %%", script, flags=re.M)[1:]):
        head, _, body = block.partition("\n")
        if head.strip().startswith("[markdown]"):
            cell = nbformat.v4.new_markdown_cell(re.sub(r"^# ?", "", body.strip("\n"), flags=re.M))
        else:
            cell = nbformat.v4.new_code_cell(body.strip("\n"))
            tags = re.search(r"tags=(\[.*\])", head)
            if tags:
                cell.metadata["tags"] = json.loads(tags.group(1))
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    nbformat.write(nb, path)


def checklist(name: str, title: str) -> str:
    """What the author does next: the lines to add to chapters.yml and _toc.yml, and the rest."""
    return (f"Created chapter {name!r}. Next:\n"
            f"  1. chapters.yml, under chapters:\n"
            f"       {name}:\n         title: {title}\n         notebook: notebooks/{name}.ipynb\n"
            f"  2. _toc.yml, under the Themes part:  - file: book/chapters/{name}\n"
            "  3. Write the analysis: computations in kztm/themes/, charts in kztm/charts/, prose with ch.say\n"
            "     (CONTRIBUTING.md).\n"
            "  4. Claims of this theme: rows in data/compiled/claims.csv, judged with ch.verdicts.\n"
            "  5. make test; your chapter alone:\n"
            f"     .venv/bin/python -m pytest tests/test_chapter_{name}.py tests/test_charts_{name}.py")
