/**
 * The KV binding every test runs against: the local KV namespace, with Cloudflare's write rate
 * enforced. Production KV takes at most one write (put or delete) a second to the same key; a
 * faster one fails. Miniflare's simulator takes any rate, so a path that writes one key per
 * request passes every local test and answers 500 under real traffic. Wrapped here (a Miniflare
 * wrapped binding, configured in vitest.config.ts), every test in the suite runs with the limit,
 * on every key.
 */
const WINDOW_MS = 1000;

export default function kvWriteLimit({ INNER }) {
  const lastWrite = new Map();
  const claim = (key, op) => {
    const now = Date.now();
    const last = lastWrite.get(key);
    if (last !== undefined && now - last < WINDOW_MS)
      throw new Error(
        `KV ${op} failed: 429 Too Many Requests (key "${key}" was written ${now - last} ms ago; KV takes one write a second per key)`,
      );
    lastWrite.set(key, now);
  };
  return {
    get: (key, options) => INNER.get(key, options),
    getWithMetadata: (key, options) => INNER.getWithMetadata(key, options),
    list: (options) => INNER.list(options),
    async put(key, value, options) {
      claim(key, "PUT");
      return INNER.put(key, value, options);
    },
    async delete(key) {
      claim(key, "DELETE");
      return INNER.delete(key);
    },
  };
}
