/**
 * Rate limits, of two kinds, chosen by what a limit protects:
 *
 * - **Exact counters in D1** where a limit guards accounts (sign-in attempts, registration, reset
 *   mail). A hit is one atomic `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`:
 *   D1 runs statements one at a time, so under any concurrency exactly `limit` requests pass per
 *   window (60 parallel wrong passwords for one email check 10 of them). Windows may be any length.
 * - **The Workers Rate Limiting binding** for per-minute throughput limits (token refreshes per
 *   client, writes per user): no storage write at all, counted in memory at the Cloudflare location
 *   (approximate across locations, by design); Miniflare and the test pool count it exactly, in
 *   one fixed window per period. Its limit and period live in wrangler.jsonc (`ratelimits`), which
 *   must say what QUOTAS says (a test checks each against its binding).
 *
 * Neither writes KV, which allows one write per second per key: a counter is written on every hit.
 * Subjects (emails, addresses, ids) are only ever stored or sent as keyed pseudonyms.
 */
import { inArray, lt, sql } from "drizzle-orm";
import { rateCounters } from "../db/schema";
import { database, type Database } from "./db";
import { Problem } from "./problem";
import { pseudonym } from "./pseudonym";

type Binding = "REFRESH_LIMITER" | "WRITE_LIMITER";

interface Quota {
  limit: number;
  windowSeconds: number;
  /** Counted by this Rate Limiting binding (per-minute limits only); else exactly, in D1. */
  binding?: Binding;
}

export const QUOTAS = {
  /** Password guessing from one client (an office shares one address: 20 a minute is generous). */
  loginPerClient: { limit: 20, windowSeconds: 60 },
  /** Password guessing against one account, from anywhere. */
  loginPerEmail: { limit: 10, windowSeconds: 900 },
  registerPerClient: { limit: 10, windowSeconds: 3600 },
  /** Probing whether an email has an account (409) from many clients. */
  registerPerEmail: { limit: 5, windowSeconds: 3600 },
  passwordResetPerEmail: { limit: 3, windowSeconds: 3600 },
  refreshPerClient: { limit: 60, windowSeconds: 60, binding: "REFRESH_LIMITER" },
  /** Any state-changing request by one signed-in user. */
  writesPerUser: { limit: 120, windowSeconds: 60, binding: "WRITE_LIMITER" },
} as const satisfies Record<string, Quota>;

export type QuotaName = keyof typeof QUOTAS;

function tooMany(windowSeconds: number, nowSeconds: number, window: number) {
  const retryAfter = (window + 1) * windowSeconds - nowSeconds;
  return new Problem(429, "Too many requests; try again later.", {
    headers: { "Retry-After": String(Math.max(1, retryAfter)) },
  });
}

/** One atomic count in D1; the new count of the window. */
export const countHit = (
  db: Database,
  hit: { quota: QuotaName; subject: string; window: number; expiresAt: number },
) =>
  db
    .insert(rateCounters)
    .values({ ...hit, count: 1 })
    .onConflictDoUpdate({
      target: [rateCounters.subject, rateCounters.quota, rateCounters.window],
      set: { count: sql`${rateCounters.count} + 1` },
    })
    .returning({ count: rateCounters.count })
    .get();

/**
 * Counts one hit against `quota` for `subject`; throws 429 with Retry-After once over the limit.
 */
export async function hit(env: Env, quota: QuotaName, subject: string, now = Date.now()): Promise<void> {
  const spec: Quota = QUOTAS[quota];
  const nowSeconds = Math.floor(now / 1000);
  const window = Math.floor(nowSeconds / spec.windowSeconds);
  const key = await pseudonym(env, subject);
  if (spec.binding) {
    const { success } = await env[spec.binding].limit({ key });
    if (!success) throw tooMany(spec.windowSeconds, nowSeconds, window);
    return;
  }
  const counted = await countHit(database(env), {
    quota,
    subject: key,
    window,
    expiresAt: (window + 1) * spec.windowSeconds * 1000,
  });
  if (!counted || counted.count > spec.limit) throw tooMany(spec.windowSeconds, nowSeconds, window);
}

/** Deletes the D1 counters of these subjects (erasure); binding counters hold no state past a minute. */
export const forgetCounters = (db: Database, pseudonyms: string[]) =>
  db.delete(rateCounters).where(inArray(rateCounters.subject, pseudonyms));

/** Deletes counters whose window has ended (the daily retention run). */
export const expiredCounters = (db: Database, now: number) =>
  db.delete(rateCounters).where(lt(rateCounters.expiresAt, now));

/** The client address as Cloudflare's edge reports it (not spoofable behind Cloudflare). */
export const clientAddress = (req: Request) => req.headers.get("CF-Connecting-IP") ?? "local";
