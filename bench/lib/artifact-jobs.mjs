/**
 * The artifact bench's job phase: what a user waits for. The Worker as `wrangler deploy --dry-run`
 * builds it runs on plain Miniflare with its real bindings (D1, R2, the UserChat Durable Object, the
 * JOBS queue and its consumer: server.mjs appWorkerOptions). For each brief a new user signs up,
 * creates the project and tells the guide the brief, one "Label: value" message per fact, through
 * the chat API; then every artifact type is generated in turn, each timed from the POST (202) to the
 * first poll that finds its `jobs` row `succeeded` (D1 read directly every few ms, as latency.mjs
 * does), and the saved body is read back through the API and scored with the structural checks, so
 * the table says what reached the user, not only what the writer can do.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { buildBundle } from "./build.mjs";
import { get } from "./http.mjs";
import { summarize } from "./latency.mjs";
import { migrationStatements } from "./seed.mjs";
import { appWorkerOptions, HOSTS, persistPaths } from "./server.mjs";

const POLL_MS = 5;
const JOB_TIMEOUT_MS = 30_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(port, token, method, path, body, { ip = "127.0.0.1", raw = false } = {}) {
  const res = await get(port, HOSTS.app, `/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { "Content-Type": "application/json" } : {}),
      "CF-Connecting-IP": ip,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300)
    throw new Error(`${method} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return raw ? res.text : JSON.parse(res.text);
}

/**
 * `m`: the bundle of bench/artifacts.mjs (BRIEFS, FACTS, FACT_IDS, ARTIFACT_TYPES, structuralChecks).
 * Returns per kind and type the job's latency and the checks its saved body passes.
 */
export async function measureJobs(m, work, say) {
  say("jobs: building the Worker (npm run build, wrangler deploy --dry-run)…");
  const { bundlePath } = await buildBundle(join(work, "dist"));
  const state = join(work, "state");
  mkdirSync(state, { recursive: true });
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    ...persistPaths(state),
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
    workers: [{ name: "app", ...appWorkerOptions(bundlePath) }],
  });
  try {
    const port = Number((await mf.ready).port);
    const db = await mf.getD1Database("DB");
    await db.batch(migrationStatements().map((sql) => db.prepare(sql)));
    const jobRow = db.prepare(
      "SELECT status, error, created_at AS c, updated_at AS u FROM jobs WHERE id = ?",
    );
    const rows = [];
    let n = 0;
    for (const [kind, brief] of Object.entries(m.BRIEFS)) {
      const ip = `10.9.0.${++n}`;
      const { accessToken: token } = await call(
        port,
        undefined,
        "POST",
        "/auth/register",
        { email: `bench-${kind}@example.com`, password: "correct horse battery", displayName: kind },
        { ip },
      );
      const project = await call(port, token, "POST", "/projects", { name: brief.productName }, { ip });
      const conv = await call(port, token, "POST", `/projects/${project.id}/conversations`, {}, { ip });
      for (const id of m.FACT_IDS.filter((f) => brief[f] !== undefined))
        await call(
          port,
          token,
          "POST",
          `/conversations/${conv.id}/messages`,
          { content: `${m.FACTS[id].label}: ${brief[id]}` },
          { ip, raw: true },
        );
      say(`jobs: ${kind}: brief told, generating ${m.ARTIFACT_TYPES.length} types…`);
      for (const type of m.ARTIFACT_TYPES) {
        const sentAt = performance.now();
        const started = await call(
          port,
          token,
          "POST",
          `/projects/${project.id}/artifacts`,
          { type },
          { ip },
        );
        let row;
        while (performance.now() - sentAt < JOB_TIMEOUT_MS) {
          row = await jobRow.bind(started.jobId).first();
          if (row.status === "succeeded" || row.status === "failed") break;
          await sleep(POLL_MS);
        }
        const doneMs = performance.now() - sentAt;
        if (row.status !== "succeeded")
          throw new Error(`${kind} ${type}: job ${row.status}: ${row.error ?? "timeout"}`);
        const artifact = await call(port, token, "GET", `/artifacts/${started.artifactId}`, undefined, {
          ip,
        });
        const checks = m.structuralChecks(type, artifact.body);
        rows.push({
          kind,
          type,
          jobMs: Math.round(doneMs * 10) / 10,
          serverMs: row.u - row.c,
          passed: checks.filter((c) => c.pass).length,
          total: checks.length,
          failed: checks.filter((c) => !c.pass).map((c) => c.name),
        });
      }
    }
    return {
      rows,
      done: summarize(rows.map((r) => r.jobMs)),
      serverDone: summarize(rows.map((r) => r.serverMs)),
      pollMs: POLL_MS,
    };
  } finally {
    await mf.dispose();
  }
}
