"""What each committed dataset holds: fields, units, constraints, origins.

Declarations only; the code that fills these tables lives in ``derive.py``.
"""

from __future__ import annotations

import copy

from . import sources as S
from .schema import Dataset, Field, country_fields, year_field


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
    ],
    primary_key=["id"],
    origins=[_attr(_with_processing(S.KZ_TM_QUOTED,
        "Split the period into start and end dates and a month count; normalised the status to stated / derived / "
        "qualitative (keeping the original wording in status_detail; targets, potentials and approximate figures "
        "count as stated); numbered the rows Q01...; appended the rows of data/compiled/trade_quoted_extra.csv "
        "(numbered C01...) when present."),
        "Official figures quoted in the press (see source_url on each row)")],
    notes=["The 2022 turnover of about USD 440 million is derived (2023 figure of 563 divided by the stated growth of 28%) and has never been quoted by a source; do not present it as a source figure."],
    country_field=None, year_field="period_start", sort_by=["period", "id"],
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
_register(Dataset(
    name="logistics_indicators",
    title="Logistics performance and rail network, Central Asia",
    description="World Bank Logistics Performance Index (overall score) and total rail route-km. " + REGION_NOTE,
    theme="logistics",
    fields=country_fields() + [
        year_field(*MACRO_YEARS),
        Field("lpi_overall", "number", "Logistics performance index, overall score (1 = low, 5 = high) [LP.LPI.OVRL.XQ]; survey years only.",
              unit="score 1-5", minimum=1, maximum=5),
        Field("rail_route_km", "number", "Rail lines, total route-km [IS.RRS.TOTL.KM].", unit="km", minimum=0),
    ],
    primary_key=["country_code", "year"],
    origins=[_wdi(["lp.lpi.ovrl.xq", "is.rrs.totl.km"],
                  "Kept the five countries and the years with at least one value; joined on country and year.",
                  upstream="World Bank and Turku School of Economics LPI survey; International Union of Railways (UIC)")],
    notes=["Turkmenistan has LPI scores for few survey years and rail data only to 2018."],
))

# --------------------------------------------------------------- energy ----
FUEL_SOURCE = ["bp_2021", "owid_energy_2025"]
GAS_FACTOR_NOTE = ("1 bcm of natural gas = 0.036 EJ = 10 TWh, the standard conversion of BP's Statistical Review "
                   "(BP 2021 file: EJ / Bcm = 0.036 for every country and year; 1 TWh = 0.0036 EJ by definition)")

def _bp(proc):
    return _attr(_with_processing(S.BP_2021, proc), "BP Statistical Review of World Energy 2021 via Our World in Data")


def _owid_energy(proc):
    return _attr(_with_processing(S.OWID_ENERGY_TRANSCRIBED, proc),
                 "Our World in Data based on Energy Institute (2024) and Ember (2025)")

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
        "Reconciliation rule: where both vintages have a value (KAZ and TKM, 2014-2020) the newest vintage (OWID energy dataset, Energy Institute 2024) wins; earlier years and Uzbekistan come from BP 2021. Differences in the overlap are listed in dataset 'energy_vintage_check'.",
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
    ],
    primary_key=["country_code", "year"],
    origins=[_bp("Kept the six countries and the years with a value; column Gas - Proved reserves.")],
    notes=["BP's reserve estimates for Turkmenistan are held constant over many years; they are official or third-party estimates, not audited figures."],
))

ELEC_SOURCES = ["bioenergy", "coal", "gas", "hydro", "nuclear", "oil", "other_renewables", "solar", "wind"]
_register(Dataset(
    name="electricity_mix",
    title="Electricity generation by source, Central Asia 1985-2025",
    description=("Electricity generation by source in TWh and as a share of total generation. KAZ and TKM from 2014 "
                 "come from the newest OWID energy dataset (Ember 2025 / Energy Institute 2024); earlier years and the "
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

_register(Dataset(
    name="emissions",
    title="CO2 and greenhouse gas emissions, Central Asia",
    description="Production-based CO2 (total and per capita, to 2018), methane and total greenhouse gases (1990-2016). " + REGION_NOTE,
    theme="environment",
    fields=country_fields() + [
        year_field(1950, 2030),
        Field("co2_mt", "number", "Annual production-based CO2 emissions (OWID co2).", unit="million tonnes CO2", minimum=0),
        Field("co2_per_capita_t", "number", "CO2 emissions per person (OWID co2_per_capita).", unit="tonnes CO2 per person", minimum=0),
        Field("methane_mt_co2e", "number", "Methane emissions (OWID methane, from CAIT).", unit="million tonnes CO2-equivalent", minimum=0),
        Field("total_ghg_mt_co2e", "number", "Total greenhouse gas emissions (OWID total_ghg, from CAIT).", unit="million tonnes CO2-equivalent"),
    ],
    primary_key=["country_code", "year"],
    origins=[_attr(_with_processing(S.OWID_CO2_2020, "Kept the five countries, the four columns and the years with at least one value; renamed columns."),
                   "Our World in Data (2020-12-09) based on Global Carbon Project and CAIT")],
    notes=["The newest whole OWID CO2 file available offline is the 2020-12-09 release, so CO2 ends in 2018 and GHG/methane in 2016.",
           "Values before 1992 for the post-Soviet states are the Global Carbon Project's estimates for the territories."],
))

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
    ],
    primary_key=["country_code", "year"],
    origins=[_wdi(["er.h2o.fwtl.k3", "er.h2o.fwtl.zs", "er.h2o.intr.k3"],
                  "Kept the five countries and the years with at least one value; joined on country and year.",
                  upstream="FAO AQUASTAT")],
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
