/**
 * Read-through JSON caching in KV, for public data only (a cached value is served to anyone).
 *
 * Single entries are deleted when they change. Families of entries that cannot be listed cheaply
 * (every page of every listing) live under a generation number: bumping it makes them all unreachable
 * at once, and old ones expire on their own. Each isolate remembers the generation briefly so a warm
 * read is one KV get; a write in this isolate is seen at once, elsewhere within GENERATION_MEMO_MS
 * (KV itself takes up to a minute to reach other locations).
 */
export const GENERATION_MEMO_MS = 2_000;

export async function cachedJson<T>(kv: KVNamespace, key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await kv.get<T>(key, "json");
  if (hit !== null) return hit;
  const value = await load();
  // Filling the cache must never fail the read that wanted it.
  await kv.put(key, JSON.stringify(value), { expirationTtl: Math.max(60, ttlSeconds) }).catch(() => {});
  return value;
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
