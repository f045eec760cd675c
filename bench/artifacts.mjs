/**
 * `npm run bench:artifacts`: the offline artifact writer on one complete brief per project kind
 * (test/briefs.ts: software, shop, content business). For every artifact type it counts the
 * structural checks passed (src/features/artifacts/checks.ts: what a practitioner looks for first)
 * and times the writer: CPU per artifact (median and p95 of `--rounds` runs, after a warm-up), and
 * the PDF export of what it wrote (CPU per export, median of `--rounds`/10 runs; the fonts come from
 * public/assets/fonts, so run `npm run build` first).
 *
 * Then (not with --before, or with --no-jobs) the job phase (bench/lib/artifact-jobs.mjs): the built
 * Worker on Miniflare with its real queue, each brief told to the guide through the chat API, every
 * type generated in turn and timed from POST to the job's `succeeded`, its saved body scored again.
 *
 *   node bench/artifacts.mjs                     the working tree
 *   node bench/artifacts.mjs --before <git-ref>  the writer of <git-ref>, checked by today's checks
 *
 * Writes bench/results/artifacts[-before].json and .md. Load and drain of many jobs at once are
 * measured by `npm run bench` (bench/lib/latency.mjs) and reported in docs/PERFORMANCE.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { measureJobs } from "./lib/artifact-jobs.mjs";
import { RESULTS_DIR, ROOT } from "./lib/paths.mjs";

const args = process.argv.slice(2);
const before = args.includes("--before") ? args[args.indexOf("--before") + 1] : undefined;
const rounds = Number(args.includes("--rounds") ? args[args.indexOf("--rounds") + 1] : 200);
const withJobs = !before && !args.includes("--no-jobs");

const work = mkdtempSync(join(tmpdir(), "uxprt-artifacts-"));
let writerRoot = ROOT;
if (before) {
  // The old source tree, unpacked beside the current one: its writer, today's checks and briefs.
  const tar = execFileSync("git", ["archive", before, "src"], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync("tar", ["-x", "-C", work], { input: tar });
  writerRoot = work;
}
const entry = join(work, "entry.ts");
writeFileSync(
  entry,
  [
    `export { writeArtifact } from ${JSON.stringify(join(writerRoot, "src/features/artifacts/writer.ts"))};`,
    `export { exportArtifact } from ${JSON.stringify(join(writerRoot, "src/features/artifacts/export.ts"))};`,
    `export { ARTIFACT_TYPES as WRITER_TYPES } from ${JSON.stringify(join(writerRoot, "src/features/pipeline/catalogue.ts"))};`,
    `export { structuralChecks } from ${JSON.stringify(join(ROOT, "src/features/artifacts/checks.ts"))};`,
    `export { ARTIFACT_TYPES, FACTS, FACT_IDS } from ${JSON.stringify(join(ROOT, "src/features/pipeline/catalogue.ts"))};`,
    `export { BRIEFS, briefFacts } from ${JSON.stringify(join(ROOT, "test/briefs.ts"))};`,
  ].join("\n"),
);
const outfile = join(work, "bundle.mjs");
await build({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile,
  // An older tree unpacked in a temporary folder resolves its packages from this checkout.
  nodePaths: [join(ROOT, "node_modules")],
  logLevel: "error",
});
const m = await import(outfile);

const FONTS = join(ROOT, "public/assets/fonts");
if (!existsSync(join(FONTS, "manifest.json"))) throw new Error("no PDF fonts: run `npm run build` first");
/** The fonts as the Worker reads them from its assets (an older writer ignores the argument). */
const fonts = async (file) => {
  try {
    return new Uint8Array(readFileSync(join(FONTS, file)));
  } catch {
    return undefined;
  }
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const rows = [];
for (const [kind, brief] of Object.entries(m.BRIEFS)) {
  const facts = m.briefFacts(brief);
  for (const type of m.ARTIFACT_TYPES) {
    if (!m.WRITER_TYPES.includes(type)) {
      rows.push({
        kind,
        type,
        passed: 0,
        total: m.structuralChecks(type, "").length,
        failed: ["type missing"],
        medianMs: null,
        p95Ms: null,
        pdfMs: null,
      });
      continue;
    }
    const write = () => m.writeArtifact({ type, facts });
    for (let i = 0; i < 20; i++) write();
    const times = [];
    // Batches of 10 calls: one call is below the CPU clock's resolution on some machines.
    for (let i = 0; i < rounds / 10; i++) {
      const t0 = cpuMs();
      for (let j = 0; j < 10; j++) write();
      times.push((cpuMs() - t0) / 10);
    }
    const written = write();
    const checks = m.structuralChecks(type, written.body);
    const doc = { id: "a", type, title: written.title, version: 1, updatedAt: "", body: written.body };
    const pdf = () => m.exportArtifact(doc, "pdf", fonts);
    for (let i = 0; i < 3; i++) await pdf();
    const pdfTimes = [];
    for (let i = 0; i < Math.max(5, rounds / 10); i++) {
      const t0 = cpuMs();
      await pdf();
      pdfTimes.push(cpuMs() - t0);
    }
    rows.push({
      kind,
      type,
      passed: checks.filter((c) => c.pass).length,
      total: checks.length,
      failed: checks.filter((c) => !c.pass).map((c) => c.name),
      medianMs: Number(quantile(times, 0.5).toFixed(3)),
      p95Ms: Number(quantile(times, 0.95).toFixed(3)),
      pdfMs: Number(quantile(pdfTimes, 0.5).toFixed(2)),
    });
  }
}
let jobs;
try {
  if (withJobs) jobs = await measureJobs(m, work, (line) => console.error(line));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const kinds = Object.keys(m.BRIEFS);
const cellOf = (kind, type) => rows.find((r) => r.kind === kind && r.type === type);
const total = (k) =>
  rows.filter((r) => r.kind === k).reduce((n, r) => [n[0] + r.passed, n[1] + r.total], [0, 0]);
const timed = rows.filter((r) => r.medianMs !== null);
const md = [
  `# Artifact writer bench${before ? ` (before: ${before})` : ""}`,
  "",
  `${new Date().toISOString()}, Node ${process.version}, ${rounds} runs per artifact after 20 warm-up runs.`,
  "",
  `| Type | ${kinds.map((k) => `${k}: checks passed`).join(" | ")} | CPU median (ms) | CPU p95 (ms) | PDF export median (ms) |`,
  `| --- | ${kinds.map(() => "---").join(" | ")} | --- | --- | --- |`,
  ...m.ARTIFACT_TYPES.map((type) => {
    const cells = kinds.map((k) => {
      const r = cellOf(k, type);
      return `${r.passed}/${r.total}`;
    });
    const t = kinds.map((k) => cellOf(k, type)).filter((r) => r.medianMs !== null);
    const med = t.length ? Math.max(...t.map((r) => r.medianMs)).toFixed(2) : "—";
    const p95 = t.length ? Math.max(...t.map((r) => r.p95Ms)).toFixed(2) : "—";
    const pdfMed = t.length ? Math.max(...t.map((r) => r.pdfMs)).toFixed(1) : "—";
    return `| ${type} | ${cells.join(" | ")} | ${med} | ${p95} | ${pdfMed} |`;
  }),
  `| **all** | ${kinds.map((k) => `**${total(k)[0]}/${total(k)[1]}**`).join(" | ")} | ${timed.length ? Math.max(...timed.map((r) => r.medianMs)).toFixed(2) : "—"} (max) | ${timed.length ? Math.max(...timed.map((r) => r.p95Ms)).toFixed(2) : "—"} (max) | ${timed.length ? Math.max(...timed.map((r) => r.pdfMs)).toFixed(1) : "—"} (max) |`,
  "",
  'CPU columns: the slowest of the three briefs for that type. PDF export: `exportArtifact(…, "pdf")` of the written body, fonts read from public/assets/fonts (in Node, whose CompressionStream costs more than the Worker\'s).',
  "",
  "Failed checks:",
  "",
  ...rows.filter((r) => r.failed.length).map((r) => `- ${r.kind} ${r.type}: ${r.failed.join(", ")}`),
  ...(rows.some((r) => r.failed.length) ? [] : ["- none"]),
  ...(jobs ? jobsTable(jobs) : []),
].join("\n");

/** The job phase: latency per type (slowest brief) and what the saved bodies pass, per brief. */
function jobsTable(j) {
  const cell = (kind, type) => j.rows.find((r) => r.kind === kind && r.type === type);
  const passed = (k) =>
    j.rows.filter((r) => r.kind === k).reduce((n, r) => [n[0] + r.passed, n[1] + r.total], [0, 0]);
  return [
    "",
    "## Through the queue",
    "",
    `The built Worker on Miniflare (real D1, R2, Durable Object, queue and consumer), one job at a time; POST → the job's row \`succeeded\` (polled every ${j.pollMs} ms), and the saved body read back through the API and checked.`,
    "",
    `| Type | ${kinds.map((k) => `${k}: checks of the saved body`).join(" | ")} | job POST → succeeded (ms, slowest brief) |`,
    `| --- | ${kinds.map(() => "---").join(" | ")} | --- |`,
    ...m.ARTIFACT_TYPES.map(
      (type) =>
        `| ${type} | ${kinds.map((k) => `${cell(k, type).passed}/${cell(k, type).total}`).join(" | ")} | ${Math.max(...kinds.map((k) => cell(k, type).jobMs)).toFixed(1)} |`,
    ),
    `| **all** | ${kinds.map((k) => `**${passed(k)[0]}/${passed(k)[1]}**`).join(" | ")} | p50 ${j.done.p50Ms}, p90 ${j.done.p90Ms}, max ${j.done.maxMs} |`,
    "",
    `${j.done.samples} jobs. On the Worker's clock (created → updated): p50 ${j.serverDone.p50Ms} ms, max ${j.serverDone.maxMs} ms.`,
    ...j.rows
      .filter((r) => r.failed.length)
      .map((r) => `- ${r.kind} ${r.type} (saved): ${r.failed.join(", ")}`),
  ];
}
mkdirSync(RESULTS_DIR, { recursive: true });
const name = before ? "artifacts-before" : "artifacts";
writeFileSync(
  join(RESULTS_DIR, `${name}.json`),
  JSON.stringify({ before: before ?? null, rounds, rows, ...(jobs ? { jobs } : {}) }, null, 2),
);
writeFileSync(join(RESULTS_DIR, `${name}.md`), `${md}\n`);
console.log(md);
