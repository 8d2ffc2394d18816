"""Liens intersectoriels: which sectors cooperate, against what chance alone would give.

The heatmap colours each pair of sectors by observed / expected ties (configuration
model, `ess_graph.analysis.mixing`), the E-I table says which groups turn outwards or
inwards and whether it is more than chance (permutation test).
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
import streamlit as st

from ess_graph.analysis.mixing import ALL_GROUPS
from ess_graph.viz.style import value_label
from ess_graph_app import data, state
from ess_graph_app.ui import (
    fmt_int,
    fmt_num,
    labels,
    lang,
    md,
    page_start,
    scope_picker,
    table,
    tr,
)

net, key = page_start("page.mixing")
st.markdown(tr("mix.intro"))
scope_type, scope, scope_name = scope_picker(
    net,
    scope_key=state.W_MIX_SCOPE,
    value_key=state.W_MIX_VALUE,
    counts=data.scope_counts(key, net),
)
G = data.cooperation(key, net)
mix, observed, expected = data.mixing(key, net, scope_type, scope)


def sector(s: str) -> str:
    return value_label(G, "sector", s, lang())


st.subheader(tr("mix.heatmap_title", scope=scope_name))
if mix.empty or int(mix["observed"].sum()) == 0:
    st.info(tr("mix.no_ties"))
else:
    rows = []
    for a, b, obs, exp, ratio in mix.itertuples(index=False, name=None):
        pairs = [(a, b)] if a == b else [(a, b), (b, a)]
        for x, y in pairs:
            rows.append(
                {
                    "x": sector(x),
                    "y": sector(y),
                    "observed": int(obs),
                    # the tooltip's figures, written in the UI's language
                    "expected_text": fmt_num(float(exp), ",.1f"),
                    "ratio_text": fmt_num(float(ratio), ",.2f"),
                    # log2 so that twice and half as many look equally strong
                    "log_ratio": (
                        None
                        if ratio != ratio
                        else max(-3.0, min(3.0, math.log2(max(ratio, 1 / 8))))
                    ),
                }
            )
    heat = pd.DataFrame(rows)
    order = sorted(set(heat["x"]), key=str.casefold)
    base = alt.Chart(heat).encode(
        x=alt.X(
            "x:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelAngle=-40, labelLimit=220, labelOverlap=False, orient="top"),
        ),
        y=alt.Y("y:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
    )
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "log_ratio:Q",
            scale=alt.Scale(scheme="redblue", domain=[-3, 3], reverse=True),
            legend=alt.Legend(
                title=tr("mix.legend"),
                values=[-3, -1, 0, 1, 3],
                labelExpr=(
                    "datum.value == 0 ? '= ' : (datum.value > 0 ? '× ' + "
                    "pow(2, datum.value) : '÷ ' + pow(2, -datum.value))"
                ),
            ),
        ),
        tooltip=[
            alt.Tooltip("x:N", title=tr("col.sector_a")),
            alt.Tooltip("y:N", title=tr("col.sector_b")),
            alt.Tooltip("observed:Q", title=tr("col.observed")),
            alt.Tooltip("expected_text:N", title=tr("col.expected")),
            alt.Tooltip("ratio_text:N", title=tr("col.ratio")),
        ],
    )
    text = base.mark_text(fontSize=14, fontWeight="bold").encode(
        text="observed:Q",
        color=alt.condition("abs(datum.log_ratio) > 1.8", alt.value("white"), alt.value("#222222")),
    )
    size = max(360, 44 * len(order))
    chart = (rect + text).properties(height=size).configure_axis(labelFontSize=14)
    st.altair_chart(chart, width="stretch", key="w_mix_chart")
    st.caption(tr("mix.heatmap_help"))

# E-I indices ---------------------------------------------------------------------------
st.subheader(tr("mix.ei_title", scope=scope_name))
attributes = ["sector", "family"] + (["territory", "pole"] if scope_type is None else [])
attribute = st.radio(
    tr("mix.ei_attribute"),
    attributes,
    format_func=labels("attr"),
    horizontal=True,
    key=state.W_MIX_SHOW,
)
ei = data.ei(key, net, scope_type, scope, attribute)
whole = ei[ei["group"] == ALL_GROUPS]
groups = ei[ei["group"] != ALL_GROUPS]


def verdict(value: float, exp: float, p: float) -> str:
    if value != value or p != p:
        return "–"
    if p >= 0.05:
        return tr("mix.verdict.chance")
    return tr("mix.verdict.outward") if value > exp else tr("mix.verdict.inward")


if len(whole):
    row = whole.iloc[0]
    st.markdown(
        tr(
            "mix.ei_whole",
            ei=fmt_num(row["ei_index"], "+.2f"),
            exp=fmt_num(row["ei_expected"], "+.2f"),
            p=fmt_num(row["ei_p_value"], ".3f"),
            verdict=verdict(row["ei_index"], row["ei_expected"], row["ei_p_value"]),
        )
    )
shown = pd.DataFrame(
    {
        tr("col.group"): [value_label(G, attribute, g, lang()) for g in groups["group"]],
        tr("col.members"): groups["members"].astype(int),
        tr("col.internal"): groups["internal_ties"].astype(int),
        tr("col.external"): groups["external_ties"].astype(int),
        tr("col.ei"): groups["ei_index"],
        tr("col.ei_expected"): groups["ei_expected"],
        tr("col.p_value"): groups["ei_p_value"],
        tr("col.reading"): [
            verdict(v, e, p)
            for v, e, p in zip(
                groups["ei_index"], groups["ei_expected"], groups["ei_p_value"], strict=True
            )
        ],
    }
)
table(
    shown,
    key="w_mix_ei",
    numbers={
        tr("col.members"): ",d",
        tr("col.internal"): ",d",
        tr("col.external"): ",d",
        tr("col.ei"): "+.2f",
        tr("col.ei_expected"): "+.2f",
        tr("col.p_value"): ".3f",
    },
    explain=(tr("col.reading"),),
    height="content",
)
st.caption(tr("mix.ei_help", n=fmt_int(1000)))


# Over time: the cross-sector share year by year, and what a pôle's creation changed -------
st.subheader(tr("mix.growth_title"))
years, effects = data.growth(key, net)
if years.empty:
    st.info(tr("mix.growth_none"))
    st.stop()
st.markdown(tr("mix.growth_intro"))
poles_meta = G.graph.get("poles", {})
created_in = {
    str(m.get("territory", "")) for m in poles_meta.values() if m.get("created") is not None
}
per_territory = years[years["scope_type"] == "territory"]


#: A share over fewer ties than this is not drawn (0 % or 50 % of two ties says nothing).
MIN_TIES_SHOWN = 5


def pooled(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    sums = frame.groupby("year")[["cross_sector_ties", "sector_known_ties"]].sum()
    enough = sums["sector_known_ties"].where(sums["sector_known_ties"] >= MIN_TIES_SHOWN)
    share = sums["cross_sector_ties"] / enough
    return pd.DataFrame({"year": sums.index, "share": share.to_numpy(), "line": name})


#: The region in dark grey, the pays with a pôle (or the pays chosen) in red, those
#: without in blue: told apart on a projector.
COLOURS = ["#444444", "#d62728", "#1f77b4"]
lines = [pooled(years[years["scope_type"] == "region"], tr("mix.line.region"))]
if scope_type == "territory" and scope:
    lines.append(pooled(per_territory[per_territory["scope"] == scope], scope_name))
elif created_in:
    lines.append(
        pooled(per_territory[per_territory["scope"].isin(created_in)], tr("mix.line.with_pole"))
    )
    lines.append(
        pooled(per_territory[~per_territory["scope"].isin(created_in)], tr("mix.line.without_pole"))
    )
line_names = [str(line["line"].iloc[0]) for line in lines if len(line)]
curve = pd.concat(lines, ignore_index=True).dropna(subset=["share"])
lines_chart = (
    alt.Chart(curve)
    .mark_line(point=True, strokeWidth=3)
    .encode(
        x=alt.X("year:O", title=tr("mix.year")),
        y=alt.Y("share:Q", title=tr("mix.share"), axis=alt.Axis(format="%")),
        color=alt.Color(
            "line:N",
            title=tr("mix.line"),
            legend=alt.Legend(orient="bottom"),
            scale=alt.Scale(
                domain=[name for name, _ in zip(line_names, COLOURS, strict=False)],
                range=COLOURS[: len(line_names)],
            ),
        ),
        tooltip=[
            alt.Tooltip("line:N", title=tr("mix.line")),
            alt.Tooltip("year:O", title=tr("mix.year")),
            alt.Tooltip("share:Q", title=tr("mix.share"), format=".0%"),
        ],
    )
)
created_years = sorted(
    {
        int(m["created"])
        for m in poles_meta.values()
        if m.get("created") is not None
        and (scope_type != "territory" or str(m.get("territory", "")) == scope)
    }
)
marks = pd.DataFrame(
    {"year": created_years, "label": [tr("mix.created_mark")] * len(created_years)}
)
rule = alt.Chart(marks).mark_rule(strokeDash=[6, 4], color="#555").encode(x="year:O")
rule_text = (
    alt.Chart(marks)
    .mark_text(align="left", dx=4, dy=-8, fontSize=13, color="#333")
    .encode(x="year:O", y=alt.value(0), text="label:N")
)
chart = (
    alt.layer(lines_chart, rule, rule_text)
    .properties(height=320)
    .configure_axis(labelFontSize=14, titleFontSize=14)
    .configure_legend(labelFontSize=14, titleFontSize=14, labelLimit=400)
)
st.altair_chart(chart, width="stretch", key="w_mix_growth")
st.caption(tr("mix.growth_help", n=MIN_TIES_SHOWN))

st.markdown("#### " + tr("mix.effect_title"))
if effects.empty:
    st.info(tr("mix.effect_none"))
    st.stop()
shown_effects = effects[effects["pole"] != "__all__"]
if scope_type == "territory" and scope:
    shown_effects = shown_effects[shown_effects["territory"] == scope]
elif scope_type == "pole" and scope:
    shown_effects = shown_effects[shown_effects["pole"] == scope]
pole_names = net.pole_names()


def signed(x: float) -> str:
    return fmt_num(x, "+.1f")


for r in shown_effects.itertuples(index=False):
    if r.difference != r.difference:  # the links' years do not cover its windows
        st.markdown(
            tr(
                "mix.effect_uncovered",
                pole=md(pole_names.get(r.pole, r.pole)),
                year=r.created,
                years_before=r.years_before,
                years_after=r.years_after,
            )
        )
        continue
    st.markdown(
        tr(
            "mix.effect_row",
            pole=md(pole_names.get(r.pole, r.pole)),
            year=r.created,
            before=fmt_num(r.rate_before, ".1f"),
            after=fmt_num(r.rate_after, ".1f"),
            years_before=r.years_before,
            years_after=r.years_after,
            change=signed(r.change),
            control=f"{fmt_num(r.control_rate_before, '.1f')} → {fmt_num(r.control_rate_after, '.1f')} ({signed(r.control_change)})",
            difference=signed(r.difference),
            low=signed(r.placebo_low),
            high=signed(r.placebo_high),
            p=tr("mix.effect_p", p=fmt_num(r.p_value, ".2f")) if r.p_value == r.p_value else "",
        )
    )
overall = effects[effects["pole"] == "__all__"]
if scope_type is None and len(overall):
    r = overall.iloc[0]
    st.markdown(
        tr(
            "mix.effect_all",
            n=int(effects.loc[effects["pole"] != "__all__", "difference"].notna().sum()),
            difference=signed(r["difference"]),
            low=signed(r["placebo_low"]),
            high=signed(r["placebo_high"]),
            p=fmt_num(r["p_value"], ".2f"),
        )
    )
st.warning(tr("mix.effect_warning"))
