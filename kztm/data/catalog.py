"""What each committed dataset holds: fields, units, constraints, origins.

Declarations only; the code that fills these tables lives in ``derive.py``.
"""

from __future__ import annotations

import copy

from . import sources as S
from .dots import BASIS as DOTS_BASIS
from .dots import NAMES as DOTS_NAMES
from .dots import WORKBOOKS as DOTS_REPORTERS
from .schema import Dataset, Field, country_fields, year_field

DOTS_PARTNERS = list(DOTS_NAMES)


def _with_processing(origin: dict, processing: str) -> dict:
    out = copy.deepcopy(origin)
    out["processing"] = processing
    return out


def _attr(origin: dict, attribution: str) -> dict:
    origin["attribution"] = attribution
    return origin


MACRO_YEARS = (1990, 2025)
REGION_NOTE = "Kazakhstan, Turkmenistan and the peers Uzbekistan, Kyrgyzstan, Tajikistan."

CATALOG: dict[str, Dataset] = {}


def _register(ds: Dataset) -> Dataset:
    CATALOG[ds.name] = ds
    return ds


# ---------------------------------------------------------------- macro ----
_register(Dataset(
    name="macro",
    title="Population and GDP, Central Asia 1990-2025",
    description=("Population, GDP (current USD), GDP per capita (current USD) and real GDP growth for "
                 + REGION_NOTE + " One row per country and year; blank where the World Bank has no value."),
    theme="macro",
    fields=country_fields() + [
        year_field(*MACRO_YEARS),
        Field("population", "integer", "Total population (midyear estimate, de facto definition) [SP.POP.TOTL].",
              unit="persons", minimum=0),
        Field("gdp_usd", "number", "GDP at purchaser's prices [NY.GDP.MKTP.CD].", unit="current US$", minimum=0),
        Field("gdp_per_capita_usd", "number", "GDP per capita [NY.GDP.PCAP.CD].", unit="current US$", minimum=0),
        Field("gdp_growth_pct", "number", "Annual growth of GDP at constant local-currency prices [NY.GDP.MKTP.KD.ZG].",
              unit="% per year"),
    ],
    primary_key=["country_code", "year"],
    origins=[_attr(S.wdi_origin(
        ["sp.pop.totl", "ny.gdp.mktp.cd", "ny.gdp.pcap.cd", "ny.gdp.mktp.kd.zg"],
        upstream="World Bank national accounts data and OECD National Accounts data files; UN Population Division and national statistical offices",
        processing=("Kept the five countries and the years 1990-2025 from each indicator file, joined the four "
                    "indicators on country code and year, renamed the columns. Values are as published (no "
                    "rounding, no gap filling).")),
        f"World Bank, World Development Indicators (WDI vintage {S.WDI_VINTAGE})")],
    notes=[
        ("Vintage choice: all GDP figures, including Turkmenistan's, come from the WDI vintage of "
         f"{S.WDI_VINTAGE}, the newest available, so that GDP, GDP per capita and growth come from one consistent release."),
        # The revision note with its figures is computed from the data by derive.py (notes_macro).
    ],
))

_register(Dataset(
    name="gdp_vintages",
    title="GDP in two World Bank vintages, Kazakhstan and Turkmenistan",
    description=("GDP in current USD from the WDI 2026-07-01 vintage (used throughout this report) and from the "
                 "datahub 'gdp' package (March 2026), with their ratio, to show the revision of Turkmenistan's GDP."),
    theme="macro",
    fields=country_fields() + [
        year_field(*MACRO_YEARS),
        Field("gdp_usd_wdi_2026", "number", "GDP, WDI vintage 2026-07-01 [NY.GDP.MKTP.CD].", unit="current US$", minimum=0),
        Field("gdp_usd_datahub_2026_03", "number", "GDP, datahub core 'gdp' package, March 2026.", unit="current US$", minimum=0),
        Field("ratio", "number", "gdp_usd_wdi_2026 divided by gdp_usd_datahub_2026_03 (derived).", unit="ratio",
              minimum=0, decimals=4),
    ],
    primary_key=["country_code", "year"],
    origins=[
        _attr(S.wdi_origin(["ny.gdp.mktp.cd"], processing="Kept KAZ and TKM, years 1990-2025."),
              f"World Bank, World Development Indicators (WDI vintage {S.WDI_VINTAGE})"),
        _attr(_with_processing(S.DATAHUB_GDP, "Kept KAZ and TKM, years 1990-2025; joined to the WDI series by country and year; ratio computed and rounded to 4 decimals."),
              "World Bank via datahub.io core 'gdp' (March 2026)"),
    ],
    notes=["The ratio is derived by this project; both GDP columns are as published."],
))


def _wdi(codes, processing, upstream=""):
    return _attr(S.wdi_origin(codes, upstream=upstream, processing=processing),
                 f"World Bank, World Development Indicators (WDI vintage {S.WDI_VINTAGE})")


# ---------------------------------------------------------------- trade ----
_register(Dataset(
    name="trade_country",
    title="Merchandise trade and trade openness, Central Asia 1990-2025",
    description=("Each country's merchandise exports and imports (current USD, all partners), merchandise trade as % "
                 "of GDP and exports/imports of goods and services as % of GDP. " + REGION_NOTE),
    theme="trade",
    fields=country_fields() + [
        year_field(*MACRO_YEARS),
        Field("merch_exports_usd", "number", "Merchandise exports, f.o.b., all partners [TX.VAL.MRCH.CD.WT].",
              unit="current US$", minimum=0),
        Field("merch_imports_usd", "number", "Merchandise imports, c.i.f., all partners [TM.VAL.MRCH.CD.WT].",
              unit="current US$", minimum=0),
        Field("merch_trade_pct_gdp", "number", "Merchandise exports plus imports divided by GDP [TG.VAL.TOTL.GD.ZS].",
              unit="% of GDP", minimum=0),
        Field("exports_gs_pct_gdp", "number", "Exports of goods and services [NE.EXP.GNFS.ZS].", unit="% of GDP", minimum=0),
        Field("imports_gs_pct_gdp", "number", "Imports of goods and services [NE.IMP.GNFS.ZS].", unit="% of GDP", minimum=0),
    ],
    primary_key=["country_code", "year"],
    origins=[_wdi(["tx.val.mrch.cd.wt", "tm.val.mrch.cd.wt", "tg.val.totl.gd.zs", "ne.exp.gnfs.zs", "ne.imp.gnfs.zs"],
                  "Kept the five countries and 1990-2025, joined the five indicators on country and year, renamed columns; values as published.",
                  upstream="WTO and IMF (merchandise trade); World Bank and OECD national accounts (% of GDP)")],
    notes=["These are totals with all partners; no bilateral Kazakhstan-Turkmenistan series is published in WDI."],
))

TRADE_STATUS = ["stated", "derived", "qualitative"]

_register(Dataset(
    name="trade_bilateral",
    title="Kazakhstan-Turkmenistan bilateral trade figures as quoted by officials",
    description=("Bilateral trade turnover, exports, imports, cargo volumes and targets as quoted by ministers, "
                 "ambassadors and the press. One row per quoted figure with its period, source URL and date. "
                 "No official machine-readable bilateral series was found; status tells a quoted figure (stated) "
                 "from one computed by the researchers (derived) and from a statement without a number (qualitative)."),
    theme="trade",
    fields=[
        Field("id", "string", "Row identifier: Q01... rows of the raw compilation, C01... rows of data/compiled/trade_quoted_extra.csv.",
              required=True),
        Field("period", "string", "Period as recorded by the compiler: YYYY, YYYY-MM, YYYY-MM/YYYY-MM, YYYY/YYYY, or 'target' for a goal without a year.",
              required=True),
        Field("period_start", "date", "First day of the period the figure covers (blank for a target)."),
        Field("period_end", "date", "Last day of the period the figure covers (blank for a target)."),
        Field("months", "integer", "Length of the period in months.", unit="months", minimum=1, maximum=120),
        Field("indicator", "string", "What is measured (e.g. 'KZ-TM trade turnover').", required=True),
        Field("value", "number", "The figure; blank when the source gives only a change or a qualitative statement.", minimum=0),
        Field("unit", "string", "Unit of value (e.g. 'USD million', 'million tonnes')."),
        Field("change_stated", "string", "Change over a previous period as stated by the source."),
        Field("status", "string", "stated = quoted by a source; derived = computed by the researchers, never quoted; qualitative = a statement without a figure.",
              required=True, enum=TRADE_STATUS),
        Field("status_detail", "string", "Status as recorded by the compiler, verbatim."),
        Field("source_url", "string", "Web page quoting the figure (blank for derived rows)."),
        Field("source_date", "string", "Publication date of the source (YYYY-MM-DD, YYYY-MM or YYYY with a remark)."),
        Field("note", "string", "Remarks: other sources with the same figure, how a derived figure was computed."),
        Field("bib_key", "string", "Key of the source in book/references.bib (compiled rows)."),
        Field("horizon_stated", "string", "For a target: the horizon as the source states it (e.g. 'in the next five years'); blank otherwise."),
    ],
    primary_key=["id"],
    origins=[_attr(_with_processing(S.KZ_TM_QUOTED,
        "Split the period into start and end dates and a month count; normalised the status to stated / derived / "
        "qualitative (keeping the original wording in status_detail; targets, potentials and approximate figures "
        "count as stated); numbered the rows Q01...; appended the rows of data/compiled/trade_quoted_extra.csv "
        "(numbered C01...) when present."),
        "Figures quoted by officials and the press (each figure's publisher is named in the data table)")],
    notes=["The 2022 turnover of about USD 440 million is derived (2023 figure of 563 divided by the stated growth of 28%) and has never been quoted by a source; do not present it as a source figure."],
    country_field=None, year_field="period_start", sort_by=["period", "id"],
))

_register(Dataset(
    name="bilateral_trade",
    title="Bilateral goods trade of the Central Asian states, IMF Direction of Trade Statistics 1992-2020",
    description=("Exports FOB and imports CIF between every pair of the five Central Asian states, and between each of "
                 "them and Azerbaijan, Iran, Russia, China and Afghanistan, as reported by each side to the IMF (both "
                 "directions are kept: A's report on trade with B and B's report on trade with A). The five Central "
                 "Asian reporters' totals with the World (all partners, partner code WLD) are kept for shares. One row "
                 "per reporter, partner, flow and year with a value. Column basis tells the reporter's own figure "
                 "(reported) from one the IMF derived from the partner's report (mirror) and from figures of a "
                 "reporter-year that was not reported (partner_based)."),
    theme="trade",
    fields=[
        Field("reporter_code", "string", "ISO 3166-1 alpha-3 code of the reporting country (whose workbook the figure is in).",
              required=True, enum=sorted(DOTS_REPORTERS)),
        Field("reporter", "string", "Reporting country (short English name).", required=True),
        Field("partner_code", "string", "ISO 3166-1 alpha-3 code of the partner; WLD = World, the reporter's total with all partners "
              "(kept for the Central Asian reporters only). Mapped from the IMF's names by one table (kztm/data/dots.py IMF_NAMES).",
              required=True, enum=sorted(DOTS_PARTNERS)),
        Field("partner", "string", "Partner (short English name; 'World' for the total).", required=True),
        Field("flow", "string", "exports_fob = the reporter's exports to the partner, valued free on board; imports_cif = "
              "the reporter's imports from the partner, valued with cost, insurance and freight.", required=True,
              enum=["exports_fob", "imports_cif"]),
        year_field(1960, 2030),
        Field("value_usd_m", "number", "Value as printed in the workbook (estimate suffix removed, thousands separators dropped).",
              unit="US$ million", required=True, minimum=0),
        Field("estimate", "boolean", "true when the IMF printed the value with the suffix ' e' (an IMF estimate).", required=True),
        Field("basis", "string", ("reported = the reporter's own figure; mirror = the partner's own figure for the opposite flow "
              "converted with a CIF/FOB factor (imports = partner's exports x mirror_factor; exports = partner's imports / "
              "mirror_factor), detected within the rounding of the two printed values and attributed to the side the IMF "
              "flags as an estimate, else to the side whose figures that year match their partners' most often; "
              "partner_based = not a single-partner mirror, but the reporter did not report this flow in this year (more "
              "than half of at least 3 checkable figures of it are mirrors), so the figure (e.g. the World total) rests on "
              "partner data too. Never add a mirror figure to its source as if independent."),
              required=True, enum=list(DOTS_BASIS)),
        Field("mirror_factor", "number", "The CIF/FOB factor found for a mirror row (1.06 or 1.1); blank otherwise.", unit="ratio",
              minimum=1),
    ],
    primary_key=["reporter_code", "partner_code", "flow", "year"],
    origins=[_attr(_with_processing(S.IMF_DOTS,
        "Read both sheets of each workbook with pandas.read_excel (openpyxl); years from row 7, partner names from column B "
        "mapped to ISO3 by an explicit table (derive fails naming the workbook when a needed name is missing); kept a Central "
        "Asian reporter's rows for the other Central Asian states, the other five reporters and the World, and the other "
        "reporters' rows for the Central Asian states; removed the ' e' suffix into the estimate flag; dropped empty cells; "
        "detected mirror figures (see field basis) and recorded the factor. Values as printed, not rounded."),
        "IMF, Direction of Trade Statistics (vintage early 2022)")],
    notes=["Turkmenistan's figures from 2004 are not Turkmenistan's own report: they equal its partners' reports with the "
           "CIF/FOB factor 1.06 (imf-dots/README.md; checked here for every partner and year). Use the partner's side for "
           "a Turkmen pair and say so.",
           "Shares of total trade: the World rows of a reporter-year marked partner_based (Turkmenistan from 2004) rest on "
           "partner data; the trade chapter divides by the WDI merchandise totals (dataset trade_country) instead."],
    country_field="reporter_code",
))

# ----------------------------------------------------------- investment ----
_register(Dataset(
    name="investment",
    title="Foreign direct investment and external debt, Central Asia 1990-2025",
    description="FDI net inflows (USD and % of GDP) and total external debt stocks. " + REGION_NOTE,
    theme="investment",
    fields=country_fields() + [
        year_field(*MACRO_YEARS),
        Field("fdi_net_inflows_usd", "number", "Foreign direct investment, net inflows (BoP) [BX.KLT.DINV.CD.WD]; can be negative (disinvestment).",
              unit="current US$"),
        Field("fdi_net_inflows_pct_gdp", "number", "DERIVED: fdi_net_inflows_usd / gdp_usd of dataset 'macro' x 100, rounded to 3 decimals.",
              unit="% of GDP", decimals=3),
        Field("external_debt_usd", "number", "External debt stocks, total [DT.DOD.DECT.CD].", unit="current US$", minimum=0),
    ],
    primary_key=["country_code", "year"],
    origins=[_wdi(["bx.klt.dinv.cd.wd", "dt.dod.dect.cd", "ny.gdp.mktp.cd"],
                  "Kept the five countries and 1990-2025; joined FDI and debt on country and year; computed FDI as % of GDP "
                  "from the WDI GDP series (the same vintage as dataset 'macro').",
                  upstream="IMF Balance of Payments (FDI); World Bank International Debt Statistics (debt)")],
    notes=["fdi_net_inflows_pct_gdp is derived by this project, not published by the World Bank.",
           "Turkmenistan's GDP is from the WDI 2026-07-01 vintage; shares of GDP would be about a third lower with the March 2026 vintage (see 'gdp_vintages')."],
))

# ------------------------------------------------------------ logistics ----
RAIL_BREAK_PCT = 20  # a year-on-year change in rail route-km above this is a reporting break
LPI_EDITIONS = {2007: 2007, 2010: 2010, 2012: 2012, 2014: 2014, 2016: 2016, 2018: 2018, 2022: 2023}  # WDI year -> LPI report

_register(Dataset(
    name="logistics_indicators",
    title="Logistics performance and rail network, Central Asia",
    description="World Bank Logistics Performance Index (overall score) and total rail route-km. " + REGION_NOTE,
    theme="logistics",
    fields=country_fields() + [
        year_field(*MACRO_YEARS),
        Field("lpi_overall", "number", "Logistics performance index, overall score (1 = low, 5 = high) [LP.LPI.OVRL.XQ]; survey years only.",
              unit="score 1-5", minimum=1, maximum=5),
        Field("lpi_edition", "integer", ("Year of the World Bank LPI report that published the score (derived from the "
              "survey year): 2007, 2010, 2012, 2014, 2016, 2018 as labelled, and 2023 for the survey WDI labels 2022 "
              "(the 2023 edition). Blank where there is no score."), minimum=2007, maximum=2030),
        Field("rail_route_km", "number", "Rail lines, total route-km [IS.RRS.TOTL.KM].", unit="km", minimum=0),
        Field("rail_break", "boolean", (f"DERIVED: true when rail_route_km differs from the country's previous value by "
              f"more than {RAIL_BREAK_PCT}%: treated as a reporting break (a change of definition or coverage), not as growth, "
              "unless a source shows the network grew that much; do not draw a line across it. Blank where there is no "
              "rail value or no earlier one.")),
    ],
    primary_key=["country_code", "year"],
    origins=[_wdi(["lp.lpi.ovrl.xq", "is.rrs.totl.km"],
                  "Kept the five countries and the years with at least one value; joined on country and year; added the "
                  "LPI edition year and the rail break flag.",
                  upstream="World Bank and Turku School of Economics LPI survey; International Union of Railways (UIC)")],
    notes=["Turkmenistan has LPI scores for few survey years and rail data only to 2018.",
           "LPI: WDI files the latest survey under 2022; the World Bank published it as the LPI 2023 report (lpi_edition 2023).",
           f"Rail: a year-on-year change above {RAIL_BREAK_PCT}% is flagged as a reporting break (rail_break)."],
))

LOGISTICS_STATUS = ["stated", "derived", "estimate"]
LOGISTICS_DEFINITIONS = ["throughput", "capacity", "transported", "growth", "documents_signed", "signature", "ratification"]

_register(Dataset(
    name="logistics_quoted",
    title="Port, railway and treaty figures for Kazakhstan-Turkmenistan, as quoted",
    description=("Aktau, Kuryk and Turkmenbashi (Turkmenbasy) port figures, Kazakhstan-Turkmenistan rail cargo and the "
                 "treaty facts (investment agreement signed and ratified by Kazakhstan, document packages), one row per "
                 "quoted figure with its definition, status, source URL and date. Quotes, not a statistical series: "
                 "definitions differ between rows (throughput, capacity, cargo transported)."),
    theme="logistics",
    fields=[
        Field("id", "string", "Row identifier L01... in the order of the raw compilation (the ratification row follows the signature row).",
              required=True),
        Field("topic", "string", "port, rail or treaty.", required=True, enum=["port", "rail", "treaty"]),
        Field("subject", "string", "What the figure is about (e.g. 'Aktau port', 'Kazakhstan-Turkmenistan rail cargo').", required=True),
        Field("indicator", "string", "The compiler's wording of the indicator, verbatim.", required=True),
        Field("definition", "string", ("throughput = cargo handled by a port in the period; capacity = what a port could "
              "handle per year; transported = cargo carried (by rail across the border, or by a port's own vessels); "
              "growth = a stated change without a level; documents_signed = number of documents signed at a visit; "
              "signature / ratification = the date a treaty was signed / ratified."), required=True, enum=LOGISTICS_DEFINITIONS),
        Field("period", "string", "Period as recorded by the compiler (YYYY, YYYY-MM/YYYY-MM, YYYY-H1, YYYY-Qn, YYYY-YYYY or a date).",
              required=True),
        Field("period_start", "date", "First day of the period (the date itself for an event)."),
        Field("period_end", "date", "Last day of the period (the date itself for an event)."),
        Field("value", "number", "The figure; blank for a treaty event.", unit="see column unit", minimum=0),
        Field("unit", "string", "Unit of value (million tonnes, thousand tonnes, million tonnes per year, percent growth over three years, documents)."),
        Field("status", "string", ("stated = as given on the source page; derived = computed by the compiler from figures "
              "on the page (e.g. a sum); estimate = part of it inferred by the compiler (e.g. a year the page does not give)."),
              required=True, enum=LOGISTICS_STATUS),
        Field("status_detail", "string", "Status as recorded by the compiler, verbatim."),
        Field("detail", "string", "The compiler's remarks: breakdowns, other definitions on the same page, capacity figures mentioned."),
        Field("source_url", "string", "Web page quoting the figure.", required=True),
        Field("source_date", "string", "Publication date of the page (YYYY-MM-DD, or as recorded when the page is undated)."),
    ],
    primary_key=["id"],
    origins=[_attr(_with_processing(S.KZ_TM_LOGISTICS_QUOTED,
        "Numbered the rows L01...; added subject and definition from an explicit table keyed by the indicator wording "
        "(derive fails on an unknown one); normalised the status to stated / derived / estimate (keeping the wording in "
        "status_detail); split the period into start and end dates; split the investment agreement's row into its "
        "signature and its ratification by Kazakhstan (law number and date taken from the row's detail)."),
        "Figures and law texts quoted by officials and the press (each row's publisher is named in the data table)")],
    notes=["A capacity figure is not throughput; cargo 'transported' by Turkmenbashi port's vessels is not the port's "
           "transshipment. Compare rows only with the same subject and definition.",
           "The Bolashak 2022 figure (1.2 million tonnes) is the compiler's sum of two rounded station figures (status derived)."],
    country_field=None, year_field="period_start", sort_by=["id"],
))

# --------------------------------------------------------------- energy ----
FUEL_SOURCE = ["bp_2021", "owid_energy_2025"]
GAS_FACTOR_NOTE = ("1 bcm of natural gas = 0.036 EJ = 10 TWh, the standard conversion of BP's Statistical Review "
                   "(BP 2021 file: EJ / Bcm = 0.036 for every country and year; 1 TWh = 0.0036 EJ by definition)")


def _bp(proc):
    return _attr(_with_processing(S.BP_2021, proc), "BP Statistical Review of World Energy 2021 via Our World in Data")


def _owid_energy(proc):
    return _attr(_with_processing(S.OWID_ENERGY_TRANSCRIBED, proc),
                 "Our World in Data based on Energy Institute (2025 edition) and Ember (2025)")


_register(Dataset(
    name="energy_gas",
    title="Natural gas production and consumption, long series 1985-2024",
    description=("Gas production and consumption in TWh and bcm for Kazakhstan, Turkmenistan and Uzbekistan, joining "
                 "the BP Statistical Review 2021 (1985-2020) with the newer Energy Institute vintage in the OWID energy "
                 "dataset (2014-2024, Kazakhstan and Turkmenistan only). Column source says where each value comes from."),
    theme="energy",
    fields=country_fields() + [
        year_field(1985, 2030),
        Field("flow", "string", "production or consumption.", required=True, enum=["consumption", "production"]),
        Field("value_twh", "number", "Gas in energy terms (OWID: gas_production / gas_consumption; BP: 'Gas Production - TWh' / 'Gas Consumption - TWh'), rounded to 3 decimals.",
              unit="TWh", minimum=0, decimals=3),
        Field("value_bcm", "number", "Gas volume. Published by BP for bp_2021 rows; for owid_energy_2025 rows converted as value_twh / 10 (see bcm_basis).",
              unit="billion cubic metres", minimum=0, decimals=3),
        Field("source", "string", "Which vintage the value comes from.", required=True, enum=FUEL_SOURCE),
        Field("bcm_basis", "string", "published (BP 2021) or converted from TWh at 10 TWh per bcm.", required=True,
              enum=["published", "converted"]),
    ],
    primary_key=["country_code", "year", "flow"],
    origins=[
        _bp("Kept KAZ, TKM, UZB rows 1985-2020 with values; columns Gas Production/Consumption - Bcm and - TWh; TWh rounded to 3 decimals, bcm to 3 decimals."),
        _owid_energy("Kept gas_production and gas_consumption (TWh) for KAZ 2014-2024 and TKM 2014-2024; converted to bcm at 10 TWh per bcm (3 decimals)."),
    ],
    notes=[
        "Reconciliation rule: where both vintages have a value (KAZ and TKM, 2014-2020) the newest vintage (OWID energy dataset, Energy Institute Statistical Review 2025 edition, data to 2024) wins; earlier years and Uzbekistan come from BP 2021. Differences in the overlap are listed in dataset 'energy_vintage_check'.",
        "Conversion: " + GAS_FACTOR_NOTE + ". For Turkmenistan 2014-2019 the newer TWh values equal BP 2021 exactly, which supports the same factor; converted bcm values are approximations where the Energy Institute may have revised volumes.",
    ],
))

_register(Dataset(
    name="energy_oil",
    title="Oil production and consumption, 1985-2024",
    description=("Oil production and consumption in TWh for Kazakhstan, Turkmenistan and Uzbekistan, from BP 2021 "
                 "(1985-2020) and the newer OWID energy dataset (2014-2024, KAZ and TKM), newest vintage winning."),
    theme="energy",
    fields=country_fields() + [
        year_field(1985, 2030),
        Field("flow", "string", "production or consumption.", required=True, enum=["consumption", "production"]),
        Field("value_twh", "number", "Oil in energy terms (OWID oil_production / oil_consumption; BP 'Oil Production - TWh' / 'Oil Consumption - TWh'), rounded to 3 decimals.",
              unit="TWh", minimum=0, decimals=3),
        Field("source", "string", "Which vintage the value comes from.", required=True, enum=FUEL_SOURCE),
    ],
    primary_key=["country_code", "year", "flow"],
    origins=[
        _bp("Kept KAZ, TKM, UZB rows 1985-2020 with values; columns Oil Production - TWh and Oil Consumption - TWh, rounded to 3 decimals."),
        _owid_energy("Kept oil_production and oil_consumption (TWh) for KAZ and TKM 2014-2024."),
    ],
    notes=["Reconciliation rule as for energy_gas: newest vintage wins in 2014-2020; see 'energy_vintage_check'."],
))

_register(Dataset(
    name="gas_reserves",
    title="Proved natural gas reserves, Caspian region 1980-2020",
    description="Proved gas reserves at end of year for Kazakhstan, Turkmenistan, Uzbekistan and the Caspian neighbours Azerbaijan, Iran and Russia.",
    theme="energy",
    fields=country_fields(with_neighbours=True) + [
        year_field(1960, 2030),
        Field("proved_reserves_tcm", "number", "Total proved reserves of natural gas at end of year (BP 'Gas - Proved reserves').",
              unit="trillion cubic metres", minimum=0),
        Field("production_bcm_bp_2021", "number", ("Gas production in the same year from the same file (BP 'Gas Production - "
              "Bcm'), so that a reserves-to-production ratio uses one producer and vintage (dataset energy_gas prefers the "
              "newer vintage from 2014)."), unit="billion cubic metres", minimum=0),
    ],
    primary_key=["country_code", "year"],
    origins=[_bp("Kept the six countries and the years with a reserves value; columns Gas - Proved reserves and Gas Production - Bcm.")],
    notes=["BP's reserve estimates for Turkmenistan are held constant over many years; they are official or third-party estimates, not audited figures."],
))

ELEC_SOURCES = ["bioenergy", "coal", "gas", "hydro", "nuclear", "oil", "other_renewables", "solar", "wind"]
_register(Dataset(
    name="electricity_mix",
    title="Electricity generation by source, Central Asia 1985-2025",
    description=("Electricity generation by source in TWh and as a share of total generation. KAZ and TKM from 2014 "
                 "come from the newest OWID energy dataset (Ember 2025 / Energy Institute 2025 edition); earlier years and the "
                 "peers from OWID's 2022 electricity mix (BP and Ember)."),
    theme="energy",
    fields=country_fields() + [
        year_field(1985, 2030),
        Field("source", "string", "Generation source; other_renewables excludes bioenergy.", required=True, enum=ELEC_SOURCES),
        Field("generation_twh", "number", "Electricity generated from this source.", unit="TWh", minimum=0),
        Field("share_pct", "number", "Share of total electricity generation, as published.", unit="%", minimum=0, maximum=100),
        Field("total_generation_twh", "number", "Total electricity generation of the country in that year.", unit="TWh", minimum=0),
        Field("data_source", "string", "Which vintage the row comes from.", required=True,
              enum=["owid_electricity_mix_2022", "owid_energy_2025"]),
        Field("mix_complete", "boolean", "true when the sources listed for this country and year add up to the total "
              "generation within 1% (derived check); false e.g. for TKM and UZB before 2000, where the 2022 file has no fossil-fuel split.",
              required=True),
    ],
    primary_key=["country_code", "year", "source"],
    origins=[
        _attr(_with_processing(S.ELECTRICITY_MIX_2022, "Kept the five countries; reshaped the TWh and % columns per source to long form."),
              "Our World in Data, Electricity mix from BP & Ember (2022)"),
        _owid_energy("Kept <source>_electricity and <source>_share_elec for KAZ 2014-2025 and TKM 2014-2024; other_renewables = other_renewable_exc_biofuel_electricity."),
    ],
    notes=["Rule: for KAZ and TKM from 2014 on the 2025 OWID vintage replaces the 2022 file (newest vintage wins); 'energy_vintage_check' lists the differences in the overlap.",
           "Before 2000 the 2022 file gives Turkmenistan's and Uzbekistan's total generation and their low-carbon sources only, without the fossil-fuel split; those years have mix_complete = false and should not be drawn as a full mix."],
))

_register(Dataset(
    name="energy_vintage_check",
    title="Energy data: old and new vintages compared, 2014-2021",
    description=("Where the older files (BP 2021; OWID electricity mix 2022) and the newer OWID energy dataset (2025) "
                 "both have a value for Kazakhstan or Turkmenistan, both values and their difference."),
    theme="energy",
    fields=country_fields() + [
        year_field(2014, 2025),
        Field("variable", "string", "What is compared (OWID column name).", required=True),
        Field("unit", "string", "Unit of both values.", required=True),
        Field("old_source", "string", "The older file.", required=True, enum=["bp_2021", "owid_electricity_mix_2022"]),
        Field("old_value", "number", "Value in the older file (rounded to 3 decimals).", unit="TWh", minimum=0, decimals=3),
        Field("new_value", "number", "Value in the newer OWID energy dataset (the one used).", unit="TWh", minimum=0, decimals=3),
        Field("difference", "number", "new_value - old_value (derived).", unit="TWh", decimals=4),
        Field("difference_pct", "number", "(new_value - old_value) / old_value x 100 (derived); blank when old_value is 0.", unit="%", decimals=2),
    ],
    primary_key=["country_code", "year", "variable"],
    origins=[
        _bp("Gas and oil production and consumption in TWh, 2014-2020."),
        _attr(_with_processing(S.ELECTRICITY_MIX_2022, "Total generation and generation by source in TWh, 2014-2021."),
              "Our World in Data, Electricity mix from BP & Ember (2022)"),
        _owid_energy("Same variables, 2014-2021."),
    ],
))

# ---------------------------------------------------------- environment ----
_register(Dataset(
    name="caspian_level",
    title="Caspian Sea water level from satellite altimetry, 1992-2023",
    description="Water level of the Caspian Sea at roughly 10-day intervals, with its formal error.",
    theme="environment",
    fields=[
        Field("date", "date", "Date of the altimetry observation.", required=True),
        Field("level_m", "number", "Water level height above the reference surface used by DAHITI (negative: below it).", unit="m", required=True),
        Field("error_m", "number", "Formal error of the water level estimate.", unit="m", minimum=0),
    ],
    primary_key=["date"],
    origins=[_attr(_with_processing(S.DAHITI_CASPIAN, "Renamed the columns (water level -> level_m, error -> error_m); values as published."),
                   "DGFI-TUM DAHITI (Schwatke et al. 2015)")],
    country_field=None, year_field="date",
))

ARAL_FLAGS = ["from UNESCO study", "collected from news (unverified)"]
_register(Dataset(
    name="aral_area",
    title="Aral Sea surface area, 1986-2023",
    description=("Surface area of the Aral Sea and its parts (Large/western, Eastern, Small/northern). Values after "
                 "2018 were collected from news reports by the publishing project and are flagged as unverified."),
    theme="environment",
    fields=[
        year_field(1980, 2030),
        Field("total_km2_thousand", "number", "Total water surface.", unit="thousand km2", minimum=0),
        Field("large_km2_thousand", "number", "Large (South, western basin) Aral.", unit="thousand km2", minimum=0),
        Field("eastern_km2_thousand", "number", "Eastern basin of the Large Aral (reported separately from 2007).", unit="thousand km2", minimum=0),
        Field("small_km2_thousand", "number", "Small (North) Aral.", unit="thousand km2", minimum=0),
        Field("flag", "string", "Provenance of the row.", required=True, enum=ARAL_FLAGS),
    ],
    primary_key=["year"],
    origins=[_attr(_with_processing(S.ARAL_AREA, "Renamed columns; added the flag 'collected from news (unverified)' to years after 2018."),
                   "UNESCO, Aral Sea and the Aral Region, via open-data-kazakhstan")],
    notes=["The 2019+ values look inconsistent with earlier years (Small Aral 0.52 against about 3.0 before); treat them as unverified."],
    country_field=None,
))

EMISSION_VINTAGES = ["owid_co2_2020-12-09", "owid_co2_2024"]
def _owid_co2_2020(proc):
    return _attr(_with_processing(S.OWID_CO2_2020, proc),
                                    "Our World in Data (2020-12-09) based on Global Carbon Project and CAIT")


def _owid_co2_2024(proc):
    return _attr(_with_processing(S.OWID_CO2_2024, proc),
                                    "Our World in Data (data to 2023) based on Global Carbon Budget and Jones et al. (2024)")



_register(Dataset(
    name="emissions",
    title="CO2 and greenhouse gas emissions, Central Asia",
    description=("Production-based CO2 (total and per capita), methane and total greenhouse gases. Kazakhstan and "
                 "Turkmenistan 1990-2023 from the newer OWID file (data to 2023); Uzbekistan, Kyrgyzstan and Tajikistan "
                 "from the 2020-12-09 file (CO2 to 2018, methane and GHG 1990-2016). Column vintage says which file each "
                 "row comes from; each country's rows come from one file only. " + REGION_NOTE),
    theme="environment",
    fields=country_fields() + [
        year_field(1950, 2030),
        Field("co2_mt", "number", "Annual production-based CO2 emissions, excluding land-use change (OWID co2).",
              unit="million tonnes CO2", minimum=0),
        Field("co2_per_capita_t", "number", "CO2 emissions per person, excluding land-use change (OWID co2_per_capita).",
              unit="tonnes CO2 per person", minimum=0),
        Field("methane_mt_co2e", "number", ("Methane emissions (OWID methane): CAIT in the 2020 file; in the newer file "
              "Jones et al. (2024) per owid-co2-2024/README.md (the codebook of the same layout, db7e13b, still names "
              "Climate Watch), including land-use change and forestry."),
              unit="million tonnes CO2-equivalent", minimum=0),
        Field("total_ghg_mt_co2e", "number", ("Total greenhouse gas emissions (OWID total_ghg): CAIT in the 2020 file; in "
              "the newer file including land-use change and forestry (codebook), from Jones et al. (2024). The two files' "
              "producers differ, so a country's level is not comparable across vintages."),
              unit="million tonnes CO2-equivalent"),
        Field("total_ghg_excl_lucf_mt_co2e", "number", ("Total greenhouse gas emissions excluding land-use change and "
              "forestry (OWID total_ghg_excluding_lucf); newer file only (blank for the 2020-12-09 rows)."),
              unit="million tonnes CO2-equivalent"),
        Field("vintage", "string", ("File the row comes from: owid_co2_2024 = owid/co2-data @ 1476566, data to 2023 "
              "(Kazakhstan, Turkmenistan); owid_co2_2020-12-09 = the 2020-12-09 release (the other three)."),
              required=True, enum=EMISSION_VINTAGES),
    ],
    primary_key=["country_code", "year"],
    origins=[
        _owid_co2_2020("Kept Uzbekistan, Kyrgyzstan and Tajikistan, the four columns and the years with at least one value; renamed columns."),
        _owid_co2_2024("Kept Kazakhstan and Turkmenistan 1990-2023, columns co2, co2_per_capita, methane, total_ghg and "
                       "total_ghg_excluding_lucf; renamed columns; values as published."),
    ],
    notes=["Vintage rule: one file per country (no splicing). Kazakhstan and Turkmenistan come from the newer file "
           "(1990-2023), so their rows before 1990 (in the 2020 file only) are not in this dataset; "
           "'emissions_vintage_check' keeps every old value of both countries next to the new one.",
           "The newer file revises CO2: Turkmenistan 2018 is about a fifth lower than in the 2020 file (see "
           "'emissions_vintage_check'). Compare countries in one year only within one vintage.",
           "Methane and total GHG changed producer between the files (CAIT in 2020; Jones et al. in the newer file, "
           "as owid-co2-2024/README.md states; both end in 2023 there). total_ghg in the newer codebook includes "
           "land-use change and forestry; the 2020 codebook does not say, so the two levels are not known to share a "
           "definition; the newer file's series without land use is in total_ghg_excl_lucf_mt_co2e.",
           "Values before 1992 for the post-Soviet states are the Global Carbon Project's estimates for the territories."],
))

_register(Dataset(
    name="emissions_vintage_check",
    title="Emissions of Kazakhstan and Turkmenistan: 2020 file against the newer file",
    description=("Every value of the 2020-12-09 OWID CO2 file for Kazakhstan and Turkmenistan (co2, co2_per_capita, "
                 "methane, total_ghg), next to the newer file's value for the same year where it has one, with the difference."),
    theme="environment",
    fields=country_fields() + [
        year_field(1950, 2030),
        Field("variable", "string", "OWID column compared.", required=True,
              enum=["co2", "co2_per_capita", "methane", "total_ghg"]),
        Field("unit", "string", "Unit of both values.", required=True),
        Field("old_value", "number", "Value in the 2020-12-09 file.", unit="see column unit", required=True),
        Field("new_value", "number", "Value in the newer file (used in 'emissions'); blank before 1990.", unit="see column unit"),
        Field("difference", "number", "new_value - old_value (derived).", unit="see column unit", decimals=4),
        Field("difference_pct", "number", "(new_value - old_value) / old_value x 100 (derived); blank when old_value is 0.",
              unit="%", decimals=2),
    ],
    primary_key=["country_code", "year", "variable"],
    origins=[
        _owid_co2_2020("Kept Kazakhstan and Turkmenistan, columns co2, co2_per_capita, methane, total_ghg, years with a value."),
        _owid_co2_2024("Same columns, 1990-2023; joined by country, year and variable."),
    ],
    notes=["Methane and total GHG come from different producers in the two files (CAIT; Jones et al.), so their "
           "differences mix a revision with a change of source."],
))

WATER_BASIS = ["reported", "repeated", "interpolated"]

_register(Dataset(
    name="water",
    title="Freshwater withdrawals, Central Asia",
    description="Annual freshwater withdrawals in billion m3 and as % of internal renewable resources, with the internal resources. " + REGION_NOTE,
    theme="environment",
    fields=country_fields() + [
        year_field(*MACRO_YEARS),
        Field("withdrawals_bn_m3", "number", "Annual freshwater withdrawals, total [ER.H2O.FWTL.K3].", unit="billion m3", minimum=0),
        Field("withdrawals_pct_internal", "number", "Withdrawals as % of internal renewable freshwater resources [ER.H2O.FWTL.ZS]; above 100 means reliance on inflows from upstream or fossil water.",
              unit="% of internal resources", minimum=0),
        Field("internal_resources_bn_m3", "number", "Renewable internal freshwater resources [ER.H2O.INTR.K3].", unit="billion m3", minimum=0),
        Field("withdrawals_basis", "string", ("DERIVED flag for withdrawals_bn_m3 (and the % column computed from it): "
              "repeated = equal to the previous year's value (WDI carries the last value forward); interpolated = on a "
              "straight line with both neighbouring years (the change from the year before equals the change to the year "
              "after, within 1e-6 bn m3, and is not zero); reported = neither, i.e. a value of its own year as far as the "
              "series shows (the first year of a repeated run and the ends of an interpolated stretch are reported). Blank "
              "when there is no value."), enum=WATER_BASIS),
    ],
    primary_key=["country_code", "year"],
    origins=[_wdi(["er.h2o.fwtl.k3", "er.h2o.fwtl.zs", "er.h2o.intr.k3"],
                  "Kept the five countries and the years with at least one value; joined on country and year; flagged "
                  "repeated and interpolated withdrawal values (withdrawals_basis).",
                  upstream="FAO AQUASTAT")],
    notes=["Only values with withdrawals_basis 'reported' are observations of their own year; a repeated value is the "
           "estimate of the first year of its run (e.g. Turkmenistan's 2020 value repeated for 2021 and 2022)."],
))


# ------------------------------------------------------ compiled tables ----
# Hand-compiled by the facts researcher in data/compiled/<name>.csv with a <name>.meta.json beside it
# (title, description, fields, primaryKey, sources, notes).  The schema comes from that metadata;
# derive validates the rows and copies them.
COMPILED_THEMES = {
    "timeline": "politics",
    "memberships": "politics",
    "claims": "claims",
    "logistics_nodes": "logistics",
    "logistics_routes": "logistics",
    "corridors": "logistics",
    "energy_facts": "energy",
    "investment_facts": "investment",
}

# Constraints this data layer adds on top of the researcher's metadata, per (dataset, column).
_EXTRA_CONSTRAINTS = {
    ("memberships", "country_code"): {"enum": sorted(S.COUNTRIES)},
    ("logistics_nodes", "latitude"): {"minimum": -90, "maximum": 90},
    ("logistics_nodes", "longitude"): {"minimum": -180, "maximum": 180},
}


def field_from_meta(dataset: str, f: dict, required: bool = False) -> Field:
    cons = dict(f.get("constraints", {}))
    for k, v in _EXTRA_CONSTRAINTS.get((dataset, f["name"]), {}).items():
        cons.setdefault(k, v)
    kind = f.get("type", "string")
    if kind == "year":  # written as a plain integer with a plausible range
        kind = "integer"
        cons.setdefault("minimum", 1900)
        cons.setdefault("maximum", 2030)
    if kind in ("integer", "number") and f["name"].endswith(("_km", "_count")):
        cons.setdefault("minimum", 0)
    return Field(f["name"], kind, f.get("description", ""), unit=f.get("unit") or None,
                 required=required or bool(cons.get("required")), minimum=cons.get("minimum"),
                 maximum=cons.get("maximum"), enum=cons.get("enum"))


def compiled_dataset(name: str, meta: dict, columns: list[str], extra_fields: list[Field] = (),
                     processing: str = "Validated against the schema and copied; no values changed.") -> Dataset:
    """Dataset description of a compiled table, from its meta.json (or, lacking one, from its header)."""
    by_name = {f["name"]: f for f in meta.get("fields", [])}
    key = meta.get("primaryKey") or [columns[0]]
    key = [key] if isinstance(key, str) else list(key)
    fields = [field_from_meta(name, by_name.get(c, {"name": c, "type": "string"}), required=c in key) for c in columns]
    fields += list(extra_fields)
    notes = meta.get("notes", [])
    origin = _attr(_with_processing(S.COMPILED, processing),
                   "Compiled by the report team from official and press sources (see source columns)")
    origin["title"] = meta.get("title", name)
    return Dataset(
        name=name, title=meta.get("title", name), description=meta.get("description", ""),
        fields=fields, primary_key=key, origins=[origin], theme=COMPILED_THEMES.get(name, "other"),
        notes=[notes] if isinstance(notes, str) else list(notes),
        country_field="country_code" if "country_code" in columns else None,
        year_field=next((c for c in ("date", "since_year", "since", "opened") if c in columns), None),
        sort_by=None,
        foreign_keys=list(meta.get("foreignKeys", [])),
        extra={k: v for k, v in meta.items() if k not in ("title", "description", "fields", "primaryKey", "notes", "foreignKeys")},
    )


# ------------------------------------------------------------------ map ----
_register(Dataset(
    name="region_map",
    title="Map of Central Asia and the Caspian region (TopoJSON)",
    description=("Country outlines of Kazakhstan, Turkmenistan, their Central Asian peers and neighbours "
                 "(Azerbaijan, Iran, Russia, Afghanistan, China, Georgia, Armenia, Turkey, Iraq, Pakistan, Mongolia) "
                 "as a TopoJSON topology with one object 'countries'; properties name, iso_a3 and role "
                 "(focus / peer / neighbour). The Caspian and Aral seas are holes. Coordinates in degrees (WGS84), quantized."),
    theme="map",
    fields=[],
    primary_key=[],
    origins=[_attr(_with_processing(S.NATURAL_EARTH,
        "Kept the 16 countries of the region from the object 'countries' of countries-50m.json and only the arcs "
        "they use (renumbered); added properties iso_a3 and role; dropped the 'land' object. Russia and China are whole, not clipped."),
        "Natural Earth 1:50m (v4.1.0) via world-atlas 2.0.2")],
    notes=["Use in Altair: alt.Data(values=load_json('region_map'), format=alt.DataFormat(type='topojson', feature='countries')).",
           "Borders are Natural Earth's de facto boundaries and imply no position on any dispute."],
    country_field=None, year_field=None, format="topojson",
))
