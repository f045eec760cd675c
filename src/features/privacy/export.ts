/**
 * Account exports (access and portability): a job of kind "export" on the jobs queue builds a ZIP of
 * everything held about the user (export-data.ts), seals it (lib/sealing.ts) and stores it in R2 under
 * exports/<userId>/; it is deleted by the retention job after EXPORT_RETENTION_DAYS.
 *
 * The download link is signed rather than stored: `/exports/<jobId>?expires=…&signature=…`, the full
 * HMAC-SHA256 of the job id and expiry under the export-link key (lib/keys.ts), which nothing else
 * uses: no pseudonym, CSRF token or other MAC a user can see is ever a valid signature. It opens
 * without a bearer token, so a browser can follow it, and stops working at `expires` (LINK_TTL_MS);
 * the status route hands out a fresh one while the file exists.
 */
import { auditEntry } from "../../lib/audit";
import { base64url, fromBase64url } from "../../lib/crypto";
import type { Deps } from "../../lib/deps";
import { notFound, Problem } from "../../lib/problem";
import { mac, verifyMac } from "../../lib/keys";
import { putStream } from "../../lib/r2-upload";
import { isSealedStream, openBytes, openStream, sealStream } from "../../lib/sealing";
import { zipStream } from "../../lib/zip";
import { enqueueJob, type JobHandler } from "../jobs/queue";
import { findJob, findJobById, findRecentJob, latestJobOfKind } from "../jobs/queries";
import { collectExport } from "./export-data";

import { exportKey } from "./archives";

export { EXPORT_PREFIX, exportKey } from "./archives";

/** A finished export this recent is returned instead of building another. */
const REUSE_MS = 10 * 60 * 1000;

/** How long a download link works; ask the status route for a new one after that. */
export const LINK_TTL_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const exportRetentionMs = (env: Env) => Number(env.EXPORT_RETENTION_DAYS || "7") * DAY_MS;

export const exportJob: JobHandler<Record<string, never>> = {
  async run({ env, db, job, progress }) {
    await progress(10);
    const files = await collectExport({ db, env }, job.ownerId);
    await progress(70);
    // Streamed: each entry is read, zipped, sealed and uploaded before the next, so an account with
    // many images is never held at once (docs/PERFORMANCE.md, heavy paths).
    const key = exportKey(job.ownerId, job.id);
    const sealing = await sealStream(env, key);
    const bytes = await putStream(env.MEDIA, key, zipStream(files).pipeThrough(sealing.stream), {
      httpMetadata: { contentType: "application/octet-stream" },
      customMetadata: { keyId: sealing.keyId },
    });
    // The account was erased while the export was built (its jobs went with it): the file must not outlive it.
    if (!(await findJobById(db, { id: job.id }))) await env.MEDIA.delete(key);
    return {
      bytes,
      files: files.length,
      expiresAt: new Date(Date.now() + exportRetentionMs(env)).toISOString(),
    };
  },
};

/**
 * Starts an export (POST /users/me/export; a GET only reads), or answers with one on its way or made
 * in the last REUSE_MS: a client may repeat the request, and each export reads the whole account.
 */
export async function requestExport({ db, env, ctx }: Deps, userId: string, now = Date.now()) {
  const pending = await findRecentJob(db, { ownerId: userId, kind: "export", since: now - REUSE_MS });
  if (pending) return { jobId: pending.id, started: false };
  const jobId = await enqueueJob(db, env, { ownerId: userId, projectId: null, kind: "export", input: {} });
  await auditEntry(db, ctx, {
    event: "data.export_requested",
    actorId: userId,
    subjectId: userId,
    detail: { jobId },
  });
  return { jobId, started: true };
}

const signed = (jobId: string, expires: number) => `${jobId}:${expires}`;

export async function downloadLink({ env }: Pick<Deps, "env">, jobId: string, now = Date.now()) {
  const expires = now + LINK_TTL_MS;
  const sig = base64url(await mac(env, "exportLink", signed(jobId, expires)));
  return {
    url: `/api/v1/exports/${jobId}?expires=${expires}&signature=${sig}`,
    expiresAt: new Date(expires).toISOString(),
  };
}

/** The caller's export job, with a fresh download link once the file is ready. */
export async function exportStatus({ db, env }: Pick<Deps, "db" | "env">, userId: string, jobId: string) {
  const job = await findJob(db, { id: jobId, ownerId: userId });
  if (job?.kind !== "export") throw notFound("export");
  const result = job.result
    ? (JSON.parse(job.result) as { bytes: number; files: number; expiresAt: string })
    : null;
  const available =
    job.status === "succeeded" && result !== null && Date.parse(result.expiresAt) > Date.now();
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    error: job.error,
    bytes: result?.bytes ?? null,
    expiresAt: result?.expiresAt ?? null,
    download: available ? await downloadLink({ env }, job.id) : null,
    createdAt: new Date(job.createdAt).toISOString(),
  };
}

/** The caller's most recent export job, as exportStatus shows it; 404 when there is none. */
export async function latestExportStatus(deps: Pick<Deps, "db" | "env">, userId: string) {
  const latest = await latestJobOfKind(deps.db, { ownerId: userId, kind: "export" });
  if (!latest) throw notFound("export (none yet: POST /api/v1/users/me/export starts one)");
  return exportStatus(deps, userId, latest.id);
}

/**
 * The export's ZIP, opened as it streams, for a valid, unexpired link; any bad or expired link is a
 * 404 that says which. Exports sealed whole before streaming (UXE1) are opened whole.
 */
export async function openExport(
  { db, env }: Pick<Deps, "db" | "env">,
  jobId: string,
  link: { expires: number; signature: string },
  now = Date.now(),
): Promise<ReadableStream<Uint8Array> | Uint8Array> {
  if (!(await verifyMac(env, "exportLink", signed(jobId, link.expires), fromBase64url(link.signature))))
    throw notFound("export link");
  if (link.expires <= now)
    throw new Problem(
      404,
      "This download link has expired; ask for a new one at GET /api/v1/users/me/exports/{id}.",
      { code: "export-link-expired" },
    );
  // The link is the credential (signed above), so the job is read by its id alone.
  const job = await findJobById(db, { id: jobId });
  const key = job?.kind === "export" ? exportKey(job.ownerId, jobId) : undefined;
  const head = key ? await env.MEDIA.get(key, { range: { offset: 0, length: 4 } }) : null;
  if (!key || !head) throw notFound("export (it may have expired)");
  const streamed = isSealedStream(new Uint8Array(await head.arrayBuffer()));
  const object = await env.MEDIA.get(key);
  if (!object) throw notFound("export (it may have expired)");
  if (!streamed) return openBytes(env, new Uint8Array(await object.arrayBuffer()), key);
  return object.body.pipeThrough(openStream(env, key));
}
