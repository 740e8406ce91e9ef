#!/usr/bin/env python3
"""Independent reference for prepost.csv, alpha.csv and dosage_prepost.csv.

    scripts/reference/prepost_alpha.py DATA_DIR OUT_DIR [--programme ID] [--year Y] [--cuts 3,8]

Reads the data contract's CSV files from DATA_DIR (not the engine's database) and writes the
three tables into OUT_DIR, computed from the contract's text (DATA-CONTRACT.md, "Metric
definitions") and the rules written in docs/metrics.md ("Construct scores, pre/post change and
reliability") with csv, NumPy and SciPy only. The Swift tests compare the engine's tables with
these files cell by cell (Tests/ImpactAnalysisTests/Fixtures/prepost/).

Written for NumPy 2.4 and SciPy 1.17 (the versions the fixtures were made with).
Statistics, as the contract names them, on exact rationals (a score is a Fraction, the coded
sum over the items answered; every mean, difference and sum of squares is a Fraction, turned into
a float once):
  mean_*          float(Fraction mean)
  sd_change       sqrt(float(sum((d - mean)^2) / (n - 1))), d = post - pre as Fractions
  t, p_value      t = mean_change / (sd_change / sqrt(n)), p = 2 * scipy.stats.t.sf(|t|, n - 1)
  ci_low/high     mean_change -/+ scipy.stats.t.ppf(0.975, n - 1) * sd_change / sqrt(n)
  wilcoxon_p      scipy.stats.wilcoxon(d * L, zero_method='wilcox', correction=False, method='approx')
                  on the integers d * L (L the common denominator), so ties are exact
  p_bh            scipy.stats.false_discovery_control(p, method='bh')
  p_holm          Holm's step-down, written out below
"""

import argparse
import csv
import math
import os
from fractions import Fraction
import sys
from collections import defaultdict

import numpy as np
import scipy
import scipy.stats

WAVES = ("pre", "post", "follow_up")
PARTICIPANT_STATUSES = {"started", "withdrawn", "completed"}
DIMENSIONS = ("fsm", "first_generation", "gender", "ethnicity", "low_ses")
# Group values in the contract's order; any other value after these in code-point order; unknown last.
GROUP_ORDER = {
    "fsm": ["yes", "no"], "first_generation": ["yes", "no"], "low_ses": ["yes", "no"],
    "gender": ["female", "male", "non_binary", "other", "prefer_not_to_say"],
    "ethnicity": ["asian", "black", "mixed", "white", "other", "prefer_not_to_say"],
}


def group_rank(dimension, value):
    order = GROUP_ORDER[dimension]
    if value == "unknown":
        return (len(order) + 1, "")
    return (order.index(value), "") if value in order else (len(order), value)
TRUE_WORDS = {"yes", "y", "true", "1"}
FALSE_WORDS = {"no", "n", "false", "0"}


# ---------------------------------------------------------------- reading the contract's files

def read_rows(folder, name):
    """The rows of one contract file as dicts with trimmed, lower-case header names."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [h.strip().lower() for h in next(reader)]
        return [dict(zip(header, row)) for row in reader]


def boolean(text):
    """True, False, or None (unknown) for a contract boolean cell."""
    word = (text or "").strip().lower()
    if word == "":
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"not a boolean: {text!r}")


def optional_int(text):
    text = (text or "").strip()
    return int(text) if text else None


def iso_date(text):
    """ISO YYYY-MM-DD, or UK DD/MM/YYYY turned into ISO; '' when unknown."""
    text = (text or "").strip()
    if "/" in text:
        day, month, year = text.split("/")
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return text


class Data:
    """The contract's files, with the import rules that matter for these tables applied."""

    def __init__(self, folder):
        self.cohorts = {}
        for row in read_rows(folder, "cohorts.csv"):
            self.cohorts[row["cohort_id"]] = (row["programme_id"], int(row["year"]))

        self.people = {}
        for row in read_rows(folder, "participants.csv"):
            self.people[row["participant_id"]] = row

        self.enrolments = {}
        for row in read_rows(folder, "enrolments.csv"):
            hours = (row.get("hours") or "").strip()
            self.enrolments[(row["participant_id"], row["cohort_id"])] = (
                row["status"].strip().lower(), float(hours) if hours else None)

        self.items = {}
        # How each instrument is scored (docs/metrics.md, "Construct scores"): "all_items" needs
        # every item answered; "at_least_half", an empty cell or no scoring column, half.
        self.all_items = set()
        for row in read_rows(folder, "survey_items.csv"):
            reverse = boolean(row.get("reverse_coded", "")) or False
            self.items[(row["instrument_id"], row["item_id"])] = (
                row["construct"], int(row["scale_min"]), int(row["scale_max"]), reverse)
            if (row.get("scoring") or "").strip() == "all_items":
                self.all_items.add(row["instrument_id"])
        self.item_count = defaultdict(int)
        for (instrument, _), (construct, _, _, _) in self.items.items():
            self.item_count[(instrument, construct)] += 1

        # Natural key (participant, cohort, instrument, wave, item): the later responded_on
        # wins, an unknown date counting as the earliest; on a tie the row read later wins.
        # Rows the importer rejects (unknown references, a value off the item's scale) are skipped.
        latest = {}
        skipped = 0
        for row in read_rows(folder, "responses.csv"):
            key = (row["participant_id"], row["cohort_id"], row["instrument_id"],
                   row["wave"].strip().lower(), row["item_id"])
            item = self.items.get((key[2], key[4]))
            try:
                value = int(row["value"].strip())
            except ValueError:
                value = None
            if (item is None or value is None or not item[1] <= value <= item[2]
                    or key[0] not in self.people or key[1] not in self.cohorts or key[3] not in WAVES):
                skipped += 1
                continue
            date = iso_date(row.get("responded_on"))
            if key not in latest or date >= latest[key][0]:
                latest[key] = (date, value)
        if skipped:
            print(f"note: {skipped} response rows skipped as the importer rejects them", file=sys.stderr)
        self.answers = {key: value for key, (_, value) in latest.items()}

    def consents(self, person):
        value = boolean(self.people[person].get("consent_research", ""))
        return value is None or value

    def is_participant(self, person, cohort):
        """A participant of the cohort (status started, withdrawn or completed) who consents."""
        enrolment = self.enrolments.get((person, cohort))
        return enrolment is not None and enrolment[0] in PARTICIPANT_STATUSES and self.consents(person)

    def group_value(self, person, dimension):
        row = self.people[person]
        if dimension in ("fsm", "first_generation"):
            flag = boolean(row.get(dimension, ""))
        elif dimension == "low_ses":
            flag = low_ses(row)
        else:
            return (row.get(dimension) or "").strip() or "unknown"
        return "unknown" if flag is None else ("yes" if flag else "no")


def low_ses(row):
    """Yes if any of the six reach indicators is yes, unknown if all six are unknown, else no."""
    def quintile_low(name):
        q = optional_int(row.get(name, ""))
        return None if q is None else q <= 2
    occupation = (row.get("parental_occupation") or "").strip()
    flags = [boolean(row.get("fsm", "")), boolean(row.get("first_generation", "")),
             quintile_low("polar4_quintile"), quintile_low("imd_quintile"),
             None if occupation == "" else occupation == "working_class",
             boolean(row.get("care_experienced", ""))]
    if any(f is True for f in flags):
        return True
    if all(f is None for f in flags):
        return None
    return False


# ---------------------------------------------------------------- construct scores

def construct_scores(data):
    """{(person, cohort, instrument, construct, wave): score} for every score that exists."""
    coded = defaultdict(list)
    for (person, cohort, instrument, wave, item_id), value in data.answers.items():
        construct, low, high, reverse = data.items[(instrument, item_id)]
        coded[(person, cohort, instrument, construct, wave)].append(low + high - value if reverse else value)
    scores = {}
    for key, values in coded.items():
        k = data.item_count[(key[2], key[3])]
        if len(values) >= (k if key[2] in data.all_items else math.ceil(k / 2)):
            scores[key] = Fraction(sum(values), len(values))
    return scores


# ---------------------------------------------------------------- statistics

def exact_sd(values):
    """The sample SD (n - 1) of Fractions: the exact variance turned into a float once."""
    mean = sum(values, Fraction(0)) / len(values)
    return math.sqrt(float(sum(((v - mean) ** 2 for v in values), Fraction(0)) / (len(values) - 1)))


def paired_figures(pre, post):
    """The contract's pre/post figures for pairs of Fraction scores; None = empty cell."""
    n = len(pre)
    f = dict.fromkeys(["mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t",
                       "df", "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"])
    f["n_pairs"] = n
    if n == 0:
        return f
    d = [b - a for a, b in zip(pre, post)]
    f["mean_pre"] = float(sum(pre, Fraction(0)) / n)
    f["mean_post"] = float(sum(post, Fraction(0)) / n)
    f["mean_change"] = float(sum(d, Fraction(0)) / n)
    f["pct_improved"] = sum(1 for x in d if x > 0) / n
    if any(x != 0 for x in d):
        common = math.lcm(*(x.denominator for x in d))
        integers = np.array([int(x * common) for x in d], dtype=np.int64)
        f["wilcoxon_p"] = float(scipy.stats.wilcoxon(integers, zero_method="wilcox", correction=False,
                                                     method="approx").pvalue)
    if n >= 2:
        sd = exact_sd(d)
        margin = float(scipy.stats.t.ppf(0.975, n - 1)) * (sd / math.sqrt(n))
        f["sd_change"] = sd
        f["ci_low"] = f["mean_change"] - margin
        f["ci_high"] = f["mean_change"] + margin
        f["df"] = n - 1
        sd_pre = exact_sd(pre)
        sd_post = exact_sd(post)
        if sd_pre + sd_post > 0:
            j = 1 - 3 / (4 * (n - 1) - 1)
            f["hedges_gav"] = f["mean_change"] / ((sd_pre + sd_post) / 2) * j + 0.0
        if sd > 0:
            t = f["mean_change"] / (sd / math.sqrt(n))
            f["t"] = t
            f["p_value"] = float(2 * scipy.stats.t.sf(abs(t), n - 1))
            f["cohens_dz"] = f["mean_change"] / sd
    return f


def holm(p):
    """Holm's step-down adjusted p-values (Holm 1979), in the order given."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adjusted = np.empty(m)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[index]))
        adjusted[index] = running
    return adjusted


def adjusted_p_values(p_values):
    """(holm, bh) for a family, None entries passing through and not counted."""
    present = [i for i, p in enumerate(p_values) if p is not None]
    holm_out = [None] * len(p_values)
    bh_out = [None] * len(p_values)
    if present:
        values = [p_values[i] for i in present]
        for i, a, b in zip(present, holm(values), scipy.stats.false_discovery_control(values, method="bh")):
            holm_out[i] = float(a)
            bh_out[i] = float(b)
    return holm_out, bh_out


def cronbach_alpha(matrix):
    """alpha of an n x k matrix of complete coded answers; None when n < 2, k < 2 or var(total) = 0."""
    matrix = np.asarray(matrix, dtype=float)
    n, k = matrix.shape
    if n < 2 or k < 2:
        return None
    total_variance = float(np.var(matrix.sum(axis=1), ddof=1))
    if total_variance == 0:
        return None
    item_variances = float(np.sum(np.var(matrix, axis=0, ddof=1)))
    return k / (k - 1) * (1 - item_variances / total_variance)


# ---------------------------------------------------------------- tables

PREPOST_FIGURES = ["n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t",
                   "df", "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"]
PREPOST_COLUMNS = (["programme_id", "year", "level", "cohort_id", "instrument_id", "construct", "group_dim",
                    "group_value"] + PREPOST_FIGURES + ["p_holm", "p_bh"])
LEVEL_ORDER = {"programme_year": 0, "cohort": 1, "subgroup": 2}


def in_scope(data, cohort, args):
    programme, year = data.cohorts[cohort]
    return (args.programme is None or args.programme == programme) and (args.year is None or args.year == year)


def units(data, scores, args):
    """{(programme, year, instrument, construct): [(person, cohort, pre or None, post or None)]}
    for every participant (in scope) with a pre or a post score, sorted by (person, cohort)."""
    found = defaultdict(dict)
    for (person, cohort, instrument, construct, wave), score in scores.items():
        if wave == "follow_up" or not in_scope(data, cohort, args) or not data.is_participant(person, cohort):
            continue
        programme, year = data.cohorts[cohort]
        entry = found[(programme, year, instrument, construct)].setdefault((person, cohort), [None, None])
        entry[0 if wave == "pre" else 1] = score
    return {key: [(p, c, v[0], v[1]) for (p, c), v in sorted(members.items())] for key, members in found.items()}


def figures_of(members):
    pairs = [(pre, post) for _, _, pre, post in members if pre is not None and post is not None]
    return paired_figures([a for a, _ in pairs], [b for _, b in pairs])


def prepost_table(data, scores, args):
    rows = []
    for (programme, year, instrument, construct), members in units(data, scores, args).items():
        base = {"programme_id": programme, "year": year, "instrument_id": instrument, "construct": construct,
                "cohort_id": None, "group_dim": None, "group_value": None}
        rows.append(dict(base, level="programme_year", **figures_of(members)))
        by_cohort = defaultdict(list)
        for member in members:
            by_cohort[member[1]].append(member)
        for cohort, group in by_cohort.items():
            rows.append(dict(base, level="cohort", cohort_id=cohort, **figures_of(group)))
        family = []
        for dimension in DIMENSIONS:
            by_group = defaultdict(list)
            for member in members:
                by_group[data.group_value(member[0], dimension)].append(member)
            for value, group in by_group.items():
                family.append(dict(base, level="subgroup", group_dim=dimension, group_value=value, **figures_of(group)))
        holm_values, bh_values = adjusted_p_values([row["p_value"] for row in family])
        for row, a, b in zip(family, holm_values, bh_values):
            row["p_holm"], row["p_bh"] = a, b
        rows.extend(family)
    rows.sort(key=lambda r: (r["programme_id"], r["year"], LEVEL_ORDER[r["level"]], r["cohort_id"] or "",
                             r["instrument_id"], r["construct"],
                             DIMENSIONS.index(r["group_dim"]) if r["group_dim"] else -1,
                             group_rank(r["group_dim"], r["group_value"]) if r["group_dim"] else (0, "")))
    return PREPOST_COLUMNS, rows


def alpha_table(data, args):
    """Per instrument, construct and wave: participants (person-cohorts, consent, in scope) with
    at least one answer to the construct; alpha over those who answered every item."""
    answered = defaultdict(dict)
    for (person, cohort, instrument, wave, item_id), value in data.answers.items():
        if not in_scope(data, cohort, args) or not data.is_participant(person, cohort):
            continue
        construct, low, high, reverse = data.items[(instrument, item_id)]
        answered[(instrument, construct, wave)].setdefault((person, cohort), {})[item_id] = (
            low + high - value if reverse else value)
    rows = []
    for (instrument, construct, wave), respondents in answered.items():
        item_ids = sorted(i for (ins, i), spec in data.items.items() if ins == instrument and spec[0] == construct)
        complete = [[answers[i] for i in item_ids] for _, answers in sorted(respondents.items())
                    if len(answers) == len(item_ids)]
        alpha = cronbach_alpha(complete) if complete else None
        rows.append({"instrument_id": instrument, "construct": construct, "wave": wave, "n": len(complete),
                     "k_items": len(item_ids), "alpha": alpha})
    rows.sort(key=lambda r: (r["instrument_id"], r["construct"], WAVES.index(r["wave"])))
    return ["instrument_id", "construct", "wave", "n", "k_items", "alpha"], rows


def band_labels(cuts):
    """`<3`, `3-8`, `>=8` for the cut points 3 and 8: [0, 3), [3, 8) and [8, inf) hours."""
    labels = ["<" + number(cuts[0])]
    labels += [number(low) + "-" + number(high) for low, high in zip(cuts, cuts[1:])]
    labels.append(">=" + number(cuts[-1]))
    return labels


def number(x):
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def dosage_table(data, scores, args, cuts):
    labels = band_labels(cuts)
    figures = ["n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "cohens_dz"]
    rows = []
    for (programme, year, instrument, construct), members in units(data, scores, args).items():
        by_band = defaultdict(list)
        for member in members:
            hours = data.enrolments[(member[0], member[1])][1]
            if hours is None:
                band = len(labels)
            else:
                band = sum(1 for c in cuts if hours >= c)
            by_band[band].append(member)
        for band, group in by_band.items():
            f = figures_of(group)
            known = band < len(labels)
            rows.append(dict({"programme_id": programme, "year": year, "instrument_id": instrument,
                              "construct": construct, "band_order": band,
                              "hours_band": labels[band] if known else "unknown",
                              "hours_from": ([0.0] + cuts)[band] if known else None,
                              "hours_below": cuts[band] if band < len(cuts) else None},
                             **{name: f[name] for name in figures}))
    rows.sort(key=lambda r: (r["programme_id"], r["year"], r["instrument_id"], r["construct"], r["band_order"]))
    return ["programme_id", "year", "instrument_id", "construct", "hours_band", "hours_from", "hours_below"] + figures, rows


def write_csv(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else (repr(row[c]) if isinstance(row[c], float) else row[c])
                             for c in columns])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--programme")
    parser.add_argument("--year", type=int)
    parser.add_argument("--cuts", default="3,8", help="contact-hour cut points, increasing (default 3,8)")
    args = parser.parse_args()
    cuts = [float(c) for c in args.cuts.split(",") if c.strip()]
    data = Data(args.data_dir)
    scores = construct_scores(data)
    os.makedirs(args.out_dir, exist_ok=True)
    write_csv(os.path.join(args.out_dir, "prepost.csv"), *prepost_table(data, scores, args))
    write_csv(os.path.join(args.out_dir, "alpha.csv"), *alpha_table(data, args))
    write_csv(os.path.join(args.out_dir, "dosage_prepost.csv"), *dosage_table(data, scores, args, cuts))
    print(f"wrote prepost.csv, alpha.csv, dosage_prepost.csv to {args.out_dir} "
          f"(NumPy {np.__version__}, SciPy {scipy.__version__})", file=sys.stderr)


if __name__ == "__main__":
    main()
