/**
 * A KV namespace served over HTTP from its own workerd process, for workers/kv-variant.mjs's REMOTE
 * mode: the app then reaches KV by subrequest, as on Cloudflare, and the local simulator's CPU is
 * measured apart from the Worker's. Values are strings (all the app stores).
 */
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/list") {
      const o = Object.fromEntries(url.searchParams);
      return Response.json(await env.KV.list({ ...o, ...(o.limit ? { limit: Number(o.limit) } : {}) }));
    }
    const key = decodeURIComponent(url.pathname.slice("/k/".length));
    switch (request.method) {
      case "GET": {
        const value = await env.KV.get(key, "text");
        return value === null ? new Response(null, { status: 404 }) : new Response(value);
      }
      case "PUT": {
        const ttl = url.searchParams.get("ttl");
        await env.KV.put(key, await request.text(), ttl ? { expirationTtl: Number(ttl) } : {});
        return new Response(null, { status: 204 });
      }
      case "DELETE":
        await env.KV.delete(key);
        return new Response(null, { status: 204 });
      default:
        return new Response(null, { status: 405 });
    }
  },
};
