/**
 * The per-user message rate limit and daily quota, counted in the user's own Durable Object.
 *
 * Unlike the KV counters in lib/rate-limit.ts, these are exact: a DO runs one request at a time and
 * its storage is strongly consistent, and the limit is about money (every message may be a model
 * call), so "a little over under a burst" is not good enough. Windows are fixed: the UTC minute and
 * the UTC day.
 */
import type { ChatStore } from "./store";

const MINUTE = 60_000;
const DAY = 86_400_000;

export type LimitVerdict = { ok: true } | { ok: false; retryAfter: number; detail: string };

export const minuteBucket = (now: number) => `m:${Math.floor(now / MINUTE)}`;
export const dayBucket = (now: number) => `d:${Math.floor(now / DAY)}`;

/** Counts one message if both limits allow it; otherwise says when to come back. */
export function takeMessage(
  store: ChatStore,
  limits: { perMinute: number; perDay: number },
  now: number,
): LimitVerdict {
  const secondsUntil = (boundary: number) => Math.max(1, Math.ceil((boundary - now) / 1000));
  if (store.usage(dayBucket(now)) >= limits.perDay) {
    return {
      ok: false,
      retryAfter: secondsUntil((Math.floor(now / DAY) + 1) * DAY),
      detail: `You have sent your ${limits.perDay} messages for today; the quota resets at midnight UTC.`,
    };
  }
  if (store.usage(minuteBucket(now)) >= limits.perMinute) {
    return {
      ok: false,
      retryAfter: secondsUntil((Math.floor(now / MINUTE) + 1) * MINUTE),
      detail: `At most ${limits.perMinute} messages a minute; wait a moment.`,
    };
  }
  store.countUsage(minuteBucket(now), now + 2 * MINUTE, now);
  store.countUsage(dayBucket(now), now + 2 * DAY, now);
  return { ok: true };
}

export interface UsageView {
  perDay: number;
  usedToday: number;
  leftToday: number;
  /** When the daily count starts again (midnight UTC). */
  resetsAt: string;
}

/** The daily quota as the user sees it, without counting anything. */
export function usageToday(store: ChatStore, limits: { perDay: number }, now: number): UsageView {
  const used = store.usage(dayBucket(now));
  return {
    perDay: limits.perDay,
    usedToday: used,
    leftToday: Math.max(0, limits.perDay - used),
    resetsAt: new Date((Math.floor(now / DAY) + 1) * DAY).toISOString(),
  };
}
