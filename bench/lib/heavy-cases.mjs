/**
 * The heavy paths a user can trigger, at their largest allowed input, as a Worker module: bench/heavy.mjs
 * bundles this file with the app's own functions from src/ and runs it in workerd, the runtime the
 * Worker runs in, one case per fresh process.
 *
 *   GET /cases                the case names
 *   GET /warm                 runs every path once on a small input (the baseline holds the compiled code)
 *   GET /run?case=<name>      runs one case and answers { result }
 *   GET /run?case=<name>&collect=1
 *                             the same with a full collection (workerd --expose-gc) at every boundary
 *                             the path has (each archive entry, segment part, drained chunk): what
 *                             peaks then is what the path keeps alive, not garbage V8 had not collected yet
 *
 * The FONTS binding is the built static assets (public/), read as the Worker reads them (assetFonts).
 */
import { exportArtifact } from "../../src/features/artifacts/export.ts";
import { MAX_BODY_BYTES } from "../../src/features/artifacts/library.ts";
import { unifiedDiff, MAX_DIFF_EDITS } from "../../src/lib/diff.ts";
import { renderMarkdown } from "../../src/lib/markdown.ts";
import { assetFonts } from "../../src/lib/pdf-fonts.ts";
import { PART_BYTES, putStream } from "../../src/lib/r2-upload.ts";
import { SEGMENT_BYTES, sealStream } from "../../src/lib/sealing.ts";
import { zip, zipStream } from "../../src/lib/zip.ts";

/** Set per request: a full collection at each boundary, or nothing. */
let boundary = () => {};

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

/** The diff as the versions route asks for it: shown, or refused with its problem code. */
const diffOutcome = (a, b) => {
  try {
    return `${unifiedDiff(a, b, { from: "v1", to: "v2" }).length} chars`;
  } catch (e) {
    return `refused (${e.extra?.code})`;
  }
};

const pdf = async (env, title, body) =>
  (
    await exportArtifact(
      { id: "a", type: "prd", title, version: 1, updatedAt: new Date(0).toISOString(), body },
      "pdf",
      assetFonts(env.FONTS),
    )
  ).bytes;

/** Reads a stream to its end without keeping it (the client or R2 takes it); returns its length. */
async function drain(stream) {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.byteLength;
    boundary();
  }
  return bytes;
}

async function projectZip(count) {
  const entries = Array.from({ length: count }, (_, i) => ({
    name: `prd/artifact-${i}.md`,
    // Read when the entry is written, as the route reads each body from KV or R2.
    data: async () => artifactBody(MAX_BODY_BYTES, `t${i}`),
  }));
  return `${await drain(zipStream(entries))} bytes`;
}

/** An R2 bucket that takes a multipart upload and keeps nothing (only its parts' sizes). */
const nullBucket = () => ({
  async createMultipartUpload() {
    const parts = [];
    return {
      async uploadPart(n, bytes) {
        parts.push(bytes.byteLength);
        boundary();
        return { partNumber: n, etag: String(n) };
      },
      async complete() {},
      async abort() {},
    };
  },
});

/** `count` archive entries of a 5 MiB image each, read (made) only when the archive reaches them, as from R2. */
const images = (count) =>
  Array.from({ length: count }, (_, i) => ({
    name: `creations/${i}/image.png`,
    store: true,
    data: async () => {
      boundary();
      const bytes = new Uint8Array(5 * 1024 * 1024);
      for (let j = 0; j < bytes.length; j += 4096) bytes[j] = (i + j) & 0xff;
      return bytes;
    },
  }));

const DATA_KEYS = "t1:/l/0poYu4M8PKHgYza42uhlw8d3nU0cab0KqjF9FgZs=";

async function accountExport(count) {
  const env = { DATA_KEYS };
  const sealing = await sealStream(env, "exports/u/1.zip");
  const stored = await putStream(
    nullBucket(),
    "exports/u/1.zip",
    zipStream(images(count)).pipeThrough(sealing.stream),
  );
  return `${stored} bytes stored`;
}

const CASES = {
  /** Issue 17's measurement: two 3,000-line versions that share nothing (the old diff: 371 MB). */
  "diff-3000": () => {
    const body = (t) =>
      Array.from({ length: 3000 }, (_, i) => `${t} line ${i} of a long document`).join("\n");
    return diffOutcome(body("a"), body("b"));
  },
  /** The largest body (512 KiB) of the shortest lines (~80,000), all different: refused, bounded. */
  "diff-max-body-all-changed": () =>
    diffOutcome(shortLines(MAX_BODY_BYTES, "a"), shortLines(MAX_BODY_BYTES, "b")),
  /** The largest diff still shown: a 512 KiB body with just under MAX_DIFF_EDITS / 2 lines replaced, spread out. */
  "diff-max-body-largest-shown": () => {
    const a = artifactBody(MAX_BODY_BYTES).split("\n");
    const b = [...a];
    const changes = MAX_DIFF_EDITS / 2 - 10;
    for (let k = 0; k < changes; k++) {
      const i = Math.floor((k * a.length) / changes);
      b[i] = `${b[i]} (edited)`;
    }
    return diffOutcome(a.join("\n"), b.join("\n"));
  },
  /** Rendering the largest artifact to HTML (the artifact page, HTML export). */
  "markdown-max-body": () => `${renderMarkdown(artifactBody(MAX_BODY_BYTES)).length} chars`,
  /** The largest artifact as a PDF, with the fonts the Worker reads from its assets (npm run build). */
  "pdf-max-body": async (env) =>
    `${(await pdf(env, "Largest artifact", artifactBody(MAX_BODY_BYTES))).byteLength} bytes`,
  /** A project ZIP of 30 artifacts at the largest body, as the route builds it: streamed, one body read at a time. */
  "project-zip-30-max-bodies": () => projectZip(30),
  /** The same with 300 artifacts: memory stays flat as the project grows. */
  "project-zip-300-max-bodies": () => projectZip(300),
  /** The account export's images (10 × 5 MiB) as the export job builds it: streamed, sealed in segments, uploaded in parts. */
  "account-export-10-images": () => accountExport(10),
  /** 40 images: flat as well. */
  "account-export-40-images": () => accountExport(40),
  /**
   * The reference for the export: the least any sealed export of 40 images can do. Each image is
   * encrypted in segments of the same size with WebCrypto and copied into one part buffer; no ZIP,
   * no streams, no upload.
   */
  "reference-encrypt-40-images": async () => {
    const key = await crypto.subtle.importKey("raw", new Uint8Array(32), "AES-GCM", false, ["encrypt"]);
    const part = new Uint8Array(PART_BYTES);
    let filled = 0;
    let total = 0;
    for (const image of images(40)) {
      const bytes = await image.data();
      for (let at = 0; at < bytes.byteLength; at += SEGMENT_BYTES) {
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const sealed = new Uint8Array(
          await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, bytes.subarray(at, at + SEGMENT_BYTES)),
        );
        for (let from = 0; from < sealed.byteLength; ) {
          const n = Math.min(part.byteLength - filled, sealed.byteLength - from);
          part.set(sealed.subarray(from, from + n), filled);
          filled = (filled + n) % part.byteLength;
          if (filled === 0) boundary();
          from += n;
        }
        total += sealed.byteLength;
      }
    }
    return `${total} bytes sealed`;
  },
};

async function warm(env) {
  renderMarkdown("# warm\n\n- x\n");
  await pdf(env, "warm", "# warm\n");
  unifiedDiff("a\n", "b\n", { from: "1", to: "2" });
  await zip([{ name: "w", data: "warm" }]);
  await drain(zipStream([{ name: "w", data: async () => "warm" }]));
  await accountExport(1);
  return "warm";
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const name = url.searchParams.get("case");
    const collect = url.searchParams.get("collect") === "1";
    if (collect && typeof globalThis.gc !== "function")
      return new Response("workerd runs without --expose-gc", { status: 500 });
    boundary = collect ? () => globalThis.gc() : () => {};
    if (url.pathname === "/cases") return Response.json(Object.keys(CASES));
    if (url.pathname === "/warm") return Response.json({ result: await warm(env) });
    if (!CASES[name]) return new Response(`No case ${name}`, { status: 404 });
    // Timed by the caller: workerd's clock stands still while a script computes.
    return Response.json({ result: await CASES[name](env) });
  },
};
