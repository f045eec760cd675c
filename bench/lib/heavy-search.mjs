/**
 * The library's full-text search at scale, for bench:heavy. FTS5 runs inside D1, so the cost of a
 * search is D1's time (the database answers no one else meanwhile), and it grows with the whole
 * index, every owner's artifacts, not the searcher's. This seeds ARTIFACTS artifacts of WORDS words
 * each, drawn from the app's own knowledge base (real UX prose, so prefixes are as dense as in real
 * text), and times the worst searches the API allows through the app's searchArtifacts in a Worker
 * with a local D1 (Miniflare), beside the worst the rules before search-terms.ts allowed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundleWorker, importBundled } from "./app-modules.mjs";
import { residentMb, resetPeak } from "./memory.mjs";
import { ROOT } from "./paths.mjs";
import { insertRows, migrationStatements, runAll } from "./seed.mjs";
import { appCompatibility, descendants } from "./server.mjs";

const OWNERS = 1_000;
const PROJECTS_PER_OWNER = 2;
const TYPES_PER_PROJECT = 10;
export const ARTIFACTS = OWNERS * PROJECTS_PER_OWNER * TYPES_PER_PROJECT;
const WORDS = 500;
const RUNS = 3;

/** The knowledge base's words in reading order, as the index's tokenizer splits them. */
async function corpus() {
  const { KB, ARTIFACT_TYPES } = await importBundled(
    `export { KB } from "./src/features/research/kb/index.ts";
     export { ARTIFACT_TYPES } from "./src/features/pipeline/catalogue.ts";`,
    "heavy-search-data",
  );
  const words = KB.flatMap((e) => `${e.title} ${e.body}`.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(
    Boolean,
  );
  return { words, types: ARTIFACT_TYPES.slice(0, TYPES_PER_PROJECT) };
}

/** Bodies of runs of consecutive knowledge-base words from seeded places: natural frequencies and phrases. */
function bodies(words) {
  let seed = 17;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return (i) => {
    const out = [];
    while (out.length < WORDS) {
      const at = Math.floor(random() * (words.length - 50));
      out.push(...words.slice(at, at + 50));
    }
    return `Artifact ${i} ${out.slice(0, WORDS).join(" ")}`;
  };
}

async function seed(db, { words, types }) {
  await runAll(db, migrationStatements());
  const owners = Array.from({ length: OWNERS }, (_, i) => `u${i}`);
  await insertRows(
    db,
    "users",
    ["id", "email", "password_hash", "display_name", "created_at", "updated_at"],
    owners,
    (id) => [id, `${id}@bench.invalid`, "-", id, 0, 0],
  );
  const projects = owners.flatMap((owner) =>
    Array.from({ length: PROJECTS_PER_OWNER }, (_, k) => ({ id: `${owner}p${k}`, owner })),
  );
  await insertRows(db, "projects", ["id", "owner_id", "name", "created_at", "updated_at"], projects, (p) => [
    p.id,
    p.owner,
    p.id,
    0,
    0,
  ]);
  const artifacts = projects.flatMap((p) => types.map((type) => ({ ...p, type })));
  for (const [i, a] of artifacts.entries()) a.rowid = i + 1;
  await insertRows(
    db,
    "artifacts",
    ["rowid", "id", "owner_id", "project_id", "type", "title", "latest_version", "created_at", "updated_at"],
    artifacts,
    (a) => [a.rowid, `a${a.rowid}`, a.owner, a.id, a.type, `${a.type} of ${a.id}`, 1, 0, 0],
  );
  const body = bodies(words);
  await insertRows(db, "artifact_search", ["rowid", "owner", "title", "body"], artifacts, (a) => [
    a.rowid,
    a.owner,
    `${a.type} of ${a.id}`,
    body(a.rowid),
  ]);
}

/** The most frequent words, and the most frequent 4-letter beginnings of longer words: the costliest terms. */
function costliest(words) {
  const count = (keys) => {
    const n = new Map();
    for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
    return [...n.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  };
  return {
    words: count(words).slice(0, 8),
    prefixes: count(words.filter((w) => w.length > 4).map((w) => w.slice(0, 4))).slice(0, 8),
  };
}

export async function measureSearch({ dir }) {
  const script = join(dir, "search-worker.mjs");
  await bundleWorker(join(ROOT, "bench/lib/heavy-search-worker.mjs"), script);
  const mf = new Miniflare({
    modules: true,
    script: readFileSync(script, "utf8"),
    ...appCompatibility(),
    d1Databases: ["DB"],
  });
  try {
    const db = await mf.getD1Database("DB");
    const data = await corpus();
    const started = performance.now();
    await seed(db, data);
    const seededMs = performance.now() - started;
    const pid = descendants(process.pid).find(
      (p) => readFileSync(`/proc/${p}/comm`, "utf8").trim() === "workerd",
    );
    const worst = costliest(data.words);
    const letters = Array.from({ length: 100 }, (_, i) => String.fromCharCode(97 + (i % 26)));
    const oldRules = (any) =>
      `owner:"u1" AND (${letters.map((l) => `"${l}"*`).join(any ? " OR " : " AND ")})`;
    const cases = [
      { name: "one word", text: "persona" },
      { name: "the 8 most frequent words, every one", text: worst.words.join(" ") },
      { name: "the 8 most frequent 4-letter prefixes, every one", text: worst.prefixes.join(" ") },
      {
        name: "the 8 most frequent 4-letter prefixes, any one (research)",
        text: worst.prefixes.join(" "),
        any: true,
      },
      {
        name: "reference, the old rules: 100 one-letter prefixes, every one",
        path: `/match?expr=${encodeURIComponent(oldRules(false))}`,
        runs: 1,
      },
      {
        name: "reference, the old rules: the same, any one",
        path: `/match?expr=${encodeURIComponent(oldRules(true))}`,
        runs: 1,
      },
    ];
    const rows = [];
    for (const c of cases) {
      const path = c.path ?? `/search?text=${encodeURIComponent(c.text)}&any=${c.any ? 1 : 0}`;
      const times = [];
      let peak = 0;
      let found;
      for (let i = 0; i < (c.runs ?? RUNS); i++) {
        const base = residentMb(pid);
        // The Worker and the local D1 share the process: the peak is both's.
        resetPeak(pid);
        const t = performance.now();
        const res = await mf.dispatchFetch(`http://bench${path}`);
        if (!res.ok) throw new Error(`${c.name}: ${res.status} ${await res.text()}`);
        found = (await res.json()).rows;
        times.push(performance.now() - t);
        peak = Math.max(peak, residentMb(pid, "VmHWM") - base);
      }
      times.sort((a, b) => a - b);
      rows.push({
        name: c.name,
        terms: c.text ?? null,
        ms: Math.round(times[Math.floor(times.length / 2)]),
        peakMb: Math.round(peak * 10) / 10,
        rows: found,
      });
    }
    return { artifacts: ARTIFACTS, words: WORDS, seededMs: Math.round(seededMs), rows };
  } finally {
    await mf.dispose();
  }
}
