/**
 * The Worker under test on plain Miniflare: one workerd process, no wrangler dev tooling. It runs the
 * bundle `wrangler deploy --dry-run` built, with the bindings wrangler.jsonc declares (read through
 * wrangler's own config loader, so they cannot drift), persisted under one directory laid out as
 * `wrangler dev --persist-to` expects. Three more services share the process and the same D1:
 *   Host cache-miss.bench  the same bundle whose KV always misses (workers/kv-variant.mjs)
 *   Host no-cache.bench    the same bundle with KV switched off (misses, no lookup, no fill): what
 *                          the app costs over D1 without its cache layer
 *   Host kv-apart.bench,   the same bundle, warm and always missing, with KV served by a second
 *   kv-apart-miss.bench    workerd (workers/kv-server.mjs) and reached by subrequest, as on
 *                          Cloudflare: the app's process then pays for its KV calls, not for the
 *                          KV simulator's SQLite and blob files, whose CPU is reported apart
 *   Host reference.bench   the bare and raw-D1 reference routes (workers/reference.mjs)
 *   any other Host         the app itself, exactly as built
 * The static-assets router is left out: API paths run the Worker first (run_worker_first), and
 * on Cloudflare that router is not the Worker's CPU.
 */
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, WORKERS_DIR } from "./paths.mjs";
import { statFields } from "./wrk.mjs";

export const HOSTS = {
  app: "app.bench",
  cacheMiss: "cache-miss.bench",
  noCache: "no-cache.bench",
  kvApart: "kv-apart.bench",
  kvApartMiss: "kv-apart-miss.bench",
  reference: "reference.bench",
};

/** The Miniflare worker that serves each host (the profiler attaches to it by name). */
export const SERVICE_OF_HOST = {
  [HOSTS.app]: "app",
  [HOSTS.cacheMiss]: "app-cache-miss",
  [HOSTS.noCache]: "app-no-cache",
  [HOSTS.kvApart]: "app-kv-apart",
  [HOSTS.kvApartMiss]: "app-kv-apart-miss",
  [HOSTS.reference]: "reference",
};

/** Bench-only secret: the app refuses to sign or verify tokens without one of at least 32 bytes. */
export const JWT_SECRET = "bench-only-secret-bench-only-secret-0123456789";

export const persistPaths = (dir) => ({
  d1Persist: join(dir, "v3", "d1"),
  kvPersist: join(dir, "v3", "kv"),
  r2Persist: join(dir, "v3", "r2"),
  durableObjectsPersist: join(dir, "v3", "do"),
});

/**
 * One ES module given by content: Miniflare then skips parsing the script in Node to find its
 * imports (~150 ms for this bundle), which would otherwise pass for the Worker's startup.
 */
export const esModule = (path) => ({
  modules: [{ type: "ESModule", path, contents: readFileSync(path, "utf8") }],
  modulesRoot: dirname(path),
});

/** Bench-only storage key (32 bytes, base64url): the chat and artifacts seal what they store (lib/sealing.ts). */
export const DATA_KEYS = "bench:YmVuY2gtb25seS1kYXRhLWtleS0wMTIzNDU2Nzg5YWI";

/**
 * Vars the bench sets over wrangler.jsonc's default environment (docs/PERFORMANCE.md, Method):
 * - the chat answers with the offline guide whatever a local .dev.vars says (no network, no key),
 *   and without its simulated typing delay: production sets CHAT_OFFLINE_DELAY_MS to 0, the
 *   default environment to 15 ms a word, which would measure the pause, not the app;
 * - the per-user chat limits are raised so one user can send a measured series of messages in a
 *   few seconds; the limit is still checked and counted on every message, as in production.
 */
export const BENCH_VARS = {
  ENVIRONMENT: "bench",
  JWT_SECRET,
  DATA_KEYS,
  CHAT_MODEL: "offline",
  CHAT_OFFLINE_DELAY_MS: "0",
  CHAT_MESSAGES_PER_MINUTE: "100000",
  CHAT_MESSAGES_PER_DAY: "1000000",
};

let compatibility;
/** The Worker's compatibility date and flags, as wrangler reads them from wrangler.jsonc (once: it warns as it reads). */
export function appCompatibility() {
  if (!compatibility) {
    const { compatibilityDate, compatibilityFlags } = unstable_getMiniflareWorkerOptions(
      join(ROOT, "wrangler.jsonc"),
    ).workerOptions;
    compatibility = { compatibilityDate, compatibilityFlags };
  }
  return compatibility;
}

/**
 * The Worker's options exactly as wrangler derives them from wrangler.jsonc (bindings, Durable
 * Objects, queues, flags), minus the assets router, plus the bench vars, running the built bundle.
 */
export function appWorkerOptions(bundlePath) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.jsonc"));
  const { assets: _router, ...w } = workerOptions;
  return { ...w, ...esModule(bundlePath), bindings: { ...w.bindings, ...BENCH_VARS } };
}

/**
 * The same options for a second copy of the app, or for another script: without the queue consumers
 * (one consumer per queue) and, for another script, without the Durable Object classes it lacks.
 */
export function withoutConsumers(options, { otherScript = false } = {}) {
  const { queueConsumers: _consumers, durableObjects, ...rest } = options;
  return otherScript ? rest : { ...rest, durableObjects };
}

/**
 * Starts the processes; `dispose` stops them. `queries` are the captured reference SQL ({sql, params}) for the reference
 * worker. Worker output is drained (the app logs every request) but not printed; errors go to `log`.
 */
export async function startServer({ bundlePath, persistDir, queries, log, inspectorPort }) {
  let tail = "";
  const app = appWorkerOptions(bundlePath);
  // The copies bind KV through the wrapper; their other namespaces stay as they are.
  const { KV: kv, ...otherKv } = app.kvNamespaces;
  const kvId = kv.id ?? kv;
  const kvServer = await startKvServer(persistDir, kvId, app.compatibilityDate);
  const copy = (host, variant, bindings) => ({
    ...withoutConsumers(app),
    name: SERVICE_OF_HOST[host],
    routes: [`${host}/*`],
    kvNamespaces: otherKv,
    wrappedBindings: { ...app.wrappedBindings, KV: { scriptName: variant, bindings } },
  });
  const kvVariant = (name, kvBindings) => ({
    name,
    ...esModule(join(WORKERS_DIR, "kv-variant.mjs")),
    ...kvBindings,
  });
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    ...(inspectorPort ? { inspectorPort } : {}),
    ...persistPaths(persistDir),
    handleRuntimeStdio(stdout, stderr) {
      // Keep only the tail of the request log: enough to see why a run failed, cheap to keep.
      stdout.on("data", (chunk) => (tail = (tail + chunk).slice(-16_384)));
      stderr.on("data", (chunk) => log?.write(chunk));
    },
    workers: [
      { name: SERVICE_OF_HOST[HOSTS.app], ...app },
      copy(HOSTS.cacheMiss, "kv-local", { MODE: "lookup+fill" }),
      copy(HOSTS.noCache, "kv-local", { MODE: "none" }),
      copy(HOSTS.kvApart, "kv-apart", { MODE: "real" }),
      copy(HOSTS.kvApartMiss, "kv-apart", { MODE: "lookup+fill" }),
      kvVariant("kv-local", { kvNamespaces: { INNER: kvId } }),
      kvVariant("kv-apart", {
        serviceBindings: { REMOTE: { external: { address: `127.0.0.1:${kvServer.port}`, http: {} } } },
      }),
      {
        name: SERVICE_OF_HOST[HOSTS.reference],
        routes: [`${HOSTS.reference}/*`],
        ...esModule(join(WORKERS_DIR, "reference.mjs")),
        compatibilityDate: app.compatibilityDate,
        d1Databases: app.d1Databases,
        bindings: { SEARCH_QUERY: queries.search, BY_ID_QUERY: queries.byId },
      },
    ],
  });
  const url = await mf.ready;
  const pid = workerdPid(new Set([kvServer.pid]));
  // Stops both processes.
  const dispose = () => Promise.allSettled([mf.dispose(), kvServer.mf.dispose()]);
  return { mf, dispose, port: Number(url.port), pid, kvPid: kvServer.pid, stdoutTail: () => tail };
}

/** The second workerd: one KV namespace behind workers/kv-server.mjs, persisted beside the rest. */
async function startKvServer(persistDir, kvId, compatibilityDate) {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    kvPersist: join(persistDir, "v3", "kv-apart"),
    ...esModule(join(WORKERS_DIR, "kv-server.mjs")),
    compatibilityDate,
    kvNamespaces: { KV: kvId },
  });
  const url = await mf.ready;
  return { mf, port: Number(url.port), pid: workerdPid() };
}

/** The newest workerd child of this process (not one in `known`), for reading its CPU time. */
function workerdPid(known = new Set()) {
  const found = descendants(process.pid).filter(
    (pid) => !known.has(pid) && readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd",
  );
  return found[found.length - 1];
}

/** Every live process under `root`, found through /proc parent links. */
export function descendants(root) {
  const parent = new Map();
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      parent.set(Number(p), Number(statFields(p)[1]));
    } catch {
      // exited while we looked
    }
  }
  const out = [];
  const walk = (pid) => {
    for (const [child, ppid] of parent) if (ppid === pid) out.push(child), walk(child);
  };
  walk(root);
  return out;
}
