/**
 * `npm run bench`: builds the Worker, seeds local D1 at each scale, runs the built bundle on plain
 * Miniflare and load-tests it with wrk on 127.0.0.1, beside a bare route and a raw-D1 route on the
 * same runtime. Writes bench/results/<name>.json and .md. Method and findings: docs/PERFORMANCE.md.
 */
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appModules } from "./lib/app-modules.mjs";
import { byIdSql, SLOT, tagSearchSql } from "./lib/app-sql.mjs";
import { buildBundle, coldStarts, startupProfile } from "./lib/build.mjs";
import { makeDataset, PASSWORD, searchTags, USERS } from "./lib/dataset.mjs";
import { get, visitAll } from "./lib/http.mjs";
import { measureLatency } from "./lib/latency.mjs";
import { machineInfo } from "./lib/machine.mjs";
import { RESULTS_DIR, WORK_DIR } from "./lib/paths.mjs";
import { writeReport } from "./lib/report.mjs";
import { onceScenarios, readScenarios } from "./lib/scenarios.mjs";
import { checkDatabase, seedDatabase, seedImages } from "./lib/seed.mjs";
import { appWorkerOptions, HOSTS, startServer } from "./lib/server.mjs";
import { settings } from "./lib/settings.mjs";
import { measureWranglerDev } from "./lib/wrangler-dev.mjs";
import { requireWrk, runWrk, stopLoad, waitForQuiet } from "./lib/wrk.mjs";

const started = Date.now();
/** Stops the workerd processes running now, so an interrupted run does not leave them behind. */
let running;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    stopLoad();
    await running?.();
    process.exit(130);
  });
}
const say = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
const timeLeft = () => settings.deadlineMs - (Date.now() - started);
/** Milliseconds the whole run may spend waiting for other sessions' load to pass before slices. */
let quietBudget = settings.quietBudgetMs;

const sample = (xs, n) => {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
};

function writeLines(name, lines) {
  const path = join(WORK_DIR, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** A user and a creation they do not own, many times over, with the user's access token. */
async function scorePairs(data, env) {
  const { issueAccessToken } = await appModules();
  const hot = sample(data.creations, settings.hotCreations);
  const tokens = await Promise.all(data.users.map((u) => issueAccessToken(env, u.id, "user")));
  const lines = [];
  data.users.forEach((u, i) => {
    for (let k = 0; k < 2; k++) {
      const c = hot[(i * 2 + k) % hot.length];
      if (c.ownerId !== u.id) lines.push(`${tokens[i]} ${c.id}`);
    }
  });
  return sample(lines, lines.length);
}

const loadOptions = (scenario, port, pid, kvPid) => ({
  url: `http://127.0.0.1:${port}${scenario.path ?? "/"}`,
  host: scenario.host,
  script: scenario.script,
  connections: scenario.connections ?? settings.connections,
  serverPids: [pid],
  kvPids: [kvPid],
  env: { ...scenario.env, ...(scenario.pathsFile ? { BENCH_PATHS: scenario.pathsFile } : {}) },
});

/**
 * The figure a scenario reports, from its slices. The machine is shared (other sessions run tests on
 * it), so each scenario is measured in several short slices taken in turn with all the others, and
 * the slice during which other processes used the least CPU stands for it; the rest stay in the JSON.
 */
function leastDisturbed(slices) {
  const kept = slices.reduce((best, x) => ((x.cpu.other ?? 0) < (best.cpu.other ?? 0) ? x : best));
  const rps = slices.map((x) => x.rps);
  return {
    ...kept,
    slices: slices.map((x) => ({
      rps: Math.round(x.rps),
      p50Ms: x.p50Ms,
      serverCores: x.cpu.server,
      otherCores: x.cpu.other,
    })),
    spread: Math.max(...rps) / Math.min(...rps),
  };
}

/** One request before the load: a scenario that fails fast is a bug, not a benchmark. */
async function probe(port, scenario) {
  if (scenario.script) return;
  const path = scenario.path ?? readFileSync(scenario.pathsFile, "utf8").split("\n")[0];
  const res = await get(port, scenario.host, path);
  if (res.status !== 200)
    throw new Error(`${scenario.id}: GET ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
}

/** The app and the reference must return the same page, or the reference measures another query. */
async function checkReferenceMatches(port, tag) {
  const app = (await get(port, HOSTS.app, `/api/v1/creations/search?tag=${tag}`))
    .json()
    .items.map((c) => c.id);
  const ref = (await get(port, HOSTS.reference, `/search?tag=${tag}`))
    .json()
    .items.map((c) => c.id)
    .slice(0, app.length);
  if (JSON.stringify(app) !== JSON.stringify(ref))
    throw new Error(`reference query disagrees with the app for tag ${tag}`);
}

async function benchScale(scale, { largest, bundlePath, queries, log, jwtEnv }) {
  const persistDir = join(WORK_DIR, `state-${scale}`);
  rmSync(persistDir, { recursive: true, force: true });
  say(`${scale} creations: generating`);
  const data = await makeDataset(scale);
  const tags = searchTags(data.usage);
  const { mf, dispose, port, pid, kvPid, stdoutTail } = await startServer({
    bundlePath,
    persistDir,
    queries,
    log,
  });
  running = dispose;
  try {
    const db = await mf.getD1Database("DB", "app");
    const t = performance.now();
    await seedDatabase(db, data);
    const images = largest
      ? await seedImages(db, await mf.getR2Bucket("MEDIA", "app"), data.creations, settings.images)
      : undefined;
    const seedMs = Math.round(performance.now() - t);
    await checkDatabase(db, scale);
    say(
      `${scale} creations: seeded and checked in ${seedMs} ms (${data.creationTags.length} tag links, ${data.scores.length} scores); common ${tags.common.name} ×${tags.common.uses}, rare ${tags.rare.name} ×${tags.rare.uses}`,
    );
    await checkReferenceMatches(port, tags.common.name);
    await checkReferenceMatches(port, tags.rare.name);

    const pool = sample(data.creations, settings.idPool).map((c) => c.id);
    const files = {
      byId: writeLines(
        `by-id-${scale}.txt`,
        pool.map((id) => `/api/v1/creations/${id}`),
      ),
      refById: writeLines(
        `ref-by-id-${scale}.txt`,
        pool.map((id) => `/by-id?id=${id}`),
      ),
    };
    if (largest) {
      files.images = writeLines(
        `images-${scale}.txt`,
        images.ids.map((id) => `/api/v1/creations/${id}/image`),
      );
      files.scorePairs = writeLines(`score-pairs-${scale}.txt`, await scorePairs(data, jwtEnv));
    }
    const ctx = { tags, files, hotId: pool[0], users: USERS, password: PASSWORD };
    const scenarios = [...readScenarios(ctx), ...(largest ? onceScenarios(ctx) : [])];
    // Round 0 checks each scenario answers, fills caches for the warm ones and warms the JIT; then
    // the slices go round all scenarios in turn, so a noisy minute hits them all alike.
    const sliceCost = (settings.sliceSeconds + 1) * scenarios.length * 1000;
    for (const s of scenarios) {
      await probe(port, s);
      if (s.warm && s.pathsFile)
        await visitAll(port, s.host, readFileSync(s.pathsFile, "utf8").trim().split("\n"));
      if (settings.warmupSeconds > 0)
        await runWrk({ ...loadOptions(s, port, pid, kvPid), seconds: settings.warmupSeconds });
    }
    const slices = Object.fromEntries(scenarios.map((s) => [s.id, []]));
    for (let round = 0; round < settings.slices; round++) {
      // At the largest scale the latency section (below) needs its time too.
      if (round > 0 && timeLeft() < sliceCost + 60_000 + (largest ? settings.latencyReserveMs : 0)) {
        say(`deadline: ${round} slice(s) per scenario at ${scale}`);
        break;
      }
      for (const s of scenarios) {
        if (quietBudget > 0)
          quietBudget -= await waitForQuiet({ maxMs: Math.min(settings.quietWaitMs, quietBudget) });
        slices[s.id].push(
          await runWrk({ ...loadOptions(s, port, pid, kvPid), seconds: settings.sliceSeconds }),
        );
      }
      say(`${scale}: slice ${round + 1} of ${settings.slices} done`);
    }
    const runs = {};
    for (const s of scenarios) {
      runs[s.id] = { ...describe(s), ...leastDisturbed(slices[s.id]) };
      const r = runs[s.id];
      say(
        `${scale} ${s.id}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, other CPU ${r.cpu.other}${r.errors ? `, ${r.errors} errors` : ""}`,
      );
    }
    let consistentAfterWrites;
    if (runs.score) {
      await checkDatabase(db, scale);
      consistentAfterWrites = true;
    }
    // Chat and job latencies: single exchanges from a Node client, once, on this scale's server.
    let latency;
    if (largest && settings.latency) {
      if (timeLeft() > settings.latencyReserveMs / 2) {
        if (quietBudget > 0)
          quietBudget -= await waitForQuiet({ maxMs: Math.min(settings.quietWaitMs, quietBudget) });
        latency = await measureLatency({ port, pid, db, users: data.users, jwtEnv, say });
      } else latency = { skipped: "deadline" };
    }
    return {
      scale,
      tags,
      seedMs,
      tagLinks: data.creationTags.length,
      scores: data.scores.length,
      imageBytes: images?.bytes,
      runs,
      consistentAfterWrites,
      latency,
    };
  } catch (e) {
    log.write(`\n--- ${scale}: failed; the tail of the Worker's stdout ---\n${stdoutTail()}\n`);
    throw e;
  } finally {
    running = undefined;
    await dispose();
  }
}

const describe = (s) => ({
  label: s.label,
  group: s.group,
  d1Ref: s.d1Ref ?? null,
  host: s.host,
  connections: s.connections ?? settings.connections,
});

async function main() {
  requireWrk();
  mkdirSync(WORK_DIR, { recursive: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log = createWriteStream(join(WORK_DIR, "workerd.log"));
  say(`settings: ${JSON.stringify({ ...settings, deadlineMs: undefined })}`);

  const build = await buildBundle(join(WORK_DIR, "dist"));
  say(`bundle: ${(build.bytes / 1024).toFixed(0)} KiB, ${(build.gzipBytes / 1024).toFixed(1)} KiB gzipped`);
  const startup = {
    profileCpuMs: Math.round((await startupProfile(WORK_DIR)) * 10) / 10,
    coldStart: await coldStarts(build.bundlePath, settings.coldStartRounds),
  };
  say(`startup: ${JSON.stringify(startup)}`);

  const queries = {
    search: { ...(await tagSearchSql(20)), slot: SLOT },
    byId: { ...(await byIdSql()), slot: SLOT },
  };
  const vars = appWorkerOptions(build.bundlePath).bindings;
  const jwtEnv = {
    JWT_SECRET: vars.JWT_SECRET,
    JWT_ISSUER: vars.JWT_ISSUER,
    JWT_AUDIENCE: vars.JWT_AUDIENCE,
  };

  const results = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    settings: { ...settings, deadlineMs: undefined },
    build: { bytes: build.bytes, gzipBytes: build.gzipBytes },
    startup,
    scales: [],
  };
  try {
    for (const scale of settings.scales) {
      const largest = scale === settings.scales[settings.scales.length - 1];
      results.scales.push(
        await benchScale(scale, { largest, bundlePath: build.bundlePath, queries, log, jwtEnv }),
      );
    }
    if (settings.wranglerDev && timeLeft() > 60_000) {
      const last = results.scales[results.scales.length - 1];
      results.wranglerDev = await measureWranglerDev({
        persistDir: join(WORK_DIR, `state-${last.scale}`),
        tag: last.tags.common.name,
        seconds: settings.slices * settings.sliceSeconds,
        warmupSeconds: settings.warmupSeconds,
        log,
        say,
      });
    }
  } finally {
    results.elapsedSeconds = Math.round((Date.now() - started) / 1000);
    results.waitedForQuietSeconds = Math.round((settings.quietBudgetMs - quietBudget) / 1000);
    const written = writeReport(results, settings.resultsName);
    say(`wrote ${written.join(", ")}`);
    log.end();
  }
}

/** Re-renders the Markdown and ratios from a results JSON without measuring (after a report change). */
function reportOnly() {
  const name = settings.resultsName;
  const results = JSON.parse(readFileSync(join(RESULTS_DIR, `${name}.json`), "utf8"));
  console.log(`wrote ${writeReport(results, name).join(", ")}`);
}

(process.argv.includes("--report") ? Promise.resolve().then(reportOnly) : main()).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
