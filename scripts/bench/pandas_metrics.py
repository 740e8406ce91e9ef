#!/usr/bin/env python3
"""The benchmark anchor for `impact report`: the data contract's five tables (reach.csv,
funnel.csv, prepost.csv, alpha.csv, outcomes.csv) computed straight from the contract's CSV
files with pandas, NumPy and SciPy, the way a competent analyst would write it: vectorised
(groupby/agg, merges, NumPy arrays; the 2.5M answers' ids read as categoricals), no Python loop
over rows or groups.

    python3 scripts/bench/pandas_metrics.py DATA_DIR OUT_DIR

scripts/bench-report.sh runs it this way against `impact report` on the same data (the
100k-participant set). Needs pandas and SciPy (`pip install pandas scipy`); checked with
Python 3.11, pandas 3.1.1, NumPy 2.4.6 and SciPy 1.17.1.

It computes the figures of DATA-CONTRACT.md ("Metric definitions") with the readings the
engine documents in docs/metrics.md, and writes the contract's columns only (no p_holm/p_bh,
no extension tables), rows in the engine's order:
  - people with consent_research = no are left out everywhere (no such column: all consent);
    a participant is an enrolment with status started, withdrawn or completed;
  - reach: distinct participants per programme-year and per cohort; working_class is
    parental_occupation == working_class, another stated value no, empty unknown;
  - funnel: enrolments counted on both levels ("applied (all enrolments)");
  - construct scores: reverse items coded min + max - value, the mean of the answered items
    when at least ceil(k/2) of the k items are answered; when a response key repeats, the later
    responded_on wins (an unknown date counts as earliest; on a tie the row read later);
  - prepost: participants' person-cohort pairs of a pre and a post score (a group with a pre or
    post score but no pair gets a row with n_pairs = 0); the t quantile and the t and normal
    tails come from SciPy (scipy.special.stdtrit, stdtr, ndtr: the functions scipy.stats.t and
    scipy.stats.norm call, without scipy.stats' import time); the Wilcoxon signed-rank p is
    written out vectorised from a table of tied |d| per group: zeros dropped, average ranks,
    tie correction, normal approximation, no continuity correction, as
    scipy.stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx");
  - alpha: Cronbach's alpha per instrument, construct and wave over the participants who
    answered every item of the construct, on the reverse-coded values;
  - outcomes: Wilson interval (z = 1.959964, clamped to [0, 1]), the fsm_england benchmark of
    the same year or else the latest earlier one (pandas.merge_asof), one-sample z-test; each
    cohort with participants and each subgroup gets a row for every outcome its programme-year
    has.
It expects files the importer accepts whole (it does not redo the import's row checks).
Its tables have the engine's rows and order, and figures equal to about 1e-12 relative (pandas
sums and variances, not NumPy's pairwise ones), except that SciPy's tails give 0 for p-values
below about 1e-308 where the engine gives a subnormal number, and that the noise figures of a
group whose changes are all equal but inexact in binary (docs/metrics.md, section 5) can differ.
"""
import os
import sys

import numpy as np
import pandas as pd
from scipy import special

Z = 1.959964
SIX = ["fsm", "first_generation", "polar4_q12", "imd_q12", "working_class", "care_experienced"]
INDICATORS = SIX + ["low_ses", "multiple_disadvantage"]
DIMS = ["fsm", "first_generation", "gender", "ethnicity", "low_ses"]
PARTICIPANT = ["started", "withdrawn", "completed"]
OFFERED = ["offered", "declined"] + PARTICIPANT
BOOL = {"yes": 1.0, "y": 1.0, "true": 1.0, "1": 1.0, "no": 0.0, "n": 0.0, "false": 0.0, "0": 0.0}
# Group values in the contract's order per dimension; others after them, unknown last.
GROUP_ORDER = {"yes": 0, "no": 1, "female": 0, "male": 1, "non_binary": 2, "other": 3, "prefer_not_to_say": 4}
ETHNICITY_ORDER = {"asian": 0, "black": 1, "mixed": 2, "white": 3, "other": 4, "prefer_not_to_say": 5}
PY = ["programme_id", "year"]
PREPOST = ["n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t", "df",
           "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"]


def read(data, name, columns, dtype=str):
    """The columns of one contract file that are present (header names trimmed, any case); an
    empty cell is NaN, every other cell text unless `dtype` (a type or {column: type}) says otherwise."""
    path = os.path.join(data, name + ".csv")
    header = [c.strip().lower() for c in pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns]
    use = [c for c in columns if c in header]
    if isinstance(dtype, dict):
        dtype = {c: t for c, t in dtype.items() if c in use}
    return pd.read_csv(path, header=0, names=header, usecols=use, dtype=dtype, encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])


def flag(series):
    """A contract boolean as 1.0 / 0.0, NaN when unknown."""
    return series.str.strip().str.lower().map(BOOL).astype(float)


def level_columns(frame, level, cohort=False, group=False):
    """`level`, the key columns that level leaves empty, and categorical keys as text."""
    frame = frame.assign(level=level)
    for c in frame.select_dtypes("category"):
        frame[c] = frame[c].astype(str)
    if not cohort:
        frame["cohort_id"] = ""
    if not group:
        frame["group_dim"] = ""
        frame["group_value"] = ""
    return frame


def in_engine_order(frame, within):
    """Per programme-year: its programme_year rows, its cohorts', its subgroups' (by `within`,
    then dimension, then group in the contract's order); otherwise the order given (stable)."""
    value = frame.group_value
    rank = value.map(GROUP_ORDER).where(frame.group_dim != "ethnicity", value.map(ETHNICITY_ORDER))
    rank = rank.fillna(50).mask(value == "unknown", 99)
    keys = frame.assign(_level=frame.level.map({"programme_year": 0, "cohort": 1, "subgroup": 2}),
                        _dim=frame.group_dim.map({d: i for i, d in enumerate(DIMS)}), _rank=rank)
    by = PY + ["_level", "cohort_id"] + within + ["_dim", "_rank", "group_value"]
    return frame.loc[keys.sort_values(by, kind="stable").index].reset_index(drop=True)


def main(data, out):
    os.makedirs(out, exist_ok=True)

    # People: the consenting ones, with the eight reach indicators and the five subgroups.
    people = read(data, "participants", ["participant_id", "gender", "ethnicity", "fsm", "first_generation",
                                         "parental_occupation", "polar4_quintile", "imd_quintile",
                                         "care_experienced", "consent_research"])
    if "consent_research" in people:
        people = people[flag(people.consent_research).fillna(1.0) == 1.0]
    for col in ["fsm", "first_generation", "care_experienced"]:
        people[col] = flag(people[col]) if col in people else np.nan
    for col, q in [("polar4_q12", "polar4_quintile"), ("imd_q12", "imd_quintile")]:
        quintile = pd.to_numeric(people[q]) if q in people else pd.Series(np.nan, people.index)
        people[col] = (quintile <= 2).astype(float).where(quintile.notna())
    occupation = people.parental_occupation.str.strip() if "parental_occupation" in people else \
        pd.Series(np.nan, people.index, dtype=object)
    people["working_class"] = (occupation == "working_class").astype(float).where(occupation.notna())
    six_yes = (people[SIX] == 1).sum(axis=1)
    people["low_ses"] = np.where(six_yes > 0, 1.0, np.where(people[SIX].isna().all(axis=1), np.nan, 0.0))
    people["multiple_disadvantage"] = (six_yes >= 2).astype(float)
    groups = people[["participant_id"]].copy()
    for dim in DIMS:
        if dim in ("fsm", "first_generation", "low_ses"):
            groups[dim] = people[dim].map({1.0: "yes", 0.0: "no"}).fillna("unknown")
        else:
            groups[dim] = people[dim].str.strip().fillna("unknown") if dim in people else "unknown"

    # Enrolments of consenting people with programme and year; participants are the active ones.
    cohorts = read(data, "cohorts", ["cohort_id", "programme_id", "year"], dtype={"cohort_id": str, "programme_id": str, "year": int})
    enrol = read(data, "enrolments", ["participant_id", "cohort_id", "status"]).merge(cohorts, on="cohort_id")
    enrol = enrol[enrol.participant_id.isin(people.participant_id)]
    status = enrol.status.str.strip().str.lower()
    enrol = enrol.assign(offered=status.isin(OFFERED), started=status.isin(PARTICIPANT), completed=status == "completed")
    active = enrol.loc[enrol.started, ["participant_id", "cohort_id", "programme_id", "year"]]
    active_py = active.drop_duplicates(PY + ["participant_id"])  # a person once per programme-year

    # Funnel: enrolments on both levels.
    parts = []
    for keys, level in ((PY, "programme_year"), (PY + ["cohort_id"], "cohort")):
        f = enrol.groupby(keys).agg(applied=("status", "size"), offered=("offered", "sum"),
                                    started=("started", "sum"), completed=("completed", "sum")).reset_index()
        parts.append(level_columns(f, level, cohort=level == "cohort"))
    funnel = pd.concat(parts, ignore_index=True)
    funnel["completion_rate"] = (funnel.completed / funnel.started).where(funnel.started > 0)
    funnel = in_engine_order(funnel, [])
    funnel[PY + ["level", "cohort_id", "applied", "offered", "started", "completed", "completion_rate"]].to_csv(
        os.path.join(out, "funnel.csv"), index=False)

    # Reach: distinct participants per programme-year and per cohort.
    flags = people[["participant_id"] + INDICATORS]
    parts = []
    for frame, keys, level in ((active_py, PY, "programme_year"), (active, PY + ["cohort_id"], "cohort")):
        g = frame.merge(flags, on="participant_id").groupby(keys)
        r = pd.DataFrame({"n_known": g[INDICATORS].count().stack(), "n_yes": g[INDICATORS].sum().stack().astype(int)})
        r.index.names = keys + ["indicator"]
        r = r.join(g.size().rename("participants")).reset_index()
        parts.append(level_columns(r, level, cohort=level == "cohort"))
    reach = pd.concat(parts, ignore_index=True)
    reach["pct_yes"] = (reach.n_yes / reach.n_known).where(reach.n_known > 0)
    reach["pct_unknown"] = (reach.participants - reach.n_known) / reach.participants
    reach = in_engine_order(reach, [])  # indicators stay in the contract's order
    reach[PY + ["level", "cohort_id", "indicator", "participants", "n_known", "n_yes", "pct_yes", "pct_unknown"]].to_csv(
        os.path.join(out, "reach.csv"), index=False)

    # Construct scores from the long answers (2.5M rows; ids read as categoricals).
    items = read(data, "survey_items", ["instrument_id", "item_id", "construct", "scale_min", "scale_max", "reverse_coded"],
                 dtype={"instrument_id": str, "item_id": str, "construct": str, "scale_min": int, "scale_max": int,
                        "reverse_coded": str})
    items["reverse"] = flag(items.reverse_coded).fillna(0.0) if "reverse_coded" in items else 0.0
    k_items = items.groupby(["instrument_id", "construct"]).size()
    ids = ["participant_id", "cohort_id", "instrument_id", "wave", "item_id"]
    resp = read(data, "responses", ids + ["value"], dtype={**{c: "category" for c in ids}, "value": "int64"})
    # Item attributes by position in survey_items: a lookup on the categories, not a 2.5M-row merge.
    pos = pd.MultiIndex.from_frame(items[["instrument_id", "item_id"]]).get_indexer(
        pd.MultiIndex.from_arrays([resp.instrument_id, resp.item_id]))
    if (pos < 0).any():  # an item the instrument lacks: a row the importer rejects
        resp, pos = resp[pos >= 0], pos[pos >= 0]
    construct = pd.Categorical(items.construct)
    resp["construct"] = pd.Categorical.from_codes(construct.codes[pos], construct.categories)
    value = resp.value.to_numpy()
    resp["coded"] = np.where(items.reverse.to_numpy()[pos] == 1, (items.scale_min + items.scale_max).to_numpy()[pos] - value, value)

    def person_construct_wave(resp):
        g = resp.groupby(["participant_id", "cohort_id", "instrument_id", "construct", "wave"], observed=True, sort=False)
        return g, g.ngroup().to_numpy()  # group numbers in the order of the aggregate's rows

    g, group = person_construct_wave(resp)
    key = group * len(resp.item_id.cat.categories) + resp.item_id.cat.codes.to_numpy()  # the response's natural key
    if np.bincount(key).max() > 1:  # a key repeats: the later responded_on wins (unknown = earliest), then the later row
        dated = read(data, "responses", ["value", "responded_on"])
        date = dated.responded_on.str.strip() if "responded_on" in dated else pd.Series("", index=dated.index)
        uk = date.str.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", na=False)
        date[uk] = pd.to_datetime(date[uk], format="%d/%m/%Y").dt.strftime("%Y-%m-%d")
        latest = pd.DataFrame({"key": key, "date": date.loc[resp.index].fillna("").to_numpy()}).sort_values("date", kind="stable")
        resp = resp.iloc[np.sort(latest.drop_duplicates("key", keep="last").index)]
        g, group = person_construct_wave(resp)
    scores = g.coded.agg(["sum", "count"]).reset_index()
    scores["k"] = k_items.reindex(pd.MultiIndex.from_arrays([scores.instrument_id, scores.construct])).to_numpy()
    # Participants only: the person-cohorts of active enrolments, keys in the responses' categories.
    members = active.merge(groups, on="participant_id").astype({
        "participant_id": resp.participant_id.dtype, "cohort_id": resp.cohort_id.dtype,
        "programme_id": "category", **{d: "category" for d in DIMS}})
    members = members.dropna(subset=["participant_id", "cohort_id"])  # nobody answered there
    scores = scores.merge(members[["participant_id", "cohort_id"]], how="left", indicator="participant")  # keeps row order
    scores["participant"] = scores.participant == "both"

    # Alpha: participants who answered all k items of the construct in the wave.
    at = ["instrument_id", "construct", "wave"]
    complete = scores.participant & (scores["count"] == scores.k)
    whole = resp[complete.to_numpy()[group]]
    alpha = scores[scores.participant].groupby(at, observed=True).k.first().rename("k_items").to_frame()
    alpha["n"] = scores[complete].groupby(at, observed=True).size()
    alpha["total_var"] = scores[complete].groupby(at, observed=True)["sum"].var()
    alpha["item_var"] = whole.groupby(at + ["item_id"], observed=True).coded.var().groupby(level=at, observed=True).sum()
    alpha = alpha.reset_index().astype({"instrument_id": str, "construct": str, "wave": str}).fillna({"n": 0}).astype({"n": int})
    kk = alpha.k_items
    alpha["alpha"] = (kk / (kk - 1) * (1 - alpha.item_var / alpha.total_var)).where((alpha.n >= 2) & (kk >= 2) & (alpha.total_var > 0))
    alpha = alpha.assign(_wave=alpha.wave.map({"pre": 0, "post": 1, "follow_up": 2})).sort_values(["instrument_id", "construct", "_wave"])
    alpha[at + ["n", "k_items", "alpha"]].to_csv(os.path.join(out, "alpha.csv"), index=False)

    # Pre/post: one row per participant, cohort, instrument and construct with a pre or a post score.
    kept = scores[scores.participant & (scores["count"] >= (scores.k + 1) // 2)]
    kept = kept.assign(score=kept["sum"] / kept["count"])
    unit = ["participant_id", "cohort_id", "instrument_id", "construct"]
    pairs = kept.loc[kept.wave == "pre", unit + ["score"]].merge(
        kept.loc[kept.wave == "post", unit + ["score"]], on=unit, how="outer", suffixes=("_pre", "_post"))
    pairs = pairs.merge(members, on=["participant_id", "cohort_id"])
    pairs["d"] = pairs.score_post - pairs.score_pre
    pairs["abs_d"] = pairs.d.abs()
    pairs["positive"] = pairs.d > 0
    both = pairs[pairs.d.notna()]
    nonzero = both[both.d != 0]

    def change(keys):
        """The pre/post figures for every group of `keys` at once."""
        r = both.groupby(keys, observed=True).agg(
            n_pairs=("d", "size"), mean_pre=("score_pre", "mean"), mean_post=("score_post", "mean"),
            mean_change=("d", "mean"), sd_change=("d", "std"), sd_pre=("score_pre", "std"),
            sd_post=("score_post", "std"), pct_improved=("positive", "mean"))
        # Wilcoxon signed-rank from the tied values of |d| per group, in increasing order: a tie of
        # t values after b smaller ones has the average rank b + (t + 1) / 2.
        tied = nonzero.groupby(keys + ["abs_d"], observed=True).positive.agg(["size", "sum"])
        levels = list(range(len(keys)))
        rank = tied["size"].groupby(level=levels).cumsum() - tied["size"] + (tied["size"] + 1) / 2
        w = pd.DataFrame({"r_plus": rank * tied["sum"], "m": tied["size"],
                          "ties": tied["size"] ** 3 - tied["size"]}).groupby(level=levels).sum()
        m = w.m
        z = (w.r_plus - m * (m + 1) * 0.25) / np.sqrt((m * (m + 1) * (2 * m + 1) - w.ties / 2) / 24)
        r["wilcoxon_p"] = 2 * special.ndtr(-z.abs())
        # Every group with a pre or post score, paired or not.
        r = r.reindex(pairs.groupby(keys, observed=True).size().index).fillna({"n_pairs": 0})
        n, sd, mean = r.n_pairs, r.sd_change, r.mean_change
        two = n >= 2
        r["df"] = (n - 1).where(two)
        half = special.stdtrit(r.df, 0.975) * sd / np.sqrt(n)
        r["ci_low"], r["ci_high"] = mean - half, mean + half
        spread = two & (sd > 0)
        r["t"] = (mean / (sd / np.sqrt(n))).where(spread)
        r["p_value"] = 2 * special.stdtr(r.df, -r.t.abs())
        r["cohens_dz"] = (mean / sd).where(spread)
        s = r.sd_pre + r.sd_post
        r["hedges_gav"] = (mean / (s / 2) * (1 - 3 / (4 * (n - 1) - 1)) + 0.0).where(two & (s > 0))  # + 0.0: no -0
        return r.reset_index().astype({"n_pairs": int, "df": "Int64"})

    base = PY + ["instrument_id", "construct"]
    parts = [level_columns(change(base), "programme_year"),
             level_columns(change(base + ["cohort_id"]), "cohort", cohort=True)]
    for dim in DIMS:
        r = change(base + [dim]).rename(columns={dim: "group_value"}).assign(group_dim=dim)
        parts.append(level_columns(r, "subgroup", group=True))
    prepost = in_engine_order(pd.concat(parts, ignore_index=True), ["instrument_id", "construct"])
    prepost[PY + ["level", "cohort_id", "instrument_id", "construct", "group_dim", "group_value"] + PREPOST].to_csv(
        os.path.join(out, "prepost.csv"), index=False)

    # Outcomes: per programme-year (a person once), per cohort and per subgroup.
    outcomes = read(data, "outcomes", ["participant_id", "outcome", "value"])
    outcomes["value"] = flag(outcomes.value)
    outcomes = outcomes.dropna(subset=["value"])
    bench = read(data, "benchmarks", ["outcome", "population", "year", "rate"],
                 dtype={"outcome": str, "population": str, "year": int, "rate": float})
    bench = bench.loc[bench.population == "fsm_england", ["outcome", "year", "rate"]].rename(columns={"rate": "benchmark_rate"})
    members_py = active_py.merge(groups, on="participant_id")
    seen = members_py.merge(outcomes, on="participant_id")
    py_outcomes = seen[PY + ["outcome"]].drop_duplicates()

    def counts(frame, keys):
        return frame.groupby(keys).value.agg(n_known="size", n_yes="sum").reset_index()

    parts = [level_columns(counts(seen, PY + ["outcome"]), "programme_year")]
    units = active[PY + ["cohort_id"]].drop_duplicates().merge(py_outcomes, on=PY)
    parts.append(level_columns(units.merge(counts(active.merge(outcomes, on="participant_id"), PY + ["cohort_id", "outcome"]), how="left"),
                               "cohort", cohort=True))
    for dim in DIMS:
        units = members_py[PY + [dim]].drop_duplicates().merge(py_outcomes, on=PY)
        r = units.merge(counts(seen, PY + [dim, "outcome"]), how="left").rename(columns={dim: "group_value"})
        parts.append(level_columns(r.assign(group_dim=dim), "subgroup", group=True))
    res = pd.concat(parts, ignore_index=True).fillna({"n_known": 0, "n_yes": 0}).astype({"n_known": int, "n_yes": int})
    res = pd.merge_asof(res.sort_values("year"), bench.sort_values("year"), on="year", by="outcome", direction="backward")
    n, yes = res.n_known.where(res.n_known > 0), res.n_yes
    rate = yes / n
    centre = (rate + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * np.sqrt(rate * (1 - rate) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    res["rate"] = rate
    res["ci_low"] = (centre - half).clip(0, 1).mask(n.notna() & (yes == 0), 0.0)
    res["ci_high"] = (centre + half).clip(0, 1).mask(n.notna() & (yes == res.n_known), 1.0)
    b = res.benchmark_rate
    res["diff_pp"] = (rate - b) * 100
    res["p_value"] = (2 * special.ndtr(-((rate - b) / np.sqrt(b * (1 - b) / n)).abs())).where((b > 0) & (b < 1))
    res = in_engine_order(res, ["outcome"])
    res[PY + ["level", "cohort_id", "outcome", "group_dim", "group_value", "n_known", "n_yes", "rate", "ci_low", "ci_high",
              "benchmark_rate", "diff_pp", "p_value"]].to_csv(os.path.join(out, "outcomes.csv"), index=False)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
