/**
 * The heavy paths a user can trigger, at their largest allowed input, with their peak memory: each
 * case runs in a fresh Node process (the same V8 as workerd) and reports how much its resident set
 * grew over the loaded, warmed-up baseline, and how long it took. A Worker has 128 MB in all; the
 * target for one request is under 64 MB (docs/PERFORMANCE.md, "Heavy paths").
 *
 *   npm run bench:heavy            # every case; writes bench/results/heavy.json and prints a table
 *   node bench/heavy.mjs diff-3000 # one case, in this process
 *
 * The app's own functions run (bundled from src/ by esbuild, as bench/lib/app-modules.mjs does).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importBundled } from "./lib/app-modules.mjs";
import { ROOT } from "./lib/paths.mjs";

const ENTRY = `
export { unifiedDiff, MAX_DIFF_EDITS } from "./src/lib/diff.ts";
export { renderMarkdown } from "./src/lib/markdown.ts";
export { exportArtifact } from "./src/features/artifacts/export.ts";
export { zip, zipStream } from "./src/lib/zip.ts";
export { sealStream } from "./src/lib/sealing.ts";
export { putStream } from "./src/lib/r2-upload.ts";
export { MAX_BODY_BYTES } from "./src/features/artifacts/library.ts";
`;

const load = () => importBundled(ENTRY, "heavy-modules");

/** A realistic artifact of about `bytes`: headings, paragraphs, lists, a table, code; line ~60 chars. */
function artifactBody(bytes, tag = "a") {
  const blocks = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = [
      `## Section ${i} ${tag}`,
      "",
      `The ${tag} persona needs to finish task ${i} in under two minutes, on a phone, one-handed.`,
      "",
      `- Goal ${i}: **reduce** drop-off at step ${i % 7}`,
      `- Metric ${i}: completion rate, time on task, errors (${tag})`,
      "",
      "| Screen | Purpose | Priority |",
      "| --- | --- | --- |",
      `| S${i} | Capture the ${tag} input | P${i % 3} |`,
      "",
    ].join("\n");
    blocks.push(block);
    size += block.length + 1;
  }
  return blocks.join("\n").slice(0, bytes);
}

/** Short distinct lines, the most lines a body of `bytes` holds: the diff's worst shape. */
const shortLines = (bytes, tag) => {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${tag}${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
};

const CASES = {
  /** Issue 17's measurement: two 3,000-line versions that share nothing (the old diff: 371 MB). */
  "diff-3000": (m) => {
    const body = (t) =>
      Array.from({ length: 3000 }, (_, i) => `${t} line ${i} of a long document`).join("\n");
    try {
      m.unifiedDiff(body("a"), body("b"), { from: "v1", to: "v2" });
      return "shown";
    } catch (e) {
      return `refused (${e.extra?.code})`;
    }
  },
  /** The largest body (512 KiB) of the shortest lines (~80,000), all different: refused, bounded. */
  "diff-max-body-all-changed": (m) => {
    try {
      m.unifiedDiff(shortLines(m.MAX_BODY_BYTES, "a"), shortLines(m.MAX_BODY_BYTES, "b"), {
        from: "v1",
        to: "v2",
      });
      return "shown";
    } catch (e) {
      return `refused (${e.extra?.code})`;
    }
  },
  /** The largest diff still shown: a 512 KiB body with just under MAX_DIFF_EDITS / 2 lines replaced, spread out. */
  "diff-max-body-largest-shown": (m) => {
    const a = artifactBody(m.MAX_BODY_BYTES).split("\n");
    const b = [...a];
    const changes = m.MAX_DIFF_EDITS / 2 - 10;
    for (let k = 0; k < changes; k++) {
      const i = Math.floor((k * a.length) / changes);
      b[i] = `${b[i]} (edited)`;
    }
    return `${m.unifiedDiff(a.join("\n"), b.join("\n"), { from: "v1", to: "v2" }).length} chars`;
  },
  /** Rendering the largest artifact to HTML (the artifact page, HTML export). */
  "markdown-max-body": (m) => `${m.renderMarkdown(artifactBody(m.MAX_BODY_BYTES)).length} chars`,
  /** The largest artifact as a PDF. */
  "pdf-max-body": async (m) =>
    `${(await pdf(m, "Largest artifact", artifactBody(m.MAX_BODY_BYTES))).byteLength} bytes`,
  /** A project ZIP of 30 artifacts at the largest body, as the route builds it: streamed, one body read at a time. */
  "project-zip-30-max-bodies": (m) => projectZip(m, 30),
  /** The same with 300 artifacts: memory stays flat as the project grows. */
  "project-zip-300-max-bodies": (m) => projectZip(m, 300),
  /** The account export's images (10 × 5 MiB) as the export job builds it: streamed, sealed in segments, uploaded in parts. */
  "account-export-10-images": (m) => accountExport(m, 10),
  /** 40 images: flat as well. */
  "account-export-40-images": (m) => accountExport(m, 40),
};

/** The PDF export as the route makes it, with the fonts the Worker reads from its assets (npm run build). */
const FONTS = join(ROOT, "public/assets/fonts");
const fonts = async (file) => {
  try {
    return new Uint8Array(readFileSync(join(FONTS, file)));
  } catch {
    return undefined;
  }
};
const pdf = async (m, title, body) =>
  (
    await m.exportArtifact(
      { id: "a", type: "prd", title, version: 1, updatedAt: new Date(0).toISOString(), body },
      "pdf",
      fonts,
    )
  ).bytes;

/** Reads a stream to its end without keeping it (the client or R2 takes it); returns its length. */
async function drain(stream) {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.byteLength;
  return bytes;
}

async function projectZip(m, count) {
  const entries = Array.from({ length: count }, (_, i) => ({
    name: `prd/artifact-${i}.md`,
    // Read when the entry is written, as the route reads each body from KV or R2.
    data: async () => artifactBody(m.MAX_BODY_BYTES, `t${i}`),
  }));
  return `${await drain(m.zipStream(entries))} bytes`;
}

/** An R2 bucket that takes a multipart upload and keeps nothing (only its parts' sizes). */
const nullBucket = () => ({
  async createMultipartUpload() {
    const parts = [];
    return {
      async uploadPart(n, bytes) {
        parts.push(bytes.byteLength);
        return { partNumber: n, etag: String(n) };
      },
      async complete() {},
      async abort() {},
    };
  },
});

async function accountExport(m, count) {
  const images = Array.from({ length: count }, (_, i) => ({
    name: `creations/${i}/image.png`,
    store: true,
    // A 5 MiB image read from R2 when the archive reaches it.
    data: async () => {
      if (process.env.HEAVY_GC) global.gc?.();
      const bytes = new Uint8Array(5 * 1024 * 1024);
      for (let j = 0; j < bytes.length; j += 4096) bytes[j] = (i + j) & 0xff;
      return bytes;
    },
  }));
  const env = { DATA_KEYS: "t1:/l/0poYu4M8PKHgYza42uhlw8d3nU0cab0KqjF9FgZs=" };
  const sealing = await m.sealStream(env, "exports/u/1.zip");
  const stored = await m.putStream(
    nullBucket(),
    "exports/u/1.zip",
    m.zipStream(images).pipeThrough(sealing.stream),
  );
  return `${stored} bytes stored`;
}

async function runOne(name) {
  const m = await load();
  // Warm the code paths on a small input so the baseline holds the compiled code, not the case's data.
  m.renderMarkdown("# warm\n\n- x\n");
  await pdf(m, "warm", "# warm\n");
  m.unifiedDiff("a\n", "b\n", { from: "1", to: "2" });
  await m.zip([{ name: "w", data: "warm" }]);
  await drain(m.zipStream([{ name: "w", data: async () => "warm" }]));
  global.gc?.();
  const base = process.resourceUsage().maxRSS;
  const started = performance.now();
  const result = await CASES[name](m);
  const ms = performance.now() - started;
  const peakMb = (process.resourceUsage().maxRSS - base) / 1024;
  return { name, result, peakMb: Math.round(peakMb * 10) / 10, ms: Math.round(ms) };
}

const self = fileURLToPath(import.meta.url);
const asked = process.argv[2];
if (asked) {
  if (!CASES[asked]) throw new Error(`No case ${asked}: ${Object.keys(CASES).join(", ")}`);
  process.stdout.write(`${JSON.stringify(await runOne(asked))}\n`);
} else {
  const rows = [];
  for (const name of Object.keys(CASES)) {
    const out = execFileSync(process.execPath, ["--expose-gc", self, name], { encoding: "utf8" });
    const row = JSON.parse(out.trim().split("\n").at(-1));
    rows.push(row);
    console.log(
      `${row.name.padEnd(30)} ${String(row.peakMb).padStart(7)} MB ${String(row.ms).padStart(6)} ms  ${row.result}`,
    );
  }
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(
    join(ROOT, "bench", "results", "heavy.json"),
    `${JSON.stringify({ node: process.version, at: new Date().toISOString(), rows }, null, 2)}\n`,
  );
}
