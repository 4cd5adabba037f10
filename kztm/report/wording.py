"""Words for the numbers in generated prose, shared by the chapters.

Small counts as words ("two of the five states"), the verb for a signed change ("fell 1.0% a year",
never "changed by -1.0%"), and lists of names ("A, B and C").
"""

from __future__ import annotations

import math
import re

#: The minus sign of typeset numbers (U+2212): a hyphen-minus ("-28.29 m") reads as a dash.
MINUS = "\u2212"
_SIGN = re.compile(r"^(\s*)-(?=[\d.])")


def number_text(value, spec: str = "") -> str:
    """``value`` (int or float) formatted with ``spec`` (Python's format mini-language) as a reader sees it: a
    negative number with the minus sign (U+2212), and a value that rounds to zero without a sign ("0.0", not
    "-0.0"). Raises ``ValueError`` for a spec that does not fit the value."""
    text = format(value, spec)
    match = _SIGN.match(text)
    if not match:
        return text
    digits = text[match.end():].split("e")[0].split("E")[0]
    if not any(c in "123456789" for c in digits):
        return match.group(1) + text[match.end():]
    return match.group(1) + MINUS + text[match.end():]

_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve")


def number_word(n: int, capital: bool = False, zero: str = "zero") -> str:
    """'five' for 5 (zero to twelve; ``zero`` for 0), digits from 13 on."""
    n = int(n)
    word = (zero if n == 0 else _CARDINALS[n]) if 0 <= n < len(_CARDINALS) else f"{n:,d}"
    return word[:1].upper() + word[1:] if capital else word


def change_verb(rate: float, rising: str = "grew", falling: str = "fell", flat: str = "did not change",
                digits: int = 1) -> str:
    """The verb for a signed change: ``rising`` if positive, ``falling`` if negative, ``flat`` if it rounds
    to zero at ``digits`` decimals (so the prose never reads "fell 0.0%"). Pair it with ``abs(rate)``."""
    if round(rate, digits) == 0:
        return flat
    return rising if rate > 0 else falling


def join_names(items) -> str:
    """'A', 'A and B', 'A, B and C'; 'none' for an empty list."""
    items = list(items)
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def only_for_pair(what: str, name_a: str, name_b: str) -> str:
    """The one notice for content compiled only for Kazakhstan–Turkmenistan, shown for any other pair."""
    return (f"{what[:1].upper() + what[1:]} has been compiled only for Kazakhstan–Turkmenistan, "
            f"so it is not shown for {name_a}–{name_b}.")


# --- energy and environment: balances, rates, levels, shares -------------------------------------

def balance_phrase(balance: float, unit: str, fmt: str = ",.1f") -> str:
    """A signed balance (production minus consumption) in words, with a positive magnitude:
    "a surplus of 3.0 bcm", "a deficit of 26.5 bcm", or "no surplus or deficit" when it rounds to
    zero at ``fmt`` (so the prose never reads "a deficit of 0.0 bcm")."""
    if float(format(abs(balance), fmt).replace(",", "")) == 0:
        return "no surplus or deficit"
    kind = "a surplus" if balance > 0 else "a deficit"
    return f"{kind} of {abs(balance):{fmt}} {unit}"


def rate_words(rate: float, digits: int = 1) -> str:
    """A growth rate in % a year as a participle phrase: "growing 3.2% a year", "falling 1.0% a year",
    or "flat" when it rounds to zero at ``digits`` decimals."""
    verb = change_verb(rate, rising="growing", falling="falling", flat="flat", digits=digits)
    return verb if verb == "flat" else f"{verb} {abs(rate):.{digits}f}% a year"


def level_verb(cm_per_year: float, digits: int = 1) -> str:
    """The verb for a water level's trend: "fell", "rose", or "held steady" when it rounds to zero;
    pair it with ``abs()``."""
    return change_verb(cm_per_year, rising="rose", falling="fell", flat="held steady", digits=digits)


def level_pace(cm_per_year: float) -> str:
    """A level trend in cm a year as a verb phrase: "fell by 6.5 cm a year", "rose by 1.2 cm a year",
    "held steady"."""
    verb = level_verb(cm_per_year)
    return verb if verb == "held steady" else f"{verb} by {abs(cm_per_year):.1f} cm a year"


def level_pace_noun(cm_per_year: float) -> str:
    """The same trend as a noun phrase: "a fall of 6.5 cm a year", "a rise of 1.2 cm a year", "no change"."""
    verb = level_verb(cm_per_year)
    if verb == "held steady":
        return "no change"
    return f"a {'fall' if cm_per_year < 0 else 'rise'} of {abs(cm_per_year):.1f} cm a year"


def share_of_phrase(pct: float, what: str) -> str:
    """A share of a resource in words; from 200% on as a multiple:
    (1,868, "its water") → "18.7 times its water"; (74, "its water") → "74% of its water"."""
    return f"{pct / 100:.1f} times {what}" if pct >= 200 else f"{pct:,.0f}% of {what}"


def singular_or_plural(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, ``many`` otherwise (for verbs and pronouns that agree with a count)."""
    return one if int(n) == 1 else many


# --- trade and investment chapters (moved from kztm/themes/trade.py) ---------------------------

_MULTIPLES = {2: "doubled", 3: "tripled", 4: "quadrupled"}


def multiple_phrase(old: float, new: float) -> str:
    """Plain words for the change from ``old`` to ``new``: 'doubled', 'more than doubled', 'rose 40%',
    'fell 12%', 'rose 6.2-fold', 'was unchanged'. Raises ``ValueError`` if ``old`` is not positive."""
    if old <= 0:
        raise ValueError(f"old={old} must be positive to describe a multiple.")
    ratio = new / old
    whole = math.floor(ratio + 1e-9)
    if whole in _MULTIPLES:
        exact = math.isclose(ratio, whole, abs_tol=0.005)
        return _MULTIPLES[whole] if exact else f"more than {_MULTIPLES[whole]}"
    if ratio >= 5:
        return f"rose {ratio:.1f}-fold"
    change = (ratio - 1.0) * 100.0
    if round(change, 1) == 0:
        return "was unchanged"
    return f"rose {change:.0f}%" if change > 0 else f"fell {-change:.0f}%"


def change_phrase(pct: float, rising: str = "rose", falling: str = "fell", flat: str = "was unchanged",
                  digits: int = 1) -> str:
    """A signed change in % as words with its size: 'rose 5.4%', 'fell 1.3%', or ``flat`` when it rounds to
    zero at ``digits`` decimals (never 'fell 0.0%')."""
    verb = change_verb(pct, rising, falling, flat, digits)
    return verb if verb == flat else f"{verb} {abs(pct):.{digits}f}%"


def side_of(values, reference: float, below: str = "below", above: str = "at or above") -> str:
    """Where ``values`` lie against ``reference``: ``below`` or ``above`` for one value; 'both below',
    'all at or above' for several on one side; 'on either side of' when they straddle it.
    Raises ``ValueError`` for an empty list."""
    values = [float(v) for v in values]
    if not values:
        raise ValueError("side_of needs at least one value.")
    sides = {below if v < reference else above for v in values}
    if len(sides) == 2:
        return "on either side of"
    side = sides.pop()
    if len(values) == 1:
        return side
    return f"{'both' if len(values) == 2 else 'all'} {side}"


def match_phrase(gap: float, reference: str, tolerance: float = 0.05, unit: str = "USD {:,.1f} million") -> str:
    """How a sum compares with a quoted figure: 'exactly <reference>' when ``abs(gap) <= tolerance``,
    else e.g. 'USD 1.2 million more than <reference>' (``gap`` = sum − quoted, in the unit's scale)."""
    if abs(gap) <= tolerance:
        return f"exactly {reference}"
    return f"{unit.format(abs(gap))} {'more' if gap > 0 else 'less'} than {reference}"

# --- politics and logistics: dates, counts, ranks, memberships, agreements, quoted periods ----------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth")


def date_label(date, precision: str, iso: bool = False) -> str:
    """A date written to the precision its source gives: '5 October 1992', 'May 2013', '1997';
    with ``iso``, the compact form for tables: '1992-10-05', '2013-05', '1997'.

    ``date``: anything ``pandas.Timestamp`` reads; ``precision``: "day", "month" or "year"
    (the ``date_precision`` column of dataset ``timeline``). Raises ``ValueError`` for another precision.
    """
    import pandas as pd

    if precision not in ("day", "month", "year"):
        raise ValueError(f"Unknown date precision {precision!r}; expected day, month or year.")
    ts = pd.Timestamp(date)
    if iso:
        return {"year": f"{ts.year}", "month": f"{ts:%Y-%m}", "day": f"{ts:%Y-%m-%d}"}[precision]
    month = _MONTHS[ts.month - 1]
    return {"year": f"{ts.year}", "month": f"{month} {ts.year}", "day": f"{ts.day} {month} {ts.year}"}[precision]


def dates_phrase(dates) -> str:
    """'on 3 June 2015 and in March 2025': 'on' before a day, 'in' before a month or a year; '' for none.

    ``dates``: labels as :func:`date_label` writes them.
    """
    import re

    return join_names(f"{'on' if re.match(r'[0-9]{1,2} [A-Z]', d) else 'in'} {d}" for d in dates) if dates else ""


def count_phrase(n: int, noun: str) -> str:
    """'1 summit', '4 summits', '0 summits' (digits, regular plural with -s)."""
    return f"{int(n):d} {noun}{'' if int(n) == 1 else 's'}"


def ordinal_word(n: int) -> str:
    """'fourth' for 4 (first to twelfth), '13th', '21st', '22nd', '111th' above."""
    n = int(n)
    if 0 < n < len(_ORDINALS):
        return _ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:d}{suffix}"


def rank_phrase(rank: int, total: int) -> str:
    """'fourth of five', '13th of 140': a rank among ``total`` (1 = the highest)."""
    return f"{ordinal_word(rank)} of {number_word(total)}"


def meetings_sentence(n_presidents: int, n_summits: int, n_other: int, claimed: int, window_text: str) -> str:
    """The finding on a claim that leaders met "more than ``claimed``" times, saying which way of counting
    first passes it: the presidents' bilateral talks (``n_presidents``), plus summits both attended without
    reported talks (``n_summits``), plus talks with Gurbanguly Berdimuhamedov, who is not head of state
    (``n_other``). ``window_text`` opens the sentence, e.g. 'From January 2024 to the article of 24 November 2025'.
    """
    with_summits = n_presidents + n_summits
    total = with_summits + n_other
    claim = f"the article's \"more than {number_word(claimed)}\""
    other = (f"the {count_phrase(n_other, 'talk')} with Gurbanguly Berdimuhamedov (Chairman of the Halk Maslahaty, "
             f"not head of state)")
    summits = f"{count_phrase(n_summits, 'summit')} both attended without reported bilateral talks"
    text = f"{window_text}, the timeline shows {count_phrase(n_presidents, 'bilateral meeting')} of the two presidents"
    if n_presidents > claimed:
        return text + f", which alone {'meets' if n_presidents == 1 else 'meet'} {claim}."
    text += f", not enough on {'its' if n_presidents == 1 else 'their'} own for {claim}. "
    if with_summits > claimed:
        return text + (f"Adding the {summits} brings the count to {with_summits:d} ({n_presidents:d} + {n_summits:d}), "
                       f"already more than {number_word(claimed)}; counting {other} as well gives {total:d}.")
    if total > claimed:
        return text + (f"Adding the {summits} brings the count to {with_summits:d}, still not more than "
                       f"{number_word(claimed)}; only counting also {other} passes it, with {total:d}.")
    return text + (f"Even counting the {summits} and {other}, the total is {total:d}, "
                   f"not more than {number_word(claimed)}.")


def meetings_headline(n_presidents: int, n_summits: int, n_other: int, claimed: int) -> str:
    """The short finding (a chart title, at most about 70 characters) on "more than ``claimed``" meetings, naming
    the first way of counting that passes it; the counts as for :func:`meetings_sentence`."""
    if n_presidents > claimed:
        return f"The presidents met bilaterally {n_presidents:d} times: more than {claimed:d}"
    held = count_phrase(n_presidents, "bilateral meeting")
    if n_presidents + n_summits > claimed:
        return f"{held[:1].upper()}{held[1:]}; only joint summits lift the count above {claimed:d}"
    if n_presidents + n_summits + n_other > claimed:
        return f"{held[:1].upper()}{held[1:]}; only talks with G. Berdimuhamedov lift it above {claimed:d}"
    return f"No definition of a meeting gives more than {claimed:d} encounters"


def sole_participation_sentence(sole: dict, names: dict) -> str:
    """Which country alone takes part in which organisations, e.g. 'Kazakhstan alone belongs to the CSTO,
    the EAEU and the SCO; Turkmenistan alone is an observer in the WTO.'

    ``sole``: ``{code: {"member": [...], "observer": [...]}}`` as
    :func:`kztm.themes.politics.sole_participation` returns it; ``names``: code → country name.
    """
    def the(organisations):
        return join_names(f"the {o}" for o in organisations)

    parts = []
    for code, groups in sole.items():
        clauses = []
        if groups["member"]:
            clauses.append(f"belongs to {the(groups['member'])}")
        if groups["observer"]:
            clauses.append(f"is an observer in {the(groups['observer'])}")
        if clauses:
            parts.append(f"{names[code]} alone " + " and ".join(clauses))
    if not parts:
        return "Neither takes part in an organisation tracked here that the other stays out of."
    return "; ".join(parts) + "."


_AGREEMENT_STATUS = {"party": "a party", "former_party": "a former party", "signatory": "a signatory",
                     "accession_in_progress": "in the process of accession", "not listed": "not listed"}


def status_phrase(status: str, since: int | None) -> str:
    """A country's place in an agreement: 'a party since 2011', 'in the process of accession', 'not listed'.

    ``status``: the ``status`` column of dataset ``corridors`` (or "not listed"); ``since``: a year or
    None; the year is given only for a party or a signatory.
    """
    text = _AGREEMENT_STATUS.get(status, status.replace("_", " "))
    return text + (f" since {since}" if since is not None and status in ("party", "signatory") else "")


def status_clause(status: str, since: int | None) -> str:
    """The verb phrase after a country's name: 'has been a party since 2015', 'is a party', 'is not listed'."""
    if since is not None and status in ("party", "signatory"):
        return f"has been {status_phrase(status, since)}"
    return f"is {status_phrase(status, None)}"


def year_caveat(names) -> str:
    """' (sources differ on the year for Kazakhstan)' for the countries whose joining year is uncertain;
    '' when there are none."""
    names = list(names)
    return f" (sources differ on the year for {' and '.join(names)})" if names else ""


def period_label(row, short: bool = False) -> str:
    """The period of a quoted figure: '2023' for a calendar year, 'January–October 2025' ('Jan–Oct 2025' if
    ``short``) for months of one year, else '2021–2024'. ``row``: has ``period_start`` and ``period_end``
    (dataset ``trade_bilateral``)."""
    import pandas as pd

    start, end = pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])
    if start.year == end.year and start.month == 1 and end.month == 12:
        return str(start.year)
    if start.year == end.year:
        fmt = "%b" if short else "%B"
        return f"{start.strftime(fmt)}–{end.strftime(fmt)} {start.year}"
    return f"{start.year}–{end.year}"


def months_phrase(row) -> str:
    """The period of a quoted figure with its length: 'the ten months January–October 2025', 'the year 2023'.
    ``row`` as for :func:`period_label`, with ``months`` (the number of months covered)."""
    label = period_label(row)
    months = int(row["months"])
    if months == 12 and label.isdigit():
        return f"the year {label}"
    if months > 12:
        return label
    return f"the {number_word(months)} months {label}"


_COUNTRY_ABBREVIATIONS = {"KZ": "Kazakhstan", "TM": "Turkmenistan"}


def indicator_words(indicator: str) -> str:
    """A quoted figure's indicator in words: 'KZ-TM cargo traffic' → 'Kazakhstan–Turkmenistan cargo traffic'
    (the ``indicator`` column of dataset ``trade_bilateral``)."""
    import re

    text = re.sub(r"\b(KZ|TM)\b", lambda m: _COUNTRY_ABBREVIATIONS[m.group(1)], indicator)
    text = re.sub(r"(?<=[a-z])-(?=(Kazakhstan|Turkmenistan|Iran)\b)", "–", text)
    return text[:1].upper() + text[1:]


def short_label(row) -> str:
    """A short chart label for a quoted figure: 'Kazakhstan–Turkmenistan–Iran railway, Jan–Oct 2025'."""
    import re

    text = re.sub(r" (volume|traffic)$", "", indicator_words(row["indicator"]))
    return f"{text}, {period_label(row, short=True)}"


# --- politics and logistics, content pass (issues 11–12): ties, definitions of quoted figures, readings ----

def busiest_phrase(years, n: int, noun: str = "sourced event") -> str:
    """'2025, with 14 sourced events' for one year; '2024 and 2025, tied with 13 sourced events each' for a tie.

    ``years``: the year or years with the most events (:func:`kztm.themes.politics.busiest_years`); ``n``: their count.
    """
    years = [str(int(y)) for y in years]
    if len(years) == 1:
        return f"{years[0]}, with {count_phrase(n, noun)}"
    return f"{join_names(years)}, tied with {count_phrase(n, noun)} each"


# What a quoted port or railway figure measures (the ``definition`` column of dataset ``logistics_quoted``).
DEFINITION_WORDS = {
    "throughput": "throughput (cargo handled)",
    "capacity": "capacity (what could be handled a year)",
    "transported": "cargo carried",
    "growth": "growth only (no level)",
    "target": "target",
}


def definition_words(definition: str) -> str:
    """'throughput (cargo handled)' for 'throughput'; an unknown definition is returned with '_' as spaces."""
    return DEFINITION_WORDS.get(definition, str(definition).replace("_", " "))


def reading_label(start, what: str) -> str:
    """A period's short label for a chart axis: 'Past year (from 24 Nov 2024)'; ``what`` names the reading
    and ``start`` is its first day."""
    import pandas as pd

    start = pd.Timestamp(start)
    return f"{what} (from {start.day} {start:%b %Y})"


# --- trade and investment chapters: IMF bilateral series, mirror statistics, neighbours, dated facts ----

def neighbour_rank_phrase(rank: int, of: int) -> str:
    """A partner's place among a country's ``of`` neighbours by turnover: 'largest', 'second-largest',
    'smallest' (the last place when there are at least two), 'only' when there is one."""
    rank, of = int(rank), int(of)
    if not 1 <= rank <= of:
        raise ValueError(f"rank={rank} must be between 1 and {of}.")
    if of == 1:
        return "only"
    if rank == 1:
        return "largest"
    if rank == of:
        return "smallest"
    return f"{ordinal_word(rank)}-largest"


def years_phrase(years) -> str:
    """Years as compact ranges: [2004, 2005, 2006, 2010] → '2004–2006 and 2010'; '' for none."""
    years = sorted({int(y) for y in years})
    spans, start = [], None
    for i, year in enumerate(years):
        start = year if start is None else start
        if i + 1 == len(years) or years[i + 1] != year + 1:
            spans.append(f"{start}" if start == year else f"{start}–{year}")
            start = None
    return join_names(spans) if spans else ""


def mirror_sentence(reporter: str, partner: str, first: int, last: int, factor: float) -> str:
    """Why one side of a pair is not an independent report: 'From 2004 to 2020 Turkmenistan's figures
    for this trade are not its own report: the IMF derived them from Kazakhstan's, adjusted by 6% for
    the difference between CIF and FOB values (factor 1.06).'"""
    years = f"In {first}" if first == last else f"From {first} to {last}"
    return (f"{years} {reporter}'s figures for this trade are not its own report: the IMF derived them from "
            f"{partner}'s, adjusted by {abs(factor - 1) * 100:.0f}% for the difference between CIF and FOB values "
            f"(factor {factor:.2f}).")


def fact_date_label(date: str) -> str:
    """A sourced fact's date as precise as its source: '2025-05-15' → '15 May 2025', '2024-11' →
    'November 2024', '2024' → '2024' (the ``date`` of :class:`kztm.themes.drivers.Fact`)."""
    import re

    precision = {10: "day", 7: "month", 4: "year"}.get(len(str(date)))
    if precision is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(date)):
        raise ValueError(f"Date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")
    return date_label(date, precision)

# --- energy and environment, content pass (issues 11–12): dates of sourced facts, ranges, estimates ----

def date_words(text: str) -> str:
    """A date as written in dataset ``context_facts`` (YYYY, YYYY-MM or YYYY-MM-DD, the source's precision)
    in words: '11 September 2024', 'September 2024', '2024'. Raises ``ValueError`` for another form."""
    import re

    forms = {r"\d{4}": "year", r"\d{4}-\d{2}": "month", r"\d{4}-\d{2}-\d{2}": "day"}
    for pattern, precision in forms.items():
        if re.fullmatch(pattern, str(text)):
            return date_label(text if precision != "year" else f"{text}-01-01", precision)
    raise ValueError(f"Date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")


def year_range_phrase(first: int, last: int) -> str:
    """'in 2033' when both years are the same, else 'between 2029 and 2035' (in either order)."""
    first, last = sorted((int(first), int(last)))
    return f"in {first}" if first == last else f"between {first} and {last}"


def estimate_year_phrase(estimate_year: int, shown_to: int, publisher: str = "the World Bank") -> str:
    """The real year of a value that a publisher repeats in later years: '2020, repeated by the World Bank for
    2021–2022'; '2021, repeated by the World Bank for 2022' for one year; just '2022' when it is not repeated."""
    estimate_year, shown_to = int(estimate_year), int(shown_to)
    if shown_to <= estimate_year:
        return f"{estimate_year}"
    years = f"{shown_to}" if shown_to == estimate_year + 1 else f"{estimate_year + 1}–{shown_to}"
    return f"{estimate_year}, repeated by {publisher} for {years}"

# --- context chapter: dates of sourced facts, two values under two vintages --------------------------

def fact_date_words(date: str) -> str:
    """A fact's date in words at the precision it is written: '2022-03-29' → '29 March 2022',
    '2020-07' → 'July 2020', '2024' → '2024' (the ``date`` of :class:`kztm.themes.drivers.Fact`).
    Raises ``ValueError`` for another form (an empty date too)."""
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date or ""))
    if precision is None:
        raise ValueError(f"Fact date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")
    return date_label(date, precision)


def vintage_pair(main: float, alt: float, fmt: str, unit: str = "") -> str:
    """'52.8% in the vintage used here, 34.4% in the other': one ratio under two GDP vintages.

    ``fmt`` is a format spec such as ".1f"; ``unit`` is appended to each number ('%', ' times')."""
    return f"{main:{fmt}}{unit} in the vintage used here, {alt:{fmt}}{unit} in the other"

# --- politics and logistics, thin notebooks (issue 10): lists of texts as Markdown bullets ------------

def bullets(texts, name: str = "item") -> tuple[str, dict]:
    """A bulleted list for :meth:`kztm.report.chapter.Chapter.say`: the template ('- {item_0}\\n- {item_1}')
    and the values it names, so each text is escaped where it lands instead of being pasted into Markdown.
    ``texts``: plain texts (from data or templates); ``name``: the values' prefix. Raises ``ValueError`` for an
    empty list (a list with no item would print nothing under its heading)."""
    texts = list(texts)
    if not texts:
        raise ValueError("A bulleted list needs at least one text.")
    return "\n".join(f"- {{{name}_{i}}}" for i in range(len(texts))), {f"{name}_{i}": t for i, t in enumerate(texts)}


# --- trade, investment and context chapters, thin notebooks (issue 10) -------------------------------

def peak_phrase(peak: float, peak_year: int, last_year: int, unit: str = "USD {:,.1f} million") -> str:
    """How the last value of a series stands against its peak: 'the highest in the series' when the peak
    is the last year, else 'against a peak of USD 512.3 million in 2014' (``unit`` formats the peak)."""
    if int(peak_year) == int(last_year):
        return "the highest in the series"
    return f"against a peak of {unit.format(peak)} in {int(peak_year)}"


# --- energy and environment, thin notebooks (issue 10): a sentence continued from another --------------

def lower_first(text: str) -> str:
    """The text with its first letter in lower case, to continue a sentence with it: 'Two of the five states
    compared …' → 'two of the five states compared …'; '' stays ''. Only the first character changes."""
    return text[:1].lower() + text[1:]
