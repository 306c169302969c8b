// Goodhart's C kernels: inner loops that Swift cannot compile for a wider instruction set with
// a runtime choice. Each is written once in portable C; on x86-64 the compiler builds it twice
// (baseline SSE2 and AVX2) and the loader picks the AVX2 build on machines that have it. The two
// builds do the same IEEE operations in the same order (no fused multiply-adds), so they return
// the same bits.

#ifndef GOODHART_CKERNELS_H
#define GOODHART_CKERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The number of lanes of `goodhart_add_power_sums`: sum k of lane l is `sums[4 * k + l]`.
#define GOODHART_POWER_SUM_LANES 4

/// Adds the twelve power sums of the draws (truth[i], persuasiveness[i]), i < count, to `sums`
/// (48 doubles: 12 sums x 4 lanes, sum k of lane l at sums[4 * k + l]).
///
/// The sums, in order k = 0...11, are of t, p, t^2, p^2, tp, t^3, p^3, t^2 p, t p^2, t^4, p^4 and
/// t^2 p^2. Draw i goes to lane i mod 4 (draws 0, 4, 8, ... to lane 0), so a call of a count that
/// is a multiple of 4 leaves the lanes aligned for the next call.
void goodhart_add_power_sums(
    double *sums, const double *truth, const double *persuasiveness, long count);

#ifdef __cplusplus
}
#endif

#endif
