/**
 * The artifact under test: `wrangler deploy --dry-run --outdir` builds exactly what a deploy would
 * upload. Reports its size raw and gzipped, and the Worker's startup time two ways:
 *  - `wrangler check startup`: a CPU profile of the script's top-level evaluation in workerd, the
 *    phase Cloudflare limits (summed over the profile's non-idle samples);
 *  - wall time on Miniflare from spawning workerd to ready (script loaded and evaluated) and from
 *    ready to the first 200 response, for the app and for the bare reference worker with the same
 *    bindings: the difference is what the app's bundle adds to a cold start.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { ROOT, WORKERS_DIR } from "./paths.mjs";
import { appWorkerOptions, esModule, withoutConsumers } from "./server.mjs";

const run = promisify(execFile);
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_COLOR: "1",
};
const wrangler = join(ROOT, "node_modules", ".bin", "wrangler");

/**
 * The deploy target's bundle: production is what ships; the code is the same for every env. When the
 * project has a build step (generated assets the Worker imports), it runs first, as `npm run deploy`
 * runs it.
 */
export async function buildBundle(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  const { scripts = {} } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  if (scripts.build)
    await run("npm", ["run", "-s", "build"], { cwd: ROOT, env: WRANGLER_ENV, timeout: 300_000 });
  await run(wrangler, ["deploy", "--dry-run", "--env", "production", "--outdir", outDir], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    timeout: 120_000,
  });
  const bundlePath = resolve(outDir, "index.js");
  const code = readFileSync(bundlePath);
  return { bundlePath, bytes: statSync(bundlePath).size, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Milliseconds of CPU in the startup profile: every sample that is not idle, with the time to the next. */
export function profileMs(profile) {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let us = 0;
  for (let i = 0; i + 1 < profile.samples.length; i++)
    if (!idle.has(profile.samples[i])) us += profile.timeDeltas[i + 1];
  return us / 1000;
}

export async function startupProfile(workDir) {
  mkdirSync(workDir, { recursive: true });
  const outfile = join(workDir, "worker-startup.cpuprofile");
  await run(wrangler, ["check", "startup", "--outfile", outfile], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    timeout: 120_000,
  });
  return profileMs(JSON.parse(readFileSync(outfile, "utf8")));
}

async function coldStartMs(worker, path) {
  const started = performance.now();
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [worker],
    handleRuntimeStdio: (o, e) => (o.resume(), e.resume()),
  });
  try {
    const url = await mf.ready;
    const ready = performance.now();
    const res = await fetch(new URL(path, url));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`cold start probe got ${res.status}`);
    return { ready: ready - started, first: performance.now() - ready };
  } finally {
    await mf.dispose();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of `rounds` cold starts of each, alternating so drift hits both alike. */
export async function coldStarts(bundlePath, rounds = 5) {
  const app = { name: "app", ...appWorkerOptions(bundlePath) };
  // Same storage bindings (each adds simulator services to workerd), only the script differs.
  const bare = {
    ...withoutConsumers(app, { otherScript: true }),
    ...esModule(join(WORKERS_DIR, "reference.mjs")),
  };
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await coldStartMs(app, "/api/v1/health"));
    b.push(await coldStartMs(bare, "/bare"));
  }
  const pick = (xs, k) => Math.round(median(xs.map((x) => x[k])));
  return {
    app: { readyMs: pick(a, "ready"), firstResponseMs: pick(a, "first") },
    bare: { readyMs: pick(b, "ready"), firstResponseMs: pick(b, "first") },
  };
}
