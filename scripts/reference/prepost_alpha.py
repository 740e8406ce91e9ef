#!/usr/bin/env python3
"""Independent reference for prepost.csv, alpha.csv, alpha_items.csv, dosage_prepost.csv and sustained.csv.

    scripts/reference/prepost_alpha.py DATA_DIR OUT_DIR [--programme ID] [--year Y] [--cuts 3,8]
        [--matrices DIR]

Reads the data contract's CSV files from DATA_DIR (not the engine's database) and writes the
five tables into OUT_DIR, computed from the contract's text (DATA-CONTRACT.md, "Metric
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
  alpha_ci_low/high  Feldt: 1 - (1 - alpha) * scipy.stats.f.ppf(0.975 / 0.025, n - 1, (n - 1)(k - 1))
  item_mean, item_sd numpy.mean, numpy.std(ddof=1) of the item over the complete respondents
  r_drop          numpy.corrcoef(item, sum of the other items)[0, 1]
  alpha_if_deleted   alpha of the matrix without the item's column
--matrices DIR also writes each complete matrix alpha uses (INSTRUMENT__CONSTRUCT__WAVE.csv,
one column per item_id, one row per respondent), for scripts/reference/psych_alpha.R.
"""

import argparse
import csv
import math
import os
from fractions import Fraction
import sys
from collections import defaultdict

import mpmath
import numpy as np
import scipy
import scipy.optimize
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
                       "df", "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"] + INTERVAL_FIGURES)
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
        non_zero = [abs(int(x)) for x in integers if x != 0]
        if len(non_zero) <= 50 and len(set(non_zero)) == len(non_zero):
            f["wilcoxon_p_exact"] = float(scipy.stats.wilcoxon([int(x) for x in integers if x != 0],
                                                               method="exact").pvalue)
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
            f["cohens_dz_ci_low"], f["cohens_dz_ci_high"] = dz_interval(t, n)
        if n >= 3 and sd_pre + sd_post > 0:
            f["hedges_gav_ci_low"], f["hedges_gav_ci_high"] = gav_interval(f["mean_change"], sd_pre, sd_post, sd, n)
    return f


def nct_cdf(t, df, delta):
    """P(T <= t) for the noncentral t: scipy.stats.nct, or where SciPy gives NaN the definition
    P = E[Phi(t * sqrt(V / df) - delta)], V ~ chi-square(df), integrated by mpmath at 30 digits."""
    value = float(scipy.stats.nct.cdf(t, df, delta))
    if not math.isnan(value):
        return value
    mpmath.mp.dps = 30
    k = mpmath.mpf(df) / 2
    density = lambda v: mpmath.exp((k - 1) * mpmath.log(v) - v / 2 - k * mpmath.log(2) - mpmath.loggamma(k))
    integrand = lambda v: mpmath.ncdf(t * mpmath.sqrt(v / df) - delta) * density(v)
    return float(mpmath.quad(integrand, [0, df, df + 20 * mpmath.sqrt(2 * df), mpmath.inf]))


def dz_interval(t, n):
    """95% interval of d_z: the noncentralities whose t distribution (n - 1 df) puts t at its
    97.5% and 2.5% points (scipy.stats.nct), divided by sqrt(n) (Steiger & Fouladi 1997)."""
    df = n - 1
    spread = math.sqrt(1 + t * t / (2 * df))

    def limit(target):
        # P(T <= t | delta) falls as delta grows: bracket the root around t, then brentq.
        low, high = t - 10 * spread, t + 10 * spread
        while nct_cdf(t, df, low) < target:
            low -= 10 * spread
        while nct_cdf(t, df, high) > target:
            high += 10 * spread
        return scipy.optimize.brentq(lambda d: nct_cdf(t, df, d) - target, low, high, xtol=1e-14, rtol=1e-14)
    return limit(0.975) / math.sqrt(n), limit(0.025) / math.sqrt(n)


def gav_interval(mean_change, s1, s2, sd, n):
    """95% interval of g_av: J * (d_av -/+ z * SE), SE^2 = d_av^2 (s1^2 + s2^2 + 2 r^2 s1 s2) /
    (8 (n - 1) s^2) + sd^2 / ((n - 1) s^2), s = (s1 + s2) / 2, r the pre-post correlation from
    sd^2 = s1^2 + s2^2 - 2 r s1 s2 (Bonett 2008, with the contract's standardiser)."""
    s = (s1 + s2) / 2
    d = mean_change / s
    r2s1s2 = 0.0
    if s1 * s2 > 0:
        r = (s1 * s1 + s2 * s2 - sd * sd) / (2 * s1 * s2)
        r2s1s2 = min(r * r, 1.0) * s1 * s2
    se = math.sqrt(d * d * (s1 * s1 + s2 * s2 + 2 * r2s1s2) / (8 * (n - 1) * s * s) + sd * sd / ((n - 1) * s * s))
    z = float(scipy.stats.norm.ppf(0.975))
    j = 1 - 3 / (4 * (n - 1) - 1)
    return j * (d - z * se), j * (d + z * se)


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

INTERVAL_FIGURES = ["wilcoxon_p_exact", "cohens_dz_ci_low", "cohens_dz_ci_high", "hedges_gav_ci_low", "hedges_gav_ci_high"]
PREPOST_FIGURES = ["n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t",
                   "df", "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"]
PREPOST_COLUMNS = (["programme_id", "year", "level", "cohort_id", "instrument_id", "construct", "group_dim",
                    "group_value"] + PREPOST_FIGURES + ["p_holm", "p_bh"] + INTERVAL_FIGURES)
LEVEL_ORDER = {"programme_year": 0, "cohort": 1, "subgroup": 2}


def in_scope(data, cohort, args):
    programme, year = data.cohorts[cohort]
    return (args.programme is None or args.programme == programme) and (args.year is None or args.year == year)


def units(data, scores, args, waves=("pre", "post")):
    """{(programme, year, instrument, construct): [(person, cohort, first or None, second or None)]}
    for every participant (in scope) with a score in either of the two waves, sorted by
    (person, cohort)."""
    found = defaultdict(dict)
    for (person, cohort, instrument, construct, wave), score in scores.items():
        if wave not in waves or not in_scope(data, cohort, args) or not data.is_participant(person, cohort):
            continue
        programme, year = data.cohorts[cohort]
        entry = found[(programme, year, instrument, construct)].setdefault((person, cohort), [None, None])
        entry[waves.index(wave)] = score
    return {key: [(p, c, v[0], v[1]) for (p, c), v in sorted(members.items())] for key, members in found.items()}


def figures_of(members):
    pairs = [(pre, post) for _, _, pre, post in members if pre is not None and post is not None]
    return paired_figures([a for a, _ in pairs], [b for _, b in pairs])


def prepost_table(data, scores, args):
    rows = change_rows(data, scores, args, ("pre", "post"))
    rows.sort(key=lambda r: (r["programme_id"], r["year"], LEVEL_ORDER[r["level"]], r["cohort_id"] or "",
                             r["instrument_id"], r["construct"],
                             DIMENSIONS.index(r["group_dim"]) if r["group_dim"] else -1,
                             group_rank(r["group_dim"], r["group_value"]) if r["group_dim"] else (0, "")))
    return PREPOST_COLUMNS, rows


SUSTAINED_WAVES = [("pre", "follow_up"), ("post", "follow_up")]
SUSTAINED_COLUMNS = (PREPOST_COLUMNS[:8] + ["waves"]
                     + ["mean_from" if c == "mean_pre" else "mean_to" if c == "mean_post" else c for c in PREPOST_COLUMNS[8:]])


def sustained_table(data, scores, args):
    """sustained.csv: prepost.csv's rows for pre -> follow_up and post -> follow_up, for the
    programme-year and construct units where someone has a follow-up score."""
    rows = []
    for waves in SUSTAINED_WAVES:
        for row in change_rows(data, scores, args, waves, needs_later=True):
            row["waves"] = "_".join(waves)
            row["mean_from"] = row.pop("mean_pre")
            row["mean_to"] = row.pop("mean_post")
            rows.append(row)
    rows.sort(key=lambda r: (r["programme_id"], r["year"], [w for w, _ in SUSTAINED_WAVES].index(r["waves"].split("_")[0]),
                             LEVEL_ORDER[r["level"]], r["cohort_id"] or "", r["instrument_id"], r["construct"],
                             DIMENSIONS.index(r["group_dim"]) if r["group_dim"] else -1,
                             group_rank(r["group_dim"], r["group_value"]) if r["group_dim"] else (0, "")))
    return SUSTAINED_COLUMNS, rows


def change_rows(data, scores, args, waves, needs_later=False):
    """The rows of paired change from waves[0] to waves[1] (unsorted); with needs_later, only
    units where at least one member has a waves[1] score."""
    rows = []
    for (programme, year, instrument, construct), members in units(data, scores, args, waves).items():
        if needs_later and all(second is None for _, _, _, second in members):
            continue
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
    return rows


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


# ---------------------------------------------------------------- reliability beyond one alpha

ALPHA_COLUMNS = ["instrument_id", "construct", "wave", "n", "k_items", "alpha", "alpha_ci_low", "alpha_ci_high"]
ALPHA_ITEMS_COLUMNS = ["instrument_id", "construct", "wave", "item_id", "reverse_coded", "n", "k_items",
                       "item_mean", "item_sd", "r_drop", "alpha_if_deleted"]


def complete_matrices(data, args):
    """{(instrument, construct, wave): (item_ids, n x k list of coded answers)} for every
    instrument, construct and wave with an answer from a participant in scope; rows are the
    participants (person-cohorts, sorted) who answered every item, columns the item_ids sorted."""
    answered = defaultdict(dict)
    for (person, cohort, instrument, wave, item_id), value in data.answers.items():
        if not in_scope(data, cohort, args) or not data.is_participant(person, cohort):
            continue
        construct, low, high, reverse = data.items[(instrument, item_id)]
        answered[(instrument, construct, wave)].setdefault((person, cohort), {})[item_id] = (
            low + high - value if reverse else value)
    matrices = {}
    for (instrument, construct, wave), respondents in answered.items():
        item_ids = sorted(i for (ins, i), spec in data.items.items() if ins == instrument and spec[0] == construct)
        matrices[(instrument, construct, wave)] = (item_ids, [
            [answers[i] for i in item_ids] for _, answers in sorted(respondents.items()) if len(answers) == len(item_ids)])
    return matrices


def feldt_interval(alpha, n, k):
    """Feldt's (1965) 95% interval for alpha: (low, high), or (None, None) without alpha."""
    if alpha is None or n < 2 or k < 2:
        return None, None
    d1, d2 = n - 1, (n - 1) * (k - 1)
    return (1 - (1 - alpha) * float(scipy.stats.f.ppf(0.975, d1, d2)),
            1 - (1 - alpha) * float(scipy.stats.f.ppf(0.025, d1, d2)))


def alpha_with_intervals(data, args):
    """alpha.csv: alpha_table's rows with Feldt's interval after alpha."""
    _, rows = alpha_table(data, args)
    for row in rows:
        row["alpha_ci_low"], row["alpha_ci_high"] = feldt_interval(row["alpha"], row["n"], row["k_items"])
    return ALPHA_COLUMNS, rows


def item_figures(matrix, k):
    """[(mean, sd, r_drop, alpha_if_deleted)] of each of the k columns of an n x k matrix."""
    matrix = np.asarray(matrix, dtype=float).reshape(-1, k)
    n = matrix.shape[0]
    figures = []
    for i in range(k):
        item = matrix[:, i]
        others = np.delete(matrix, i, axis=1)
        rest = others.sum(axis=1)
        mean = float(np.mean(item)) if n >= 1 else None
        sd = float(np.std(item, ddof=1)) if n >= 2 else None
        r_drop = None
        if n >= 2 and k >= 2 and np.std(item) > 0 and np.std(rest) > 0:
            r_drop = float(np.corrcoef(item, rest)[0, 1])
        figures.append((mean, sd, r_drop, cronbach_alpha(others) if n >= 1 else None))
    return figures


def alpha_items_table(data, args):
    """alpha_items.csv: each item of every alpha.csv row, over the same complete respondents."""
    matrices = complete_matrices(data, args)
    rows = []
    for (instrument, construct, wave), (item_ids, matrix) in matrices.items():
        for item_id, (mean, sd, r_drop, alpha) in zip(item_ids, item_figures(matrix, len(item_ids))):
            rows.append({"instrument_id": instrument, "construct": construct, "wave": wave, "item_id": item_id,
                         "reverse_coded": "yes" if data.items[(instrument, item_id)][3] else "no",
                         "n": len(matrix), "k_items": len(item_ids), "item_mean": mean, "item_sd": sd,
                         "r_drop": r_drop, "alpha_if_deleted": alpha})
    rows.sort(key=lambda r: (r["instrument_id"], r["construct"], WAVES.index(r["wave"]), r["item_id"]))
    return ALPHA_ITEMS_COLUMNS, rows


def write_matrices(folder, data, args):
    """Each complete matrix as INSTRUMENT__CONSTRUCT__WAVE.csv (a header of item_ids)."""
    os.makedirs(folder, exist_ok=True)
    for (instrument, construct, wave), (item_ids, matrix) in sorted(complete_matrices(data, args).items()):
        with open(os.path.join(folder, f"{instrument}__{construct}__{wave}.csv"), "w", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(item_ids)
            writer.writerows(matrix)


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
    parser.add_argument("--matrices", help="also write alpha's complete matrices here, for psych_alpha.R")
    args = parser.parse_args()
    cuts = [float(c) for c in args.cuts.split(",") if c.strip()]
    data = Data(args.data_dir)
    scores = construct_scores(data)
    os.makedirs(args.out_dir, exist_ok=True)
    write_csv(os.path.join(args.out_dir, "prepost.csv"), *prepost_table(data, scores, args))
    write_csv(os.path.join(args.out_dir, "alpha.csv"), *alpha_with_intervals(data, args))
    write_csv(os.path.join(args.out_dir, "alpha_items.csv"), *alpha_items_table(data, args))
    write_csv(os.path.join(args.out_dir, "dosage_prepost.csv"), *dosage_table(data, scores, args, cuts))
    write_csv(os.path.join(args.out_dir, "sustained.csv"), *sustained_table(data, scores, args))
    if args.matrices:
        write_matrices(args.matrices, data, args)
    print(f"wrote prepost.csv, alpha.csv, alpha_items.csv, dosage_prepost.csv, sustained.csv to {args.out_dir} "
          f"(NumPy {np.__version__}, SciPy {scipy.__version__})", file=sys.stderr)


if __name__ == "__main__":
    main()
