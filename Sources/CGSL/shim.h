// The only C that Goodhart sees: the GNU Scientific Library.
//
// GSL's type descriptors (gsl_rng_taus2, gsl_root_fsolver_brent, ...) are mutable C globals,
// which Swift 6 refuses to read from concurrent code; they are returned from static inline
// functions here instead.
#ifndef GOODHART_CGSL_SHIM_H
#define GOODHART_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_sf_exp.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>

static inline const gsl_root_fsolver_type *cgsl_root_fsolver_brent(void) {
  return gsl_root_fsolver_brent;
}
static inline const gsl_multimin_fdfminimizer_type *cgsl_multimin_vector_bfgs2(void) {
  return gsl_multimin_fdfminimizer_vector_bfgs2;
}

#endif
