/**
 * Fixed-window rate limits kept in KV.
 *
 * KV is eventually consistent and has no atomic increment, so these are coarse limits (a burst
 * across locations can pass a little over), which is what they are for: slowing password guessing and
 * floods, not metering. Quotas are one typed table so they are read and tuned in one place.
 */
import { Problem } from "./problem";
import { pseudonym } from "./pseudonym";

export const QUOTAS = {
  /** Password guessing from one client. */
  loginPerClient: { limit: 20, windowSeconds: 60 },
  /** Password guessing against one account, from anywhere. */
  loginPerEmail: { limit: 10, windowSeconds: 900 },
  registerPerClient: { limit: 10, windowSeconds: 3600 },
  /** Probing whether an email has an account (409) from many clients. */
  registerPerEmail: { limit: 5, windowSeconds: 3600 },
  passwordResetPerEmail: { limit: 3, windowSeconds: 3600 },
  refreshPerClient: { limit: 60, windowSeconds: 60 },
  /** Any state-changing request by one signed-in user. */
  writesPerUser: { limit: 120, windowSeconds: 60 },
} as const satisfies Record<string, { limit: number; windowSeconds: number }>;

export type QuotaName = keyof typeof QUOTAS;

/** KV refuses expirations under 60 s. */
const MIN_KV_TTL = 60;

/**
 * Counts one hit against `quota` for `subject`; throws 429 with Retry-After once over the limit.
 */
export async function hit(
  env: Pick<Env, "KV" | "JWT_SECRET">,
  quota: QuotaName,
  subject: string,
  now = Date.now(),
): Promise<void> {
  const kv = env.KV;
  const { limit, windowSeconds } = QUOTAS[quota];
  const window = Math.floor(now / 1000 / windowSeconds);
  // Subjects (emails, addresses) are stored only as keyed pseudonyms, and expire with the window.
  const key = `rl:${quota}:${await pseudonym(env, subject)}:${window}`;
  const count = Number((await kv.get(key)) ?? 0);
  if (count >= limit) {
    const retryAfter = (window + 1) * windowSeconds - Math.floor(now / 1000);
    throw new Problem(429, "Too many requests; try again later.", {
      headers: { "Retry-After": String(Math.max(1, retryAfter)) },
    });
  }
  await kv.put(key, String(count + 1), { expirationTtl: Math.max(MIN_KV_TTL, windowSeconds) });
}

/** The client address as Cloudflare's edge reports it (not spoofable behind Cloudflare). */
export const clientAddress = (req: Request) => req.headers.get("CF-Connecting-IP") ?? "local";
