"""The vectorised computation behind :func:`kinerja.scoring.bulk.score_bulk`.

Each step mirrors a step of the scalar engine, in the same order, so that the first reason the
scalar path would give is the one recorded here. Rows of (n, 12) arrays are indicator-years,
columns are months: a period sits in the column of its last month.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import numpy as np

from kinerja.scoring.bulk_types import (
    COLS,
    DETAIL_GRANULARITY,
    DETAIL_MISSING,
    DETAIL_NONE,
    DETAIL_WINDOW,
    REASONS,
    SLOT_MONTHS,
    BulkResult,
    BulkRows,
    BulkSeries,
    near,
    round_hundredths,
    scaled_ints,
)
from kinerja.scoring.progress import StatusThresholds
from kinerja.scoring.reasons import FLAG_ORDER, Flag, Reason
from kinerja.scoring.scales import Scale

_BIT = {flag: np.uint8(1 << i) for i, flag in enumerate(FLAG_ORDER)}


class _Settler:
    """Records, per series, the first reason met; later checks skip settled series."""

    def __init__(self, n: int, fallback: np.ndarray) -> None:
        self.reason = np.full(n, -1, np.int8)
        self.detail = np.zeros(n, np.int8)
        self.fallback = fallback
        self.pending = ~fallback

    def settle(self, mask: np.ndarray, reason: Reason, detail: int = DETAIL_NONE) -> None:
        hit = self.pending & mask
        self.reason[hit] = REASONS.index(reason)
        self.detail[hit] = detail
        self.pending &= ~hit

    def branch(self) -> _Settler:
        """A copy for a second figure from the same point (reasons apart, fallback shared)."""
        other = _Settler.__new__(_Settler)
        other.reason, other.detail = self.reason.copy(), self.detail.copy()
        other.fallback, other.pending = self.fallback, self.pending.copy()
        return other

    def unsure(self, mask: np.ndarray) -> None:
        """Floats cannot decide these series: the scalar engine will."""
        hit = self.pending & mask
        self.fallback |= hit
        self.pending &= ~hit


def _dense(series: BulkSeries, rows: BulkRows) -> tuple[np.ndarray, ...]:
    n = len(series)
    months = SLOT_MONTHS[series.granularity]
    s = np.asarray(rows.series, np.int64)
    slot = np.asarray(rows.slot, np.int64)
    if len(s) and (s.min() < 0 or s.max() >= n):
        raise ValueError("a row points outside the series")
    per = months[s]
    if ((slot < 1) | (slot * per > 12)).any():
        raise ValueError("a row's period index is outside its granularity")
    key = s * 12 + slot * per - 1
    if len(key) and np.bincount(key, minlength=n * 12).max() > 1:
        raise ValueError("two rows for the same series and period")
    out = []
    for column in (rows.numerator, rows.denominator, rows.value):
        column = np.asarray(column, np.float64)
        if np.isinf(column).any():
            raise ValueError("infinite figure in rows")
        dense = np.full(n * 12, np.nan)
        dense[key] = column
        out.append(dense.reshape(n, 12))
    return tuple(out)


def _check_codes(series: BulkSeries) -> None:
    limits = {
        "kind": 3,
        "aggregation": 2,
        "polarity": 3,
        "granularity": 4,
        "lower_formula": 3,
        "zero_target": 2,
    }
    for name, size in limits.items():
        codes = getattr(series, name)
        if len(codes) != len(series) or ((codes < 0) | (codes >= size)).any():
            raise ValueError(f"series.{name}: codes must be 0..{size - 1}, one per series")
    explicit = series.as_of_granularity >= 0
    g = np.where(explicit, series.as_of_granularity, 0)
    if (series.as_of_granularity > 3).any() or (
        explicit & ((series.as_of_index < 1) | (series.as_of_index * SLOT_MONTHS[g] > 12))
    ).any():
        raise ValueError("series.as_of: invalid granularity or index")


def _threshold(bound: Decimal, inclusive: bool) -> int:
    """The least capaian in hundredths that meets ``bound`` (so comparisons stay integer)."""
    scaled = bound * 100
    if inclusive:
        return int(scaled.to_integral_value(ROUND_CEILING))
    return int(scaled.to_integral_value(ROUND_FLOOR)) + 1


def _hundredths_exact(scaled: np.ndarray, decimals: int) -> np.ndarray:
    """A scaled int64 (value x 10^decimals) rounded half-up to hundredths, in integers."""
    if decimals <= 2:
        return scaled * 10 ** (2 - decimals)
    div = 10 ** (decimals - 2)
    q, r = np.divmod(np.abs(scaled), div)
    h = q + (2 * r >= div)
    return np.where(scaled < 0, -h, h)


def compute(
    series: BulkSeries,
    rows: BulkRows,
    scale: Scale,
    thresholds: StatusThresholds,
    decimals: int,
) -> BulkResult:
    _check_codes(series)
    n = len(series)
    factor = 10**decimals
    idx = np.arange(n)
    N, D, V = _dense(series, rows)
    months = SLOT_MONTHS[series.granularity]
    has_n, has_d, has_v = ~np.isnan(N), ~np.isnan(D), ~np.isnan(V)
    Ni, ok_n = scaled_ints(N, factor)
    Di, ok_d = scaled_ints(D, factor)
    Vi, ok_v = scaled_ints(V, factor)
    any_data = has_n | has_d | has_v
    is_rate = series.kind != 2
    complete = np.where(is_rate[:, None], has_n & has_d & ~has_v, has_v & ~has_n & ~has_d)
    odd_rows = (any_data & ~complete) | ~ok_n | ~ok_d | ~ok_v | (Ni < 0) | (Di < 0)
    fallback = odd_rows.any(1) | _odd_settings(series, factor, thresholds)

    T, _ = scaled_ints(series.target, factor)
    lo_raw, _ = scaled_ints(series.target_min, factor)
    hi_raw, _ = scaled_ints(series.target_max, factor)

    # as_of: the latest period with data unless given
    has_any = any_data.any(1)
    last_col = 11 - np.argmax(any_data[:, ::-1], axis=1)
    default = series.as_of_granularity < 0
    as_of_g = np.where(default, series.granularity, series.as_of_granularity).astype(np.int64)
    as_of_i = np.where(default, (last_col + 1) // months, series.as_of_index).astype(np.int64)
    no_as_of = default & ~has_any
    as_of_i = np.where(no_as_of, 0, as_of_i)
    end = as_of_i * SLOT_MONTHS[as_of_g]
    aligned = end % months == 0
    expected = (((COLS + 1) % months[:, None]) == 0) & (end[:, None] > COLS)
    used = expected & complete
    missing = expected & ~any_data
    has_missing = missing.any(1)
    flow = series.aggregation == 0

    st = _Settler(n, fallback)
    st.settle(no_as_of, Reason.NO_DATA)
    st.settle(~has_any, Reason.NO_DATA, DETAIL_WINDOW)
    st.settle(~aligned, Reason.GRANULARITY, DETAIL_GRANULARITY)
    st.settle(used.sum(1) == 0, Reason.NO_DATA, DETAIL_WINDOW)
    st.settle(flow & has_missing & ~series.allow_partial, Reason.NO_DATA, DETAIL_MISSING)
    missing &= (has_any & aligned)[:, None]

    last_used = 11 - np.argmax(used[:, ::-1], axis=1)
    NS = np.where(flow, np.where(used, Ni, 0).sum(1), Ni[idx, last_used])
    DS = np.where(flow, np.where(used, Di, 0).sum(1), Di[idx, last_used])
    VS = np.where(flow, np.where(used, Vi, 0).sum(1), Vi[idx, last_used])
    st.settle(is_rate & (DS == 0), Reason.DENOMINATOR_ZERO)
    has_value = st.pending.copy()

    pct = series.kind == 0
    with np.errstate(all="ignore"):
        v_rate = NS.astype(np.float64) * np.where(pct, 100.0, 1.0) / DS.astype(np.float64)
        vh_rate, unsure_v = round_hundredths(v_rate * 100, np.abs(v_rate * 100))
    v = np.where(is_rate, v_rate, VS / factor)
    value_h = np.where(is_rate, vh_rate, _hundredths_exact(VS, decimals))
    st.unsure(is_rate & unsure_v)

    above = np.where(flow, (used & (Ni > Di)).any(1), (Ni > Di)[idx, last_used])
    flags = np.zeros(n, np.uint8)
    flags |= np.where(pct & series.bounded & above, _BIT[Flag.ABOVE_100], 0).astype(np.uint8)
    incomplete = np.where(flow, has_missing, last_used != end - 1)
    flags |= np.where(incomplete, _BIT[Flag.INCOMPLETE], 0).astype(np.uint8)

    # two figures from one realisasi: the official capaian against the annual target (end of
    # year, no quarterly targets), and progress against the target expected by as_of
    st_progress = st.branch()
    capaian_h, has_capaian = _capaian(
        series, st, flags, v, NS, VS, T, lo_raw, hi_raw, np.full(n, 12), is_rate, flow, decimals
    )
    progress_flags = np.zeros(n, np.uint8)
    progress_h, has_progress = _capaian(
        series,
        st_progress,
        progress_flags,
        v,
        NS,
        VS,
        T,
        lo_raw,
        hi_raw,
        end,
        is_rate,
        flow,
        decimals,
        quarterly=True,
    )
    flags |= progress_flags & _BIT[Flag.QUARTERLY_TARGETS_DIFFER]
    has_value &= ~st.fallback
    has_capaian &= ~st.fallback
    has_progress &= ~st.fallback
    flags = np.where(has_value, flags, 0).astype(np.uint8)

    predicate = np.full(n, -1, np.int16)
    left = has_capaian.copy()
    for i, level in enumerate(scale.levels):
        meets = left if level.min is None else capaian_h >= _threshold(level.min, level.inclusive)
        predicate[left & meets] = i
        left &= ~meets
    status = np.full(n, 3, np.int8)
    status[has_progress] = 2
    status[has_progress & (progress_h >= _threshold(thresholds.at_risk, True))] = 1
    status[has_progress & (progress_h >= _threshold(thresholds.on_track, True))] = 0

    result = BulkResult(
        series=series,
        dense=(N, D, V),
        scale=scale,
        thresholds=thresholds,
        value_h=value_h,
        has_value=has_value,
        capaian_h=capaian_h,
        has_capaian=has_capaian,
        progress_h=progress_h,
        has_progress=has_progress,
        predicate=predicate,
        status=status,
        reason=st.reason,
        detail=st.detail,
        flags=flags,
        as_of_granularity=as_of_g,
        as_of_index=as_of_i,
        missing=missing,
    )
    from kinerja.scoring.bulk_render import apply_fallback

    apply_fallback(result, np.flatnonzero(st.fallback))
    return result


def _odd_settings(series: BulkSeries, factor: int, thresholds: StatusThresholds) -> np.ndarray:
    """Series whose settings the scalar engine rejects or that floats cannot carry exactly."""
    n = len(series)
    odd = np.zeros(n, bool)
    for column in (series.target, series.target_min, series.target_max, series.cap):
        odd |= ~scaled_ints(column, factor)[1]
    rng = series.polarity == 2
    has_lo, has_hi = ~np.isnan(series.target_min), ~np.isnan(series.target_max)
    with np.errstate(invalid="ignore"):
        odd |= rng & ((has_lo != has_hi) | (series.target_min > series.target_max))
        odd |= series.cap <= 0
    if series.quarterly_targets is not None:
        q = np.asarray(series.quarterly_targets, np.float64)
        given = ~np.isnan(q).all(1)
        qi, ok = scaled_ints(q, factor)
        odd |= given & (np.isnan(q).any(1) | ~ok.all(1) | (qi < 0).any(1) | rng)
    if not thresholds.valid():
        odd[:] = True
    return odd


def _capaian(
    series: BulkSeries,
    st: _Settler,
    flags: np.ndarray,
    v: np.ndarray,
    NS: np.ndarray,
    VS: np.ndarray,
    T: np.ndarray,
    lo_raw: np.ndarray,
    hi_raw: np.ndarray,
    end: np.ndarray,
    is_rate: np.ndarray,
    flow: np.ndarray,
    decimals: int,
    quarterly: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Capaian in hundredths against the target expected at month ``end`` (12: the annual
    target), mirroring :func:`compute_capaian` after expected_to_date; ``quarterly`` uses the
    Rencana Aksi's quarterly targets where given."""
    n = len(series)
    factor = 10**decimals
    rng = series.polarity == 2
    count_flow = flow & ~is_rate
    # expected-to-date target as an exact fraction num / den of scaled ints
    den = np.where(count_flow, 12, 1).astype(np.int64)
    mult = np.where(count_flow, end, 1).astype(np.int64)
    t_num, lo_num, hi_num = T * mult, lo_raw * mult, hi_raw * mult
    if quarterly and series.quarterly_targets is not None:
        q = np.asarray(series.quarterly_targets, np.float64)
        given_any = ~np.isnan(q).any(1) & ~rng
        given = given_any & count_flow
        qi, _ = scaled_ints(q, factor)
        full, part = np.divmod(end, 3)
        cums = np.concatenate([np.zeros((n, 1), np.int64), np.cumsum(qi, 1)], 1)
        current = qi[np.arange(n), np.minimum(full, 3)]
        t_num = np.where(given, 3 * cums[np.arange(n), full] + current * part, t_num)
        den = np.where(given, 3, den)
        has_t = ~np.isnan(series.target)
        level = given_any & ~count_flow
        quarter = (np.maximum(end, 1) - 1) // 3
        t_num = np.where(level, qi[np.arange(n), quarter], t_num)
        differs = (given & has_t & (cums[:, 4] != T)) | (level & has_t & (qi[:, 3] != T))
        flags |= np.where(differs, _BIT[Flag.QUARTERLY_TARGETS_DIFFER], 0).astype(np.uint8)
    has_target = np.where(rng, ~np.isnan(series.target_min), ~np.isnan(series.target))
    st.settle(~has_target, Reason.TARGET_MISSING)

    with np.errstate(all="ignore"):
        lo = lo_num / den / factor
        hi = hi_num / den / factor
        below = np.where(is_rate, v < lo, VS * den < lo_num)
        above = np.where(is_rate, v > hi, VS * den > hi_num)
        st.unsure(rng & is_rate & (near(v, lo) | near(v, hi)))
        inside = rng & ~below & ~above
        higher = (series.polarity == 0) | (rng & below)
        lower = (series.polarity == 1) | (rng & above)
        eff = np.where(rng, np.where(below, lo_num, hi_num), t_num)
        st.settle(~inside & (eff < 0), Reason.TARGET_NEGATIVE)
        r_zero = np.where(is_rate, NS == 0, VS == 0)
        t_zero = ~inside & (eff == 0)
        zero_ok = t_zero & (series.zero_target == 0) & r_zero
        st.settle(t_zero & (series.zero_target == 1), Reason.TARGET_ZERO_RULE)
        st.settle(t_zero & ~zero_ok, Reason.TARGET_ZERO)
        inverse = lower & (series.lower_formula == 1)
        st.settle(~inside & ~t_zero & inverse & r_zero, Reason.REALISASI_ZERO)
        has_capaian = st.pending.copy()

        t = eff / den / factor
        c = np.where(higher, v / t * 100, np.where(inverse, t / v * 100, (2 * t - v) / t * 100))
        floored = lower & (series.lower_formula == 2)
        c = np.where(floored & (c < 0), 0.0, c)
        exact100 = inside | zero_ok
        c = np.where(exact100, 100.0, c)
        magnitude = np.where(
            lower & ~inverse & ~exact100, (2 * np.abs(t) + np.abs(v)) / np.abs(t) * 1e4, 0.0
        )
        c_h, unsure_c = round_hundredths(c * 100, np.maximum(magnitude, np.abs(c * 100)))
        cap = series.cap
        has_cap = ~np.isnan(cap)
        st.unsure(has_cap & ~exact100 & near(c, cap))
        capped = has_cap & (c > cap)
        cap_i, _ = scaled_ints(cap, factor)
        c_h = np.where(capped, _hundredths_exact(cap_i, decimals), c_h)
        st.unsure(~capped & ~exact100 & unsure_c)
    c_h = np.where(exact100 & ~capped, 10000, c_h)
    flags |= np.where(has_capaian & zero_ok, _BIT[Flag.ZERO_TARGET], 0).astype(np.uint8)
    flags |= np.where(has_capaian & capped, _BIT[Flag.CAPPED], 0).astype(np.uint8)
    return c_h, has_capaian & ~st.fallback
