/**
 * Knobs, from the environment:
 *   BENCH_QUICK=1           1,000 and 10,000 creations, 3 s runs: a couple of minutes (results/quick.*)
 *   BENCH_SCALES=1000,...   creation counts to seed and measure
 *   BENCH_SLICES=3          measured slices per scenario, taken round-robin (the least disturbed counts)
 *   BENCH_SLICE_SECONDS=3   seconds per slice (after one BENCH_WARMUP=1 second warm-up per scenario)
 *   BENCH_WRANGLER_DEV=0    skip the secondary `wrangler dev` figure
 *   BENCH_DEADLINE_MIN=25   hard stop for the whole run; what was measured is still written
 *   BENCH_QUIET_BUDGET_S    seconds the run may spend, in all, waiting (≤ 8 s before each slice) for
 *                           the shared machine to go idle: 120 full, 30 quick, 0 to never wait
 *   BENCH_LATENCY=0         skip the chat and job latencies (lib/latency.mjs, at the largest scale)
 */
const env = process.env;
const quick = env.BENCH_QUICK === "1";
const num = (v, d) => (v !== undefined && v !== "" ? Number(v) : d);

export const settings = {
  quick,
  scales: (env.BENCH_SCALES ?? (quick ? "1000,10000" : "1000,10000,100000"))
    .split(",")
    .map(Number)
    .filter((n) => n > 0)
    .sort((a, b) => a - b),
  slices: num(env.BENCH_SLICES, quick ? 2 : 3),
  sliceSeconds: num(env.BENCH_SLICE_SECONDS, quick ? 2 : 3),
  warmupSeconds: num(env.BENCH_WARMUP, 1),
  wranglerDev: env.BENCH_WRANGLER_DEV !== undefined ? env.BENCH_WRANGLER_DEV !== "0" : !quick,
  deadlineMs: num(env.BENCH_DEADLINE_MIN, 25) * 60_000,
  connections: 8,
  quietBudgetMs: num(env.BENCH_QUIET_BUDGET_S, quick ? 30 : 120) * 1000,
  quietWaitMs: 8_000,
  idPool: 1_000,
  images: 16,
  hotCreations: 100,
  coldStartRounds: quick ? 3 : 5,
  resultsName: quick ? "quick" : "latest",
  latency: env.BENCH_LATENCY !== "0",
  /** What the latency section may take (~15 s on a quiet machine); the slices leave it this much. */
  latencyReserveMs: 45_000,
};
