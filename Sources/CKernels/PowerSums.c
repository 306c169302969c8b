// The Monte Carlo engine's power sums (see include/CKernels.h).

#include "CKernels.h"

// No contraction of x * y + z into a fused multiply-add: every build rounds the same way.
#pragma clang fp contract(off)

#define LANES GOODHART_POWER_SUM_LANES

// One draw into lane `lane` of the sums, in an order that keeps few products alive at once (the
// AVX2 loop then holds the 12 sums and its temporaries in its 16 registers).
static inline __attribute__((always_inline)) void add_draw(
    double sums[12][LANES], int lane, double t, double p) {
  double tp = t * p;
  sums[4][lane] += tp;
  sums[7][lane] += tp * t;
  sums[8][lane] += tp * p;
  sums[11][lane] += tp * tp;
  double tt = t * t;
  sums[0][lane] += t;
  sums[2][lane] += tt;
  sums[5][lane] += tt * t;
  sums[9][lane] += tt * tt;
  double pp = p * p;
  sums[1][lane] += p;
  sums[3][lane] += pp;
  sums[6][lane] += pp * p;
  sums[10][lane] += pp * pp;
}

#if defined(__x86_64__) && defined(__ELF__)
__attribute__((target_clones("avx2", "default")))
#endif
void goodhart_add_power_sums(
    double *restrict sums, const double *restrict truth, const double *restrict persuasiveness,
    long count) {
  double local[12][LANES];
  for (int k = 0; k < 12; k++)
    for (int lane = 0; lane < LANES; lane++) local[k][lane] = sums[LANES * k + lane];
  long whole = count - count % LANES;
  long index = 0;
  for (; index < whole; index += LANES)
    for (int lane = 0; lane < LANES; lane++)
      add_draw(local, lane, truth[index + lane], persuasiveness[index + lane]);
  for (int lane = 0; index < count; index++, lane++)
    add_draw(local, lane, truth[index], persuasiveness[index]);
  for (int k = 0; k < 12; k++)
    for (int lane = 0; lane < LANES; lane++) sums[LANES * k + lane] = local[k][lane];
}
