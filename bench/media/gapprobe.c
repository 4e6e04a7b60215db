// Host noise probe: a busy loop pinned to one CPU reads CLOCK_MONOTONIC and reports how often, and
// for how long, it did not run (hypervisor steal, interrupts, other tasks). It sets the floor under
// any latency figure measured on that CPU. Usage: gcc -O2 -o /tmp/gapprobe bench/media/gapprobe.c;
// /tmp/gapprobe CPU SECONDS
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sched.h>
static long long now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
int main(int argc,char**argv){
  int cpu=argc>1?atoi(argv[1]):0; double secs=argc>2?atof(argv[2]):10;
  cpu_set_t s;CPU_ZERO(&s);CPU_SET(cpu,&s);sched_setaffinity(0,sizeof s,&s);
  long long start=now(),end=start+(long long)(secs*1e9),prev=start,lost=0,maxg=0;
  long g20=0,g100=0,g1m=0,g5m=0;
  for(;;){long long t=now();long long g=t-prev;prev=t;
    if(g>20000){g20++;lost+=g;if(g>100000)g100++;if(g>1000000)g1m++;if(g>5000000)g5m++;if(g>maxg)maxg=g;}
    if(t>=end)break;}
  printf("gapprobe cpu=%d secs=%.1f gaps_gt20us=%ld gt100us=%ld gt1ms=%ld gt5ms=%ld max_us=%lld lost_pct=%.3f\n",
    cpu,secs,g20,g100,g1m,g5m,maxg/1000,100.0*lost/(end-start));
  return 0;}
