/**
 * Knobs, from the environment:
 *   BENCH_QUICK=1           1,000 and 10,000 creations, 3 s runs: a couple of minutes (results/quick.*)
 *   BENCH_SCALES=1000,...   creation counts to seed and measure
 *   BENCH_SECONDS=7         measured seconds per run (after BENCH_WARMUP=1 seconds discarded)
 *   BENCH_WRANGLER_DEV=0    skip the secondary `wrangler dev` figure
 *   BENCH_DEADLINE_MIN=15   hard stop for the whole run; what was measured is still written
 */
const env = process.env;
const quick = env.BENCH_QUICK === "1";
const num = (v, d) => (v !== undefined && v !== "" ? Number(v) : d);

export const settings = {
  quick,
  scales: (env.BENCH_SCALES ?? (quick ? "1000,10000" : "1000,10000,100000")).split(",").map(Number).filter((n) => n > 0).sort((a, b) => a - b),
  seconds: num(env.BENCH_SECONDS, quick ? 3 : 7),
  warmupSeconds: num(env.BENCH_WARMUP, 1),
  wranglerDev: env.BENCH_WRANGLER_DEV !== undefined ? env.BENCH_WRANGLER_DEV !== "0" : !quick,
  deadlineMs: num(env.BENCH_DEADLINE_MIN, 15) * 60_000,
  connections: 8,
  idPool: 1_000,
  images: 16,
  hotCreations: 100,
  coldStartRounds: quick ? 3 : 5,
  /** Other processes' CPU (cores) above which a run counts as disturbed and is repeated once. */
  disturbedCores: 0.25,
  resultsName: quick ? "quick" : "latest",
};
