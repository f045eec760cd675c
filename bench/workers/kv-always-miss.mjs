/**
 * A KV binding that always misses but still pays for the lookup: every get goes to the real
 * namespace and its answer is dropped; puts and deletes go through. Bound as the app's KV in the
 * bench's "cache-miss" copy of the app, it makes every public read take the full miss path (KV get,
 * D1, serialization, KV put) on a repeated URL, which distinct keys could not guarantee for
 * creation-by-id at 1,000 creations. A Miniflare wrapped binding: it runs inside the app's isolate.
 * MODE "none" skips the lookup and the fill too: the app with its cache layer switched off.
 */
export default function alwaysMiss({ INNER: kv, MODE = "lookup+fill" }) {
  const lookup = MODE.includes("lookup");
  const fill = MODE.includes("fill");
  return {
    async get(key, options) {
      if (lookup) await kv.get(key, options);
      return null;
    },
    async getWithMetadata(key, options) {
      await kv.getWithMetadata(key, options);
      return { value: null, metadata: null, cacheStatus: null };
    },
    put: async (key, value, options) => {
      if (fill) await kv.put(key, value, options);
    },
    delete: (key) => kv.delete(key),
    list: (options) => kv.list(options),
  };
}
