/* GSL taus2 + gsl_ran_gaussian_ziggurat: ns per normal, the measurement behind the choice of
   generator in Docs/Simulation.md. Build and run:
   gcc -O2 Benchmarks/Baselines/gsl_normal.c -o /tmp/gsl_normal -lgsl -lgslcblas -lm && /tmp/gsl_normal */
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <stdio.h>
#include <time.h>
int main(){ gsl_rng*r=gsl_rng_alloc(gsl_rng_taus2); gsl_rng_set(r,42);
 long N=200000000; double s=0; struct timespec a,b; clock_gettime(CLOCK_MONOTONIC,&a);
 for(long i=0;i<N;i++) s+=gsl_ran_gaussian_ziggurat(r,1.0);
 clock_gettime(CLOCK_MONOTONIC,&b); double ns=((b.tv_sec-a.tv_sec)*1e9+(b.tv_nsec-a.tv_nsec))/N;
 printf("gsl taus2+ziggurat: %.2f ns/normal (sum %g)\n",ns,s);
 clock_gettime(CLOCK_MONOTONIC,&a);
 for(long i=0;i<N;i++) s+=gsl_rng_uniform(r);
 clock_gettime(CLOCK_MONOTONIC,&b); ns=((b.tv_sec-a.tv_sec)*1e9+(b.tv_nsec-a.tv_nsec))/N;
 printf("gsl taus2 uniform: %.2f ns/uniform (sum %g)\n",ns,s);}
