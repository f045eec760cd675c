/**
 * Read-through JSON caching in KV, for public data only (a cached value is served to anyone).
 *
 * KV takes one write a second per key (a faster `put` or `delete` of the same key fails in
 * production), so no request path writes a KV key that other requests write too, and the cache is
 * best-effort: a failed fill or delete never fails the request that made it.
 *
 * Invalidation writes nothing to KV. Families of entries (the whole gallery: every creation, every
 * page of every listing, every tag suggestion) are versioned by a generation number kept in D1
 * (`cache_generations`), bumped by `bumpGeneration` inside the same db.batch as the change: the
 * number moves exactly when the change commits, and a hot family costs one D1 row update per
 * write, which D1 serializes without a rate limit. Every key of the family carries the number, so
 * a bump makes all of them unreachable at once, and old ones expire on their own. Each isolate
 * remembers the number for GENERATION_MEMO_MS, so a warm read needs no D1 lookup; the isolate that
 * wrote forgets it at once (`forgetGeneration`), others see the change within GENERATION_MEMO_MS.
 * Immutable data (an artifact's version) needs no invalidation at all: its key names the version.
 *
 * Each isolate also remembers what KV answered, for ENTRY_MEMO_MS and within ENTRY_MEMO_BYTES: a hot
 * page is then served with no KV round trip at all: the benchmark measured the KV get and the parse
 * of the entry at about half of a warm read's CPU (docs/PERFORMANCE.md). A change made in this
 * isolate is seen at once (`uncache`, or a new generation), elsewhere within ENTRY_MEMO_MS. Only KV
 * hits are remembered, never a value just loaded, so a miss is always a real miss and an isolate
 * holds nothing KV does not. Remembered values are shared by requests: callers must not mutate
 * what they get. Entries stay the text KV returned (see JsonText), so a warm read can send them
 * without parsing and serializing them again.
 */
import { eq, sql } from "drizzle-orm";
import { cacheGenerations } from "../db/schema";
import type { Database } from "./db";
import { JsonText } from "./json-text";

/** KV takes one write (put or delete) a second per key; a faster one fails. */
export const KV_WRITE_INTERVAL_MS = 1_000;
export const GENERATION_MEMO_MS = 2_000;
export const ENTRY_MEMO_MS = 2_000;
/** Bounds the memory an isolate spends on remembered entries (as JSON text); the oldest go first. */
export const ENTRY_MEMO_BYTES = 4 * 1024 * 1024;

const entries = new Map<string, { value: JsonText<unknown>; bytes: number; until: number }>();
let entryBytes = 0;

function drop(key: string): void {
  const e = entries.get(key);
  if (!e) return;
  entryBytes -= e.bytes;
  entries.delete(key);
}

function remember(key: string, value: JsonText<unknown>, bytes: number, now: number): void {
  drop(key);
  if (bytes > ENTRY_MEMO_BYTES) return;
  while (entryBytes + bytes > ENTRY_MEMO_BYTES) drop(entries.keys().next().value!);
  entries.set(key, { value, bytes, until: now + ENTRY_MEMO_MS });
  entryBytes += bytes;
}

/** Why a best-effort cache write failed, for the logs (never for the client). */
function cacheWriteFailed(op: "put" | "delete", key: string, err: unknown) {
  console.warn(JSON.stringify({ level: "warn", msg: "cache write failed", op, key, error: String(err) }));
}

/**
 * Deletes an entry from KV and from this isolate's memory, for the rare sweeps that retire entries
 * one by one (erasure, key rotation). Best-effort: entries also expire on their own.
 */
export async function uncache(kv: KVNamespace, key: string): Promise<void> {
  drop(key);
  await kv.delete(key).catch((err) => cacheWriteFailed("delete", key, err));
}

/** The entry as a JSON document: served from memory, else from KV, else loaded and stored. */
export async function cachedJsonText<T>(
  kv: KVNamespace,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T>,
  now = Date.now(),
): Promise<JsonText<T>> {
  const memo = entries.get(key);
  if (memo && memo.until > now) return memo.value as JsonText<T>;
  const text = await kv.get(key, "text");
  if (text !== null) {
    const hit = JsonText.fromText<T>(text);
    remember(key, hit, text.length, now);
    return hit;
  }
  const loaded = JsonText.of(await load());
  // Filling the cache must never fail the read that wanted it. It is awaited, not deferred with
  // waitUntil: a deferred fill could land after a following write's delete and serve stale data.
  await kv
    .put(key, loaded.text, { expirationTtl: Math.max(60, ttlSeconds) })
    .catch((err) => cacheWriteFailed("put", key, err));
  return loaded;
}

export async function cachedJson<T>(
  kv: KVNamespace,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  return (await cachedJsonText(kv, key, ttlSeconds, load, now)).value;
}

const memo = new Map<string, { value: number; until: number }>();

/** The family's current generation: from this isolate's memory, else from D1. */
export async function generation(db: Database, family: string, now = Date.now()): Promise<number> {
  const m = memo.get(family);
  if (m && m.until > now) return m.value;
  const row = await db
    .select({ generation: cacheGenerations.generation })
    .from(cacheGenerations)
    .where(eq(cacheGenerations.family, family))
    .get();
  const value = row?.generation ?? 0;
  memo.set(family, { value, until: now + GENERATION_MEMO_MS });
  return value;
}

/** The statement that moves the family to a new generation: put it in the change's own db.batch. */
export function bumpGeneration(db: Database, family: string) {
  return db
    .insert(cacheGenerations)
    .values({ family, generation: 1 })
    .onConflictDoUpdate({
      target: cacheGenerations.family,
      set: { generation: sql`${cacheGenerations.generation} + 1` },
    });
}

/** After the batch with `bumpGeneration` committed: this isolate reads the new number next time. */
export function forgetGeneration(family: string): void {
  memo.delete(family);
}
