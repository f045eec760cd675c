/**
 * The heavy paths a user can trigger, at their largest allowed input, with their peak memory in
 * workerd, the runtime the Worker runs in (bench/lib/heavy-cases.mjs holds the cases). A Worker has
 * 128 MB in all; the target for one request is under 64 MB (docs/PERFORMANCE.md, "Heavy paths").
 *
 *   npm run bench:heavy                      # every case; writes bench/results/heavy.json and prints a table
 *   node bench/heavy.mjs account-export-40-images   # one case (or `search`: the library search alone)
 *
 * Each run is a fresh workerd process: it is warmed on small inputs, its peak resident set is reset
 * (/proc/<pid>/clear_refs), the case runs, and the peak's growth over the warm baseline is read
 * (VmHWM). Three figures per case:
 *  - peak: as workerd runs it here, with V8's defaults (no heap limit), garbage included until V8
 *    collects it. V8 lets ArrayBuffers (bytes read, sealed, uploaded) pile up to about 64 MB over
 *    what it last found alive before it collects them, so a path that streams hundreds of MB through
 *    the Worker peaks near that, whatever it keeps. Three runs, as a range.
 *  - heap64: the same in a V8 limited to a 64 MB heap (--max-old-space-size=64), as a Worker's
 *    isolate is limited: V8 scales the ArrayBuffers it lets pile up with its heap limit, so it
 *    collects them much sooner. Three runs.
 *  - kept: V8's defaults with a full collection at every boundary the path has (each archive entry,
 *    uploaded part, drained chunk): what the path holds on to, which is what must fit.
 * Then the library's full-text search at scale (bench/lib/heavy-search.mjs): D1's time for the worst
 * searches the API allows. Linux only (it reads /proc).
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import workerd from "workerd";
import { bundleWorker } from "./lib/app-modules.mjs";
import { freePort } from "./lib/http.mjs";
import { measureSearch } from "./lib/heavy-search.mjs";
import { residentMb, resetPeak } from "./lib/memory.mjs";
import { RESULTS_DIR, ROOT, WORK_DIR } from "./lib/paths.mjs";
import { appCompatibility } from "./lib/server.mjs";

const RUNS = 3;
const DIR = join(WORK_DIR, "heavy");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The cases and the app code they call, bundled as the Worker is. */
async function bundle() {
  mkdirSync(DIR, { recursive: true });
  await bundleWorker(join(ROOT, "bench/lib/heavy-cases.mjs"), join(DIR, "cases.mjs"));
}

/** workerd's config: the cases Worker, with the built static assets (public/) as its FONTS binding. */
function config(port, v8Flags) {
  const { compatibilityDate, compatibilityFlags } = appCompatibility();
  const file = join(DIR, `config-${port}.capnp`);
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .cases),
    (name = "assets", disk = (path = ${JSON.stringify(join(ROOT, "public"))}, writable = false)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
  v8Flags = ${JSON.stringify(["--expose-gc", ...v8Flags])},
);
const cases :Workerd.Worker = (
  modules = [(name = "cases.mjs", esModule = embed "cases.mjs")],
  compatibilityDate = ${JSON.stringify(compatibilityDate)},
  compatibilityFlags = ${JSON.stringify(compatibilityFlags)},
  bindings = [(name = "FONTS", service = "assets")],
);
`,
  );
  return file;
}

/** A fresh workerd serving the cases, ready (warmed on small inputs, so its baseline holds the compiled code). */
async function startWorkerd(v8Flags = []) {
  const port = await freePort();
  const child = spawn(workerd.default, ["serve", config(port, v8Flags)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = (path) => `http://127.0.0.1:${port}${path}`;
  for (let i = 0; ; i++) {
    try {
      await (await fetch(url("/warm"))).text();
      break;
    } catch (e) {
      if (i > 100) {
        child.kill();
        throw e;
      }
      await sleep(100);
    }
  }
  return { pid: child.pid, url, stop: () => child.kill() };
}

/** One case in a fresh workerd: its peak resident growth over the warm baseline, and its wall time. */
async function runOnce(name, { v8Flags, collect }) {
  const server = await startWorkerd(v8Flags);
  try {
    const base = residentMb(server.pid);
    resetPeak(server.pid);
    const started = performance.now();
    const res = await fetch(server.url(`/run?case=${name}&collect=${collect ? 1 : 0}`));
    if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
    const { result } = await res.json();
    const ms = performance.now() - started;
    return { result, mb: residentMb(server.pid, "VmHWM") - base, ms };
  } finally {
    server.stop();
  }
}

/** The case names, as the bundled module lists them. */
async function caseNames() {
  const server = await startWorkerd();
  try {
    return await (await fetch(server.url("/cases"))).json();
  } finally {
    server.stop();
  }
}

const round = (x) => Math.round(x * 10) / 10;

/** How each figure is taken (see the header). */
const MODES = {
  peak: { v8Flags: [], collect: false, runs: RUNS },
  heap64: { v8Flags: ["--max-old-space-size=64"], collect: false, runs: RUNS },
  kept: { v8Flags: [], collect: true, runs: 1 },
};

async function measure(name) {
  const row = { name };
  for (const [mode, how] of Object.entries(MODES)) {
    const runs = [];
    for (let i = 0; i < how.runs; i++) runs.push(await runOnce(name, how));
    const mbs = runs.map((r) => r.mb);
    row[`${mode}Mb`] = [round(Math.min(...mbs)), round(Math.max(...mbs))];
    row.result ??= runs[0].result;
    row.ms = Math.round(Math.min(row.ms ?? Infinity, ...runs.map((r) => r.ms)));
  }
  return row;
}

const range = ([a, b]) => (a === b ? `${a}` : `${a}–${b}`);

await bundle();
const names = await caseNames();
const asked = process.argv[2];
if (asked && asked !== "search" && !names.includes(asked))
  throw new Error(`No case ${asked}: ${[...names, "search"].join(", ")}`);
const rows = [];
for (const name of asked ? names.filter((n) => n === asked) : names) {
  const row = await measure(name);
  rows.push(row);
  console.log(
    `${row.name.padEnd(28)} peak ${range(row.peakMb).padStart(11)} MB  64 MB heap ${range(row.heap64Mb).padStart(11)} MB  kept ${range(row.keptMb).padStart(5)} MB ${String(row.ms).padStart(6)} ms  ${row.result}`,
  );
}
let search;
if (!asked || asked === "search") {
  search = await measureSearch({ dir: DIR });
  console.log(
    `\nLibrary search over ${search.artifacts} artifacts of ${search.words} words (D1 time, median):`,
  );
  for (const r of search.rows)
    console.log(
      `${r.name.padEnd(62)} ${String(r.ms).padStart(6)} ms  ${String(r.peakMb).padStart(5)} MB  ${r.rows} rows${r.terms ? `  (${r.terms})` : ""}`,
    );
}
if (!asked) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, "heavy.json"),
    `${JSON.stringify({ workerd: workerd.version, runs: RUNS, at: new Date().toISOString(), rows, search }, null, 2)}\n`,
  );
}
