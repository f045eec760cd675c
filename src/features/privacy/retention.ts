/**
 * Retention: how long what is kept, enforced daily by the cron trigger in wrangler.jsonc (the
 * Worker's `scheduled` handler). Each period is a var, so operators tune them without a deploy of code:
 * - refresh tokens and password-reset links: until they expire (spent refresh tokens are kept until
 *   then on purpose: presenting one again is how a stolen token is detected);
 * - account exports: EXPORT_RETENTION_DAYS (default 7) after they were written;
 * - audit entries: AUDIT_RETENTION_DAYS (default 365);
 * - finished jobs, whose input holds project facts: JOB_RETENTION_DAYS (default 30);
 * - the local mail outbox (MAILER=outbox only; its mails carry reset links): OUTBOX_RETENTION_MS;
 * - rate-limit counters (lib/rate-limit.ts): once their window has ended.
 * It also compacts the search index, whose segments can keep terms of deleted rows until merged.
 */
import { and, inArray, lt } from "drizzle-orm";
import { auditLog, jobs, outbox, passwordResets, refreshTokens } from "../../db/schema";
import type { Deps } from "../../lib/deps";
import { expiredCounters } from "../../lib/rate-limit";
import { r2Pages } from "../../lib/listing";
import { EXPORT_PREFIX, exportRetentionMs } from "./export";

const DAY_MS = 24 * 60 * 60 * 1000;
export const OUTBOX_RETENTION_MS = 7 * DAY_MS;

const days = (value: string | undefined, fallback: number) =>
  (Number(value) > 0 ? Number(value) : fallback) * DAY_MS;

async function deleteOldExports(env: Env, before: number): Promise<number> {
  let n = 0;
  for await (const objects of r2Pages(env.MEDIA, EXPORT_PREFIX)) {
    const old = objects.filter((o) => o.uploaded.getTime() < before).map((o) => o.key);
    if (old.length) await env.MEDIA.delete(old);
    n += old.length;
  }
  return n;
}

export async function applyRetention({ db, env }: Pick<Deps, "db" | "env">, now = Date.now()) {
  const results = await db.batch([
    db.delete(refreshTokens).where(lt(refreshTokens.expiresAt, now)),
    db.delete(passwordResets).where(lt(passwordResets.expiresAt, now)),
    db.delete(auditLog).where(lt(auditLog.at, now - days(env.AUDIT_RETENTION_DAYS, 365))),
    db
      .delete(jobs)
      .where(
        and(
          inArray(jobs.status, ["succeeded", "failed"]),
          lt(jobs.updatedAt, now - days(env.JOB_RETENTION_DAYS, 30)),
        ),
      ),
    db.delete(outbox).where(lt(outbox.createdAt, now - OUTBOX_RETENTION_MS)),
    expiredCounters(db, now),
  ]);
  const [
    refreshTokensDeleted,
    resetLinksDeleted,
    auditEntriesDeleted,
    jobsDeleted,
    mailsDeleted,
    rateCountersDeleted,
  ] = results.map((r) => (r as D1Result).meta.changes);
  const exportsDeleted = await deleteOldExports(env, now - exportRetentionMs(env));
  await env.DB.prepare("INSERT INTO artifact_search(artifact_search) VALUES ('optimize')").run();
  const summary = {
    refreshTokensDeleted,
    resetLinksDeleted,
    auditEntriesDeleted,
    jobsDeleted,
    mailsDeleted,
    rateCountersDeleted,
    exportsDeleted,
  };
  console.log(JSON.stringify({ level: "info", msg: "retention", ...summary }));
  return summary;
}
