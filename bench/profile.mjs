/**
 * `npm run bench:profile -- <scenario> [scale]`: where a route's time goes. Seeds (or reuses) the
 * state of one scale, runs the scenario with wrk while the V8 CPU profiler samples the Worker, writes
 * bench/.work/<scenario>.cpuprofile (open it in Chrome DevTools) and prints self time by layer: each
 * sample is attributed to the module of the bundle it ran in (esbuild marks each module with a
 * "// path" comment), or to the runtime when it was in native code (D1, KV, console, crypto).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { byIdSql, SLOT, tagSearchSql } from "./lib/app-sql.mjs";
import { buildBundle } from "./lib/build.mjs";
import { makeDataset, PASSWORD, searchTags, USERS } from "./lib/dataset.mjs";
import { WORK_DIR } from "./lib/paths.mjs";
import { onceScenarios, readScenarios } from "./lib/scenarios.mjs";
import { seedDatabase, seedImages } from "./lib/seed.mjs";
import { SERVICE_OF_HOST, startServer } from "./lib/server.mjs";
import { runWrk } from "./lib/wrk.mjs";

const [scenarioId = "search-common-warm", scaleArg = "1000"] = process.argv.slice(2);
const scale = Number(scaleArg);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const INSPECTOR_PORT = 9339;

/** Bundle line → module path, from esbuild's "// node_modules/..." and "// src/..." markers. */
function moduleIndex(bundle) {
  const marks = [];
  bundle.split("\n").forEach((line, i) => {
    const m = line.match(/^\/\/ ((?:node_modules|src)\/\S+)$/);
    if (m) marks.push({ line: i, path: m[1] });
  });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = "(bundle prelude)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid].line <= line) (found = marks[mid].path), (lo = mid + 1);
      else hi = mid - 1;
    }
    return found;
  };
}

/** The bundle lines (in src/ only) where samples landed: which statement of ours is hot. */
function hotLines(profile, bundle, total) {
  const moduleAt = moduleIndex(bundle);
  const text = bundle.split("\n");
  const ticks = new Map();
  const interval = total / Math.max(1, profile.samples.length);
  for (const n of profile.nodes) {
    if (!n.callFrame.url.endsWith("index.js")) continue;
    for (const t of n.positionTicks ?? []) ticks.set(t.line, (ticks.get(t.line) ?? 0) + t.ticks);
  }
  return [...ticks]
    .filter(([line]) => moduleAt(line - 1).startsWith("src/"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(
      ([line, n]) =>
        `${(((n * interval) / total) * 100).toFixed(1).padStart(5)}%  ${moduleAt(line - 1)}: ${text[line - 1].trim().slice(0, 110)}`,
    );
}

/** A package or a source file, whichever says more. */
const layerOf = (path) => {
  const pkg = path.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  return path;
};

function summarize(profile, bundle) {
  const moduleAt = moduleIndex(bundle);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const fns = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const n = byId.get(id);
    const f = n.callFrame;
    let layer;
    if (f.functionName === "(idle)") layer = "(idle)";
    else if (f.url.endsWith("index.js")) layer = layerOf(moduleAt(f.lineNumber));
    else if (f.url === "" || f.url.startsWith("node:") || f.url.startsWith("cloudflare:"))
      layer = `(runtime) ${f.functionName || "(anonymous)"}`;
    else layer = f.url;
    if (layer === "(idle)") return;
    total += dt;
    self.set(layer, (self.get(layer) ?? 0) + dt);
    const fn = `${f.functionName || "(anonymous)"} @ ${f.url.endsWith("index.js") ? moduleAt(f.lineNumber) : f.url || "native"}`;
    fns.set(fn, (fns.get(fn) ?? 0) + dt);
  });
  const top = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  return {
    totalMs: total / 1000,
    layers: top(self, 25),
    functions: top(fns, 25),
    lines: hotLines(profile, bundle, total),
  };
}

async function inspector(port) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      return list;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function cdp(url) {
  const ws = new WebSocket(url);
  let next = 0;
  const pending = new Map();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.id && pending.has(msg.id)) pending.get(msg.id)(msg), pending.delete(msg.id);
  };
  const opened = new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
  return {
    opened,
    send: (method, params = {}) =>
      new Promise((resolve) => {
        const id = ++next;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

async function main() {
  if (typeof WebSocket === "undefined")
    throw new Error("run with node --experimental-websocket (npm run bench:profile does)");
  const build = await buildBundle(join(WORK_DIR, "dist"));
  const persistDir = join(WORK_DIR, `profile-${scale}`);
  const data = await makeDataset(scale);
  const tags = searchTags(data.usage);
  const fresh = !existsSync(persistDir);
  const queries = {
    search: { ...(await tagSearchSql(20)), slot: SLOT },
    byId: { ...(await byIdSql()), slot: SLOT },
  };
  const { mf, dispose, port, pid, kvPid } = await startServer({
    bundlePath: build.bundlePath,
    persistDir,
    queries,
    log: process.stderr,
    inspectorPort: INSPECTOR_PORT,
  });
  try {
    const db = await mf.getD1Database("DB", "app");
    if (fresh) {
      await seedDatabase(db, data);
      await seedImages(db, await mf.getR2Bucket("MEDIA", "app"), data.creations, 16);
    }
    const ids = data.creations.slice(0, 1000).map((c) => c.id);
    const files = {
      byId: join(WORK_DIR, "profile-by-id.txt"),
      refById: join(WORK_DIR, "profile-ref-by-id.txt"),
      images: join(WORK_DIR, "profile-images.txt"),
    };
    writeFileSync(files.byId, `${ids.map((id) => `/api/v1/creations/${id}`).join("\n")}\n`);
    writeFileSync(files.refById, `${ids.map((id) => `/by-id?id=${id}`).join("\n")}\n`);
    writeFileSync(
      files.images,
      `${data.creations
        .slice(-16)
        .map((c) => `/api/v1/creations/${c.id}/image`)
        .join("\n")}\n`,
    );
    const ctx = { tags, files, hotId: ids[0], users: USERS, password: PASSWORD };
    const scenario = [...readScenarios(ctx), ...onceScenarios(ctx)].find((s) => s.id === scenarioId);
    if (!scenario) throw new Error(`no scenario ${scenarioId}`);
    if (scenario.script === "score.lua")
      throw new Error("profile reads and login; score writes need tokens (run the bench)");
    const service = SERVICE_OF_HOST[scenario.host];
    const targets = await inspector(INSPECTOR_PORT);
    const target =
      targets.find((t) => t.id === `core:user:${service}`) ?? targets.find((t) => t.title?.includes(service));
    if (!target)
      throw new Error(`no inspector target for ${service}: ${targets.map((t) => t.id).join(", ")}`);
    const url = `http://127.0.0.1:${port}${scenario.path ?? "/"}`;
    const env = { ...scenario.env, ...(scenario.pathsFile ? { BENCH_PATHS: scenario.pathsFile } : {}) };
    const load = {
      url,
      host: scenario.host,
      script: scenario.script,
      connections: scenario.connections ?? 8,
      env,
      serverPids: [pid],
      kvPids: [kvPid],
    };
    await runWrk({ ...load, seconds: 1 });
    const session = cdp(target.webSocketDebuggerUrl);
    await session.opened;
    await session.send("Profiler.enable");
    await session.send("Profiler.setSamplingInterval", { interval: 100 });
    await session.send("Profiler.start");
    const run = await runWrk({ ...load, seconds: SECONDS });
    const { result } = await session.send("Profiler.stop");
    session.close();
    const out = join(WORK_DIR, `${scenarioId}.cpuprofile`);
    writeFileSync(out, JSON.stringify(result.profile));
    const s = summarize(result.profile, readFileSync(build.bundlePath, "utf8"));
    console.log(
      `${scenario.label} at ${scale}: ${run.rps.toFixed(0)} req/s under the profiler (it slows everything), server CPU ${run.cpu.server} cores`,
    );
    console.log(
      `\nSelf time by layer (of ${s.totalMs.toFixed(0)} ms sampled in the Worker's isolate):\n${s.layers.join("\n")}`,
    );
    console.log(`\nTop functions:\n${s.functions.join("\n")}`);
    console.log(`\nHot lines of ours (self time):\n${s.lines.join("\n")}`);
    console.log(
      `\nNote: with the inspector attached, console.log also feeds the debugger, so logging looks costlier here than it is (about 10% of /health without the profiler).\nProfile: ${out}`,
    );
  } finally {
    await dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
