#!/usr/bin/env python3
"""Independent reference for reach.csv, funnel.csv, outcomes.csv, comparison.csv and
dosage_outcomes.csv.

Usage: reach_funnel_outcomes.py DATA_DIR OUT_DIR [--cut-points 3,8] [--population fsm_england]

Reads the contract's CSV files straight from DATA_DIR (no database, no Swift code) and follows
DATA-CONTRACT.md ("Metric definitions", "Output tables") and the rules written in
docs/metrics.md ("Reach, funnel and outcomes"). Person-by-person loops in plain Python; SciPy
only for the normal tail. It assumes the files are valid (the engine's importer rejects bad
rows; the datasets it is used on import without a rejected row, which the tests check). Written to produce the golden files of
Tests/ImpactAnalysisTests/Fixtures/outcomes/ (Python 3.11, SciPy 1.17.1).
"""

import csv
import math
import os
import sys
from collections import defaultdict

from scipy.stats import norm

Z = 1.959964  # the contract's z for 95% intervals
TRUE = {"yes", "y", "true", "1"}
FALSE = {"no", "n", "false", "0"}
PARTICIPANT_STATUSES = {"started", "withdrawn", "completed"}
OFFERED_STATUSES = {"offered", "declined", "started", "withdrawn", "completed"}
NON_PARTICIPANT_STATUSES = {"applied", "offered", "declined"}
INDICATORS = ["fsm", "first_generation", "polar4_q12", "imd_q12", "working_class",
              "care_experienced", "low_ses", "multiple_disadvantage"]
SIX = INDICATORS[:6]
DIMENSIONS = ["fsm", "first_generation", "gender", "ethnicity", "low_ses"]
GROUP_ORDER = {
    "fsm": ["yes", "no"],
    "first_generation": ["yes", "no"],
    "low_ses": ["yes", "no"],
    "gender": ["female", "male", "non_binary", "other", "prefer_not_to_say"],
    "ethnicity": ["asian", "black", "mixed", "white", "other", "prefer_not_to_say"],
}


# ---------------------------------------------------------------- reading

def read_rows(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [h.strip().lower() for h in next(reader)]
        return [dict(zip(header, (cell.strip() for cell in row))) for row in reader if row]


def boolean(text):
    """True, False or None (empty); raises on anything else."""
    if text is None or text == "":
        return None
    lowered = text.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ValueError(text)


def optional_int(text):
    return None if text is None or text == "" else int(text)


def optional_float(text):
    return None if text is None or text == "" else float(text)


def load(folder):
    cohorts = {}
    for row in read_rows(folder, "cohorts.csv"):
        cohorts[row["cohort_id"]] = (row["programme_id"], int(row["year"]))

    people = {}
    for row in read_rows(folder, "participants.csv"):
        consent = boolean(row.get("consent_research", ""))
        fsm = boolean(row.get("fsm", ""))
        first = boolean(row.get("first_generation", ""))
        polar = optional_int(row.get("polar4_quintile", ""))
        imd = optional_int(row.get("imd_quintile", ""))
        occupation = row.get("parental_occupation", "") or None
        care = boolean(row.get("care_experienced", ""))
        flags = {
            "fsm": fsm,
            "first_generation": first,
            "polar4_q12": None if polar is None else polar <= 2,
            "imd_q12": None if imd is None else imd <= 2,
            "working_class": None if occupation is None else occupation == "working_class",
            "care_experienced": care,
        }
        six = [flags[name] for name in SIX]
        if any(value is True for value in six):
            flags["low_ses"] = True
        elif all(value is None for value in six):
            flags["low_ses"] = None
        else:
            flags["low_ses"] = False
        flags["multiple_disadvantage"] = sum(1 for value in six if value is True) >= 2
        flags["gender"] = row.get("gender", "") or None
        flags["ethnicity"] = row.get("ethnicity", "") or None
        flags["consent"] = consent is not False  # default yes
        people[row["participant_id"]] = flags

    enrolments = {}  # (person, cohort) -> (status, hours); a repeated key: the later row wins
    for row in read_rows(folder, "enrolments.csv"):
        enrolments[(row["participant_id"], row["cohort_id"])] = (
            row["status"].lower(), optional_float(row.get("hours", "")))

    outcomes = defaultdict(dict)  # person -> outcome -> bool
    for row in read_rows(folder, "outcomes.csv"):
        outcomes[row["participant_id"]][row["outcome"]] = boolean(row["value"])

    benchmarks = {}
    for row in read_rows(folder, "benchmarks.csv"):
        benchmarks[(row["outcome"], row["population"], int(row["year"]))] = float(row["rate"])

    # Everyone with consent_research = no is left out of everything.
    consenting = {pid for pid, flags in people.items() if flags["consent"]}
    enrolments = {key: value for key, value in enrolments.items() if key[0] in consenting}
    return cohorts, people, enrolments, outcomes, benchmarks


# ---------------------------------------------------------------- statistics

def ratio(numerator, denominator):
    return None if denominator == 0 else numerator / denominator


def wilson(yes, n):
    """Wilson (1927) score interval with z = 1.959964, clamped to [0, 1]."""
    if n == 0:
        return None, None
    p = yes / n
    z2 = Z * Z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    low = 0.0 if yes == 0 else max(0.0, centre - half)
    high = 1.0 if yes == n else min(1.0, centre + half)
    return low, high


def z_test(yes, n, benchmark):
    """Two-sided one-sample z-test with the null variance; None when undefined."""
    if n == 0 or benchmark is None or not 0 < benchmark < 1:
        return None
    z = (yes / n - benchmark) / math.sqrt(benchmark * (1 - benchmark) / n)
    return min(1.0, 2 * float(norm.sf(abs(z))))


def holm(pvalues):
    present = sorted((p, i) for i, p in enumerate(pvalues) if p is not None)
    m = len(present)
    out = [None] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(present):
        running = max(running, min(1.0, (m - rank) * p))
        out[i] = running
    return out


def benjamini_hochberg(pvalues):
    present = sorted((p, i) for i, p in enumerate(pvalues) if p is not None)
    m = len(present)
    out = [None] * len(pvalues)
    running = 1.0
    for rank in range(m - 1, -1, -1):
        p, i = present[rank]
        running = min(running, m / (rank + 1) * p)
        out[i] = running
    return out


# ---------------------------------------------------------------- helpers

def code_point_key(text):
    return text.encode("utf-8")


def group_value(flags, dimension):
    value = flags[dimension]
    if value is None:
        return "unknown"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def group_sort_key(dimension, value):
    order = GROUP_ORDER[dimension]
    if value == "unknown":
        return (len(order) + 1, b"")
    if value in order:
        return (order.index(value), b"")
    return (len(order), code_point_key(value))


def benchmark_for(benchmarks, outcome, population, year):
    years = [y for (o, pop, y) in benchmarks if o == outcome and pop == population and y <= year]
    return benchmarks[(outcome, population, max(years))] if years else None


def outcome_counts(persons, outcomes, outcome):
    known = [outcomes[pid][outcome] for pid in persons if outcome in outcomes.get(pid, {})]
    return len(known), sum(1 for value in known if value)


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([cell(value) for value in row])


# ---------------------------------------------------------------- tables

def structure(cohorts, enrolments):
    """Participants per programme-year and per cohort; all enrolments per unit."""
    py_participants = defaultdict(set)
    cohort_participants = defaultdict(set)
    py_enrolments = defaultdict(list)      # (programme, year) -> [(person, status, hours)]
    cohort_enrolments = defaultdict(list)  # cohort -> [(person, status)]
    for (pid, cid), (status, hours) in enrolments.items():
        programme_year = cohorts[cid]
        py_enrolments[programme_year].append((pid, status, hours))
        cohort_enrolments[cid].append((pid, status))
        if status in PARTICIPANT_STATUSES:
            py_participants[programme_year].add(pid)
            cohort_participants[cid].add(pid)
    return py_participants, cohort_participants, py_enrolments, cohort_enrolments


def sorted_years(keys):
    return sorted(keys, key=lambda key: (code_point_key(key[0]), key[1]))


def cohorts_of(cohorts, programme_year, present):
    return sorted((cid for cid in present if cohorts[cid] == programme_year), key=code_point_key)


def reach(cohorts, people, py_participants, cohort_participants):
    rows = []

    def unit_rows(programme_year, level, cohort_id, persons):
        for indicator in INDICATORS:
            values = [people[pid][indicator] for pid in persons]
            known = sum(1 for v in values if v is not None)
            yes = sum(1 for v in values if v is True)
            total = len(persons)
            rows.append([programme_year[0], programme_year[1], level, cohort_id, indicator, total, known, yes,
                         ratio(yes, known), ratio(total - known, total)])

    for programme_year in sorted_years(py_participants):
        unit_rows(programme_year, "programme_year", None, py_participants[programme_year])
        for cid in cohorts_of(cohorts, programme_year, cohort_participants):
            unit_rows(programme_year, "cohort", cid, cohort_participants[cid])
    header = ["programme_id", "year", "level", "cohort_id", "indicator", "participants", "n_known", "n_yes",
              "pct_yes", "pct_unknown"]
    return header, rows


def funnel(cohorts, py_enrolments, cohort_enrolments):
    rows = []

    def unit_row(programme_year, level, cohort_id, entries):
        # Enrolments, not people: the contract's "applied (all enrolments)".
        applied = [pid for pid, status, *_ in entries]
        offered = [pid for pid, status, *_ in entries if status in OFFERED_STATUSES]
        started = [pid for pid, status, *_ in entries if status in PARTICIPANT_STATUSES]
        completed = [pid for pid, status, *_ in entries if status == "completed"]
        rows.append([programme_year[0], programme_year[1], level, cohort_id, len(applied), len(offered),
                     len(started), len(completed), ratio(len(completed), len(started))])

    for programme_year in sorted_years(py_enrolments):
        unit_row(programme_year, "programme_year", None, py_enrolments[programme_year])
        for cid in cohorts_of(cohorts, programme_year, cohort_enrolments):
            unit_row(programme_year, "cohort", cid, cohort_enrolments[cid])
    header = ["programme_id", "year", "level", "cohort_id", "applied", "offered", "started", "completed",
              "completion_rate"]
    return header, rows


def outcome_names(persons, outcomes):
    names = set()
    for pid in persons:
        names.update(outcomes.get(pid, {}))
    return sorted(names, key=code_point_key)


def figures(known, yes, benchmark):
    rate = ratio(yes, known)
    low, high = wilson(yes, known)
    diff = None if rate is None or benchmark is None else (rate - benchmark) * 100
    return [known, yes, rate, low, high, benchmark, diff, z_test(yes, known, benchmark)]


def outcome_table(cohorts, people, outcomes, benchmarks, population, py_participants, cohort_participants):
    rows = []
    for programme_year in sorted_years(py_participants):
        programme, year = programme_year
        persons = py_participants[programme_year]
        names = outcome_names(persons, outcomes)
        bench = {name: benchmark_for(benchmarks, name, population, year) for name in names}
        for name in names:
            known, yes = outcome_counts(persons, outcomes, name)
            rows.append([programme, year, "programme_year", None, name, None, None]
                        + figures(known, yes, bench[name]) + [None, None])
        for cid in cohorts_of(cohorts, programme_year, cohort_participants):
            for name in names:
                known, yes = outcome_counts(cohort_participants[cid], outcomes, name)
                rows.append([programme, year, "cohort", cid, name, None, None]
                            + figures(known, yes, bench[name]) + [None, None])
        for name in names:
            family = []
            for dimension in DIMENSIONS:
                groups = defaultdict(set)
                for pid in persons:
                    groups[group_value(people[pid], dimension)].add(pid)
                for value in sorted(groups, key=lambda v: group_sort_key(dimension, v)):
                    known, yes = outcome_counts(groups[value], outcomes, name)
                    family.append([programme, year, "subgroup", None, name, dimension, value]
                                  + figures(known, yes, bench[name]))
            pvalues = [row[-1] for row in family]
            for row, p_holm, p_bh in zip(family, holm(pvalues), benjamini_hochberg(pvalues)):
                rows.append(row + [p_holm, p_bh])
    header = ["programme_id", "year", "level", "cohort_id", "outcome", "group_dim", "group_value", "n_known",
              "n_yes", "rate", "ci_low", "ci_high", "benchmark_rate", "diff_pp", "p_value", "p_holm", "p_bh"]
    return header, rows


def comparison(people, outcomes, py_participants, py_enrolments):
    rows = []
    for programme_year in sorted_years(py_participants):
        persons = py_participants[programme_year]
        others = {pid for pid, status, _ in py_enrolments[programme_year]
                  if status in NON_PARTICIPANT_STATUSES and pid not in persons}
        for name in outcome_names(persons, outcomes):
            def cells(group):
                table = defaultdict(lambda: [0, 0])
                for pid in group:
                    if name in outcomes.get(pid, {}):
                        flags = people[pid]
                        key = (flags["fsm"], flags["first_generation"], flags["low_ses"], flags["imd_q12"])
                        table[key][0] += 1
                        table[key][1] += 1 if outcomes[pid][name] else 0
                return table
            treated, control = cells(persons), cells(others)
            # Cells in a fixed order (unknown, no, yes; fsm first) so that sums are reproducible.
            rank = {None: 0, False: 1, True: 2}
            matched = sorted((key for key in treated if key in control), key=lambda key: [rank[v] for v in key])
            n1 = sum(treated[k][0] for k in treated)
            n0 = sum(control[k][0] for k in control)
            x0 = sum(control[k][1] for k in control)
            m1 = sum(treated[k][0] for k in matched)
            m0 = sum(control[k][0] for k in matched)
            dropped = len(set(treated) | set(control)) - len(matched)
            if m1 > 0:
                rate_treated = sum(treated[k][1] for k in matched) / m1
                standardised = 0.0
                variance = 0.0
                for k in matched:
                    w = treated[k][0] / m1
                    p1 = treated[k][1] / treated[k][0]
                    p0 = control[k][1] / control[k][0]
                    standardised += w * p0
                    variance += w * w * (p1 * (1 - p1) / treated[k][0] + p0 * (1 - p0) / control[k][0])
                diff = rate_treated - standardised
                se = math.sqrt(variance)
                figures_ = [rate_treated, ratio(x0, n0), standardised, diff * 100,
                            (diff - Z * se) * 100, (diff + Z * se) * 100]
            else:
                figures_ = [None, ratio(x0, n0), None, None, None, None]
            rows.append([programme_year[0], programme_year[1], name, n1, n0, m1, m0, n1 - m1, n0 - m0,
                         len(matched), dropped] + figures_)
    header = ["programme_id", "year", "outcome", "participants_known", "comparison_known", "participants_matched",
              "comparison_matched", "participants_unmatched", "comparison_unmatched", "cells_used",
              "cells_dropped", "rate_participants", "rate_comparison_crude", "rate_comparison_standardised",
              "diff_pp", "ci_low_pp", "ci_high_pp"]
    return header, rows


def band_of(hours, cuts):
    return None if hours is None else sum(1 for c in cuts if hours >= c)


def band_label(band, cuts):
    def number(x):
        return str(int(x)) if x == int(x) else repr(x)
    if band is None:
        return "unknown", None, None
    if band == 0:
        return "<" + number(cuts[0]), 0.0, cuts[0]
    if band == len(cuts):
        return ">=" + number(cuts[-1]), cuts[-1], None
    return number(cuts[band - 1]) + "-" + number(cuts[band]), cuts[band - 1], cuts[band]


def dosage(outcomes, py_participants, py_enrolments, cuts):
    rows = []
    for programme_year in sorted_years(py_participants):
        persons = py_participants[programme_year]
        hours = defaultdict(list)
        for pid, status, value in py_enrolments[programme_year]:
            if status in PARTICIPANT_STATUSES:
                hours[pid].append(value)
        band = {pid: band_of(None if None in values else sum(values), cuts) for pid, values in hours.items()}
        present = sorted(set(band.values()), key=lambda b: (b is None, b or 0))
        for name in outcome_names(persons, outcomes):
            for b in present:
                group = [pid for pid in persons if band[pid] == b]
                known, yes = outcome_counts(group, outcomes, name)
                label, low, high = band_label(b, cuts)
                ci_low, ci_high = wilson(yes, known)
                rows.append([programme_year[0], programme_year[1], name, label, low, high, len(group), known, yes,
                             ratio(yes, known), ci_low, ci_high])
    header = ["programme_id", "year", "outcome", "hours_band", "hours_from", "hours_below", "participants",
              "n_known", "n_yes", "rate", "ci_low", "ci_high"]
    return header, rows


def main(argv):
    arguments = argv[1:]
    cuts = [3.0, 8.0]
    population = "fsm_england"
    if "--cut-points" in arguments:
        index = arguments.index("--cut-points")
        cuts = [float(x) for x in arguments[index + 1].split(",")]
        del arguments[index:index + 2]
    if "--population" in arguments:
        index = arguments.index("--population")
        population = arguments[index + 1]
        del arguments[index:index + 2]
    if len(arguments) != 2:
        sys.exit(__doc__)
    data, out = arguments
    os.makedirs(out, exist_ok=True)
    cohorts, people, enrolments, outcomes, benchmarks = load(data)
    py_participants, cohort_participants, py_enrolments, cohort_enrolments = structure(cohorts, enrolments)
    tables = {
        "reach.csv": reach(cohorts, people, py_participants, cohort_participants),
        "funnel.csv": funnel(cohorts, py_enrolments, cohort_enrolments),
        "outcomes.csv": outcome_table(cohorts, people, outcomes, benchmarks, population, py_participants,
                                      cohort_participants),
        "comparison.csv": comparison(people, outcomes, py_participants, py_enrolments),
        "dosage_outcomes.csv": dosage(outcomes, py_participants, py_enrolments, cuts),
    }
    for name, (header, rows) in tables.items():
        write(os.path.join(out, name), header, rows)
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main(sys.argv)
