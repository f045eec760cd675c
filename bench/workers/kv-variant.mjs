/**
 * The app's KV binding as the bench varies it: a Miniflare wrapped binding, so it runs inside the
 * app's own isolate and the app's bundle is unchanged. Two choices, from its bindings:
 *
 * Where KV lives. With INNER it is the local KV simulator, which runs in the app's own workerd
 * process: every get and put then costs the Worker's process the simulator's work too (SQLite plus a
 * blob file per value), which on Cloudflare is KV's work, not the Worker's. With REMOTE (a service
 * binding to workers/kv-server.mjs in a second workerd) each call is a subrequest, as KV calls are on
 * Cloudflare, and the simulator's CPU is counted apart.
 *
 * What it answers. MODE "real" passes everything through. "lookup+fill" always misses but pays for
 * the lookup: every get asks for a key that is never stored (what a real miss costs, not a hit whose
 * value is dropped); puts and deletes go through. Every public read then takes the full miss path
 * (KV lookup, D1, serialization, KV put) on a repeated URL, which distinct keys could not guarantee
 * for creation-by-id at 1,000 creations. "none" skips the lookup and the fill too: the app with its
 * cache layer switched off.
 */
export default function kvVariant({ INNER, REMOTE, MODE = "real" }) {
  const kv = INNER ?? remoteKv(REMOTE);
  if (MODE === "real") return kv;
  const lookup = MODE.includes("lookup");
  const fill = MODE.includes("fill");
  return {
    async get(key, options) {
      if (lookup) await kv.get(absent(key), options);
      return null;
    },
    async getWithMetadata(key, options) {
      if (lookup) await kv.getWithMetadata(absent(key), options);
      return { value: null, metadata: null, cacheStatus: null };
    },
    put: async (key, value, options) => {
      if (fill) await kv.put(key, value, options);
    },
    delete: (key) => kv.delete(key),
    list: (options) => kv.list(options),
  };
}

/** A key that no put ever writes. */
const absent = (key) => `${key}\u0000miss`;

/** The part of the KV API the app uses (string values), spoken to kv-server.mjs over HTTP. */
function remoteKv(service) {
  const call = async (method, path, body) => {
    const res = await service.fetch(`http://kv${path}`, { method, body });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`KV ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.text();
  };
  const at = (key, query = "") => `/k/${encodeURIComponent(key)}${query}`;
  return {
    async get(key, options) {
      const text = await call("GET", at(key));
      const type = typeof options === "string" ? options : options?.type;
      return text !== null && type === "json" ? JSON.parse(text) : text;
    },
    async getWithMetadata(key, options) {
      return { value: await this.get(key, options), metadata: null, cacheStatus: null };
    },
    async put(key, value, options = {}) {
      await call("PUT", at(key, options.expirationTtl ? `?ttl=${options.expirationTtl}` : ""), value);
    },
    async delete(key) {
      await call("DELETE", at(key));
    },
    async list(options = {}) {
      const q = new URLSearchParams(
        Object.entries(options)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      );
      return JSON.parse(await call("GET", `/list?${q}`));
    },
  };
}
