#!/usr/bin/env python3
"""The benchmark anchor for `impact report`: the contract's five tables (reach, funnel,
prepost, alpha, outcomes) computed from the CSV files with pandas and SciPy, the way an
analyst's notebook would. Used by scripts/bench-report.sh; needs `pip install pandas scipy`.

    python3 scripts/bench/pandas_metrics.py DATA_DIR OUT_DIR
"""
import math
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats

Z = 1.959964
INDICATORS = ["fsm", "first_generation", "polar4_q12", "imd_q12", "working_class", "care_experienced"]
DIMS = ["fsm", "first_generation", "gender", "ethnicity", "low_ses"]


def read(data, name):
    df = pd.read_csv(os.path.join(data, name + ".csv"), dtype=str, keep_default_na=False)
    df.columns = [c.strip().lower() for c in df.columns]
    return df.replace("", np.nan)


def boolean(series):
    return series.str.lower().map({"yes": 1.0, "y": 1.0, "true": 1.0, "1": 1.0, "no": 0.0, "n": 0.0, "false": 0.0, "0": 0.0})


def wilson(k, n):
    if n == 0:
        return (np.nan, np.nan)
    p = k / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return (c - h, c + h)


def main(data, out):
    os.makedirs(out, exist_ok=True)
    people = read(data, "participants")
    for col in ["fsm", "first_generation", "care_experienced"]:
        people[col] = boolean(people[col]) if col in people else np.nan
    people["consent"] = boolean(people["consent_research"]).fillna(1.0) if "consent_research" in people else 1.0
    for q in ["polar4_quintile", "imd_quintile"]:
        people[q] = pd.to_numeric(people[q])
    people["polar4_q12"] = np.where(people.polar4_quintile.isna(), np.nan, (people.polar4_quintile <= 2).astype(float))
    people["imd_q12"] = np.where(people.imd_quintile.isna(), np.nan, (people.imd_quintile <= 2).astype(float))
    people["working_class"] = np.where(people.parental_occupation.isna(), np.nan, (people.parental_occupation == "working_class").astype(float))
    six = people[INDICATORS]
    people["low_ses"] = np.where((six == 1).any(axis=1), 1.0, np.where(six.isna().all(axis=1), np.nan, 0.0))
    people["multiple_disadvantage"] = ((six == 1).sum(axis=1) >= 2).astype(float)
    people = people[people.consent == 1]

    cohorts = read(data, "cohorts")
    cohorts["year"] = cohorts.year.astype(int)
    enrol = read(data, "enrolments").merge(cohorts[["cohort_id", "programme_id", "year"]], on="cohort_id")
    enrol = enrol[enrol.participant_id.isin(people.participant_id)]
    active = enrol[enrol.status.isin(["started", "withdrawn", "completed"])]

    # Reach
    rows = []
    ap = active.merge(people, on="participant_id")
    for level, keys in (("programme_year", ["programme_id", "year"]), ("cohort", ["programme_id", "year", "cohort_id"])):
        frame = ap.drop_duplicates(keys + ["participant_id"])
        for key, g in frame.groupby(keys):
            n = len(g)
            for ind in INDICATORS + ["low_ses", "multiple_disadvantage"]:
                known = int(g[ind].notna().sum())
                yes = int((g[ind] == 1).sum())
                rows.append(list(key[:2]) + [level, key[2] if level == "cohort" else "", ind, n, known, yes,
                                              yes / known if known else np.nan, (n - known) / n])
    pd.DataFrame(rows, columns=["programme_id", "year", "level", "cohort_id", "indicator", "participants", "n_known", "n_yes", "pct_yes", "pct_unknown"]).to_csv(os.path.join(out, "reach.csv"), index=False)

    # Funnel
    rows = []
    for level, keys in (("programme_year", ["programme_id", "year"]), ("cohort", ["programme_id", "year", "cohort_id"])):
        for key, g in enrol.groupby(keys):
            s = g.status
            started = int(s.isin(["started", "withdrawn", "completed"]).sum())
            completed = int((s == "completed").sum())
            rows.append(list(key[:2]) + [level, key[2] if level == "cohort" else "", len(g), int(s.isin(["offered", "declined", "started", "withdrawn", "completed"]).sum()),
                                          started, completed, completed / started if started else np.nan])
    pd.DataFrame(rows, columns=["programme_id", "year", "level", "cohort_id", "applied", "offered", "started", "completed", "completion_rate"]).to_csv(os.path.join(out, "funnel.csv"), index=False)

    # Construct scores
    items = read(data, "survey_items")
    items["scale_min"] = items.scale_min.astype(int)
    items["scale_max"] = items.scale_max.astype(int)
    items["rev"] = boolean(items.reverse_coded).fillna(0.0) if "reverse_coded" in items else 0.0
    k = items.groupby(["instrument_id", "construct"]).size().rename("k").reset_index()
    resp = read(data, "responses")
    resp["value"] = resp.value.astype(int)
    resp = resp.merge(items[["instrument_id", "item_id", "construct", "scale_min", "scale_max", "rev"]], on=["instrument_id", "item_id"])
    resp["coded"] = np.where(resp.rev == 1, resp.scale_min + resp.scale_max - resp.value, resp.value).astype(float)
    scores = resp.groupby(["participant_id", "cohort_id", "instrument_id", "construct", "wave"]).coded.agg(["sum", "count"]).reset_index()
    scores = scores.merge(k, on=["instrument_id", "construct"])
    scores = scores[scores["count"] >= (scores.k + 1) // 2]
    scores["score"] = scores["sum"] / scores["count"]

    # Pre/post
    pre = scores[scores.wave == "pre"][["participant_id", "cohort_id", "instrument_id", "construct", "score"]]
    post = scores[scores.wave == "post"][["participant_id", "cohort_id", "instrument_id", "construct", "score"]]
    pairs = pre.merge(post, on=["participant_id", "cohort_id", "instrument_id", "construct"], suffixes=("_pre", "_post"))
    pairs = pairs.merge(active[["participant_id", "cohort_id", "programme_id", "year"]].drop_duplicates(), on=["participant_id", "cohort_id"])
    pairs = pairs.merge(people[["participant_id"] + DIMS], on="participant_id")

    def change(g):
        a, b = g.score_pre.to_numpy(), g.score_post.to_numpy()
        d = b - a
        n = len(d)
        r = {"n_pairs": n, "mean_pre": a.mean(), "mean_post": b.mean(), "mean_change": d.mean(), "pct_improved": (d > 0).mean()}
        if n >= 2:
            sd = d.std(ddof=1)
            h = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
            r.update(sd_change=sd, ci_low=d.mean() - h, ci_high=d.mean() + h, df=n - 1)
            sp, sq = a.std(ddof=1), b.std(ddof=1)
            if sp + sq > 0:
                r["hedges_gav"] = d.mean() / ((sp + sq) / 2) * (1 - 3 / (4 * (n - 1) - 1))
            if sd > 0:
                t, p = stats.ttest_rel(b, a)
                r.update(t=t, p_value=p, cohens_dz=d.mean() / sd)
        if (d != 0).any():
            r["wilcoxon_p"] = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx").pvalue
        return pd.Series(r)

    parts = []
    base = ["programme_id", "year", "instrument_id", "construct"]
    parts.append(pairs.groupby(base).apply(change, include_groups=False).reset_index().assign(level="programme_year"))
    parts.append(pairs.groupby(base + ["cohort_id"]).apply(change, include_groups=False).reset_index().assign(level="cohort"))
    for dim in DIMS:
        g = pairs.assign(group_value=pairs[dim].map({1.0: "yes", 0.0: "no"}) if pairs[dim].dtype == float else pairs[dim]).fillna({"group_value": "unknown"})
        parts.append(g.groupby(base + ["group_value"]).apply(change, include_groups=False).reset_index().assign(level="subgroup", group_dim=dim))
    prepost = pd.concat(parts, ignore_index=True)
    prepost.to_csv(os.path.join(out, "prepost.csv"), index=False)

    # Alpha
    rows = []
    for (inst, con, wave), g in resp.groupby(["instrument_id", "construct", "wave"]):
        wide = g.pivot_table(index=["participant_id", "cohort_id"], columns="item_id", values="coded", aggfunc="first")
        kk = int(k[(k.instrument_id == inst) & (k.construct == con)].k.iloc[0])
        wide = wide.dropna()
        wide = wide if wide.shape[1] == kk else wide.iloc[0:0]
        n = len(wide)
        alpha = np.nan
        if n >= 2 and kk >= 2:
            total = wide.sum(axis=1).var(ddof=1)
            if total > 0:
                alpha = kk / (kk - 1) * (1 - wide.var(ddof=1).sum() / total)
        rows.append([inst, con, wave, n, kk, alpha])
    pd.DataFrame(rows, columns=["instrument_id", "construct", "wave", "n", "k_items", "alpha"]).to_csv(os.path.join(out, "alpha.csv"), index=False)

    # Outcomes
    outcomes = read(data, "outcomes")
    outcomes["value"] = boolean(outcomes.value)
    bench = read(data, "benchmarks")
    bench["year"] = bench.year.astype(int)
    bench["rate"] = bench.rate.astype(float)
    bench = bench[bench.population == "fsm_england"]
    po = active[["participant_id", "cohort_id", "programme_id", "year"]].merge(outcomes, on="participant_id").merge(people[["participant_id"] + DIMS], on="participant_id")
    rows = []
    def emit(level, key, cohort, dim, value, g):
        g = g.drop_duplicates("participant_id")
        n, yes = len(g), int((g.value == 1).sum())
        lo, hi = wilson(yes, n)
        b = bench[(bench.outcome == key[2]) & (bench.year <= key[1])].sort_values("year")
        br = b.rate.iloc[-1] if len(b) else np.nan
        rate = yes / n if n else np.nan
        p = np.nan
        if len(b) and n and 0 < br < 1:
            z = (rate - br) / math.sqrt(br * (1 - br) / n)
            p = 2 * stats.norm.sf(abs(z))
        rows.append([key[0], key[1], level, cohort, key[2], dim, value, n, yes, rate, lo, hi, br, (rate - br) * 100 if len(b) else np.nan, p])
    for key, g in po.groupby(["programme_id", "year", "outcome"]):
        emit("programme_year", key, "", "", "", g)
        for dim in DIMS:
            vals = g[dim].map({1.0: "yes", 0.0: "no"}) if g[dim].dtype == float else g[dim]
            for value, h in g.assign(v=vals.fillna("unknown")).groupby("v"):
                emit("subgroup", key, "", dim, value, h)
    for key, g in po.groupby(["programme_id", "year", "outcome", "cohort_id"]):
        emit("cohort", key[:3], key[3], "", "", g)
    pd.DataFrame(rows, columns=["programme_id", "year", "level", "cohort_id", "outcome", "group_dim", "group_value", "n_known", "n_yes", "rate", "ci_low", "ci_high", "benchmark_rate", "diff_pp", "p_value"]).to_csv(os.path.join(out, "outcomes.csv"), index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
