/**
 * Read-through JSON caching in KV, for public data only (a cached value is served to anyone).
 *
 * Single entries are deleted when they change. Families of entries that cannot be listed cheaply
 * (every page of every listing) live under a generation number: bumping it makes them all unreachable
 * at once, and old ones expire on their own. Each isolate remembers the generation briefly so a warm
 * read needs no generation lookup; a write in this isolate is seen at once, elsewhere within
 * GENERATION_MEMO_MS (KV itself takes up to a minute to reach other locations).
 *
 * Each isolate also remembers what KV answered, for ENTRY_MEMO_MS and within ENTRY_MEMO_BYTES: a hot
 * page is then served with no KV round trip at all: the benchmark measured the KV get and the parse
 * of the entry at about half of a warm read's CPU (docs/PERFORMANCE.md). The same bounds as
 * generations apply: a change made in this isolate is seen at once (`uncache`), elsewhere within
 * ENTRY_MEMO_MS. Only KV hits are remembered, never a value just loaded, so a miss is always a real
 * miss and an isolate holds nothing KV does not. Remembered values are shared by requests: callers
 * must not mutate what they get. Entries stay the text KV returned (see JsonText), so a warm read
 * can send them without parsing and serializing them again.
 */
import { JsonText } from "./json-text";

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

/** Deletes an entry from KV and from this isolate's memory: the one way to invalidate an entry. */
export async function uncache(kv: KVNamespace, key: string): Promise<void> {
  drop(key);
  await kv.delete(key);
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
  await kv.put(key, loaded.text, { expirationTtl: Math.max(60, ttlSeconds) }).catch(() => {});
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

const memo = new Map<string, { value: string; until: number }>();

export async function generation(kv: KVNamespace, family: string, now = Date.now()): Promise<string> {
  const m = memo.get(family);
  if (m && m.until > now) return m.value;
  const value = (await kv.get(`gen:${family}`)) ?? "0";
  memo.set(family, { value, until: now + GENERATION_MEMO_MS });
  return value;
}

export async function bumpGeneration(kv: KVNamespace, family: string, now = Date.now()): Promise<void> {
  const value = `${now.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  memo.set(family, { value, until: now + GENERATION_MEMO_MS });
  await kv.put(`gen:${family}`, value);
}
