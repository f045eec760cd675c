/**
 * What one scale measures. Each scenario names the host (which service in the one workerd), the
 * path or path file, the wrk script and the references its figures are divided by. A new
 * throughput benchmark is an entry here and, if it needs a custom request, a script in bench/lua
 * (single exchanges such as chat replies and jobs are timed in latency.mjs instead).
 *
 * "cold" runs go to the cache-miss copy of the app: the same bundle whose KV lookups always miss
 * (workers/kv-variant.mjs), so every request pays KV get + D1 + serialization + KV put.
 * "no KV" runs go to a copy whose KV is switched off (no lookup, no fill): app + D1 alone, which
 * splits the miss path's cost between the app's own layers and the cache's KV round trips.
 * "warm" runs go to the app itself with its real KV, on URLs already cached.
 * "KV apart" runs go to copies whose KV is served by a second workerd and reached by subrequest, as
 * on Cloudflare (see server.mjs): the app's process pays for its KV calls but not for the simulator.
 */
import { HOSTS } from "./server.mjs";

const q = encodeURIComponent;

/** `ctx`: { tags: {common, rare}, files: {refById, byId, images}, hotId } for this scale. */
export function readScenarios(ctx) {
  const { common, rare } = ctx.tags;
  const search = (tag) => `/api/v1/creations/search?tag=${q(tag)}`;
  return [
    {
      id: "ref-bare",
      group: "reference",
      label: "Reference: bare route (constant JSON)",
      host: HOSTS.reference,
      path: "/bare",
    },
    {
      id: "ref-search-common",
      group: "reference",
      label: `Reference: raw D1 tag query, common tag`,
      host: HOSTS.reference,
      path: `/search?tag=${q(common.name)}`,
    },
    {
      id: "ref-search-rare",
      group: "reference",
      label: `Reference: raw D1 tag query, rare tag`,
      host: HOSTS.reference,
      path: `/search?tag=${q(rare.name)}`,
    },
    {
      id: "ref-by-id",
      group: "reference",
      label: "Reference: raw D1 by-id query",
      host: HOSTS.reference,
      pathsFile: ctx.files.refById,
    },
    {
      id: "health",
      group: "app",
      label: "App: GET /health (framework only)",
      host: HOSTS.app,
      path: "/api/v1/health",
      d1Ref: null,
    },
    {
      id: "search-common-cold",
      group: "app",
      label: "Tag search, common tag, cache miss",
      host: HOSTS.cacheMiss,
      path: search(common.name),
      d1Ref: "ref-search-common",
    },
    {
      id: "search-common-nokv",
      group: "app",
      label: "Tag search, common tag, KV off",
      host: HOSTS.noCache,
      path: search(common.name),
      d1Ref: "ref-search-common",
    },
    {
      id: "search-common-warm",
      group: "app",
      label: "Tag search, common tag, warm cache",
      host: HOSTS.app,
      path: search(common.name),
      d1Ref: "ref-search-common",
      warm: true,
    },
    {
      id: "search-rare-cold",
      group: "app",
      label: "Tag search, rare tag, cache miss",
      host: HOSTS.cacheMiss,
      path: search(rare.name),
      d1Ref: "ref-search-rare",
    },
    {
      id: "search-rare-warm",
      group: "app",
      label: "Tag search, rare tag, warm cache",
      host: HOSTS.app,
      path: search(rare.name),
      d1Ref: "ref-search-rare",
      warm: true,
    },
    {
      id: "by-id-cold",
      group: "app",
      label: "Creation by id, cache miss",
      host: HOSTS.cacheMiss,
      pathsFile: ctx.files.byId,
      d1Ref: "ref-by-id",
    },
    {
      id: "by-id-nokv",
      group: "app",
      label: "Creation by id, KV off",
      host: HOSTS.noCache,
      pathsFile: ctx.files.byId,
      d1Ref: "ref-by-id",
    },
    {
      id: "by-id-warm",
      group: "app",
      label: "Creation by id, warm cache",
      host: HOSTS.app,
      pathsFile: ctx.files.byId,
      d1Ref: "ref-by-id",
      warm: true,
    },
    {
      id: "search-common-apart-cold",
      group: "app",
      label: "Tag search, common tag, cache miss, KV apart",
      host: HOSTS.kvApartMiss,
      path: search(common.name),
      d1Ref: "ref-search-common",
    },
    {
      id: "search-rare-apart-cold",
      group: "app",
      label: "Tag search, rare tag, cache miss, KV apart",
      host: HOSTS.kvApartMiss,
      path: search(rare.name),
      d1Ref: "ref-search-rare",
    },
    {
      id: "by-id-apart-cold",
      group: "app",
      label: "Creation by id, cache miss, KV apart",
      host: HOSTS.kvApartMiss,
      pathsFile: ctx.files.byId,
      d1Ref: "ref-by-id",
    },
    {
      id: "by-id-hot-warm",
      group: "app",
      label: "Creation by id, one hot id, warm cache",
      host: HOSTS.app,
      path: `/api/v1/creations/${ctx.hotId}`,
      d1Ref: "ref-by-id",
      warm: true,
    },
    {
      id: "by-id-apart-warm",
      group: "app",
      label: "Creation by id, warm cache, KV apart",
      host: HOSTS.kvApart,
      pathsFile: ctx.files.byId,
      d1Ref: "ref-by-id",
      warm: true,
    },
    {
      id: "newest-cold",
      group: "app",
      label: "Newest listing, cache miss",
      host: HOSTS.cacheMiss,
      path: "/api/v1/creations",
      d1Ref: "ref-search-common",
    },
    {
      id: "newest-warm",
      group: "app",
      label: "Newest listing, warm cache",
      host: HOSTS.app,
      path: "/api/v1/creations",
      d1Ref: "ref-search-common",
      warm: true,
    },
  ];
}

/** Scale-independent hot paths, measured once at the largest scale. */
export function onceScenarios(ctx) {
  return [
    {
      id: "image",
      group: "app",
      label: "Image fetch (R2, ~200 KB PNG)",
      host: HOSTS.app,
      pathsFile: ctx.files.images,
      d1Ref: null,
    },
    {
      id: "login",
      group: "app",
      label: "Login (PBKDF2-SHA256, 100,000 iterations)",
      host: HOSTS.app,
      path: "/api/v1/auth/login",
      script: "login.lua",
      connections: 4,
      env: { BENCH_USERS: String(ctx.users), BENCH_PASSWORD: ctx.password },
      d1Ref: null,
    },
    {
      id: "score",
      group: "app",
      label: "Score write, 16 concurrent clients, many users, 100 hot creations",
      host: HOSTS.app,
      path: "/api/v1/creations",
      script: "score.lua",
      connections: 16,
      env: { BENCH_PAIRS: ctx.files.scorePairs },
      d1Ref: null,
    },
  ];
}
