/** Single requests to the loopback server with a chosen Host header (fetch cannot set Host). */
import { request } from "node:http";
import { createServer } from "node:net";

/** A loopback port nothing listens on now, for a server the harness starts. */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

/**
 * Sends one request and resolves as soon as the response's headers arrive, with `sentAt`
 * (performance.now() when the request was handed to the socket): a caller can then read a streamed
 * body (SSE) as it comes and time each event from the send.
 */
export function send(port, host, path, { method = "GET", headers = {}, body, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    let sentAt;
    const req = request(
      { host: "127.0.0.1", port, path, method, headers: { Host: host, ...headers }, timeout: timeoutMs },
      (res) => resolve({ res, sentAt }),
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${path}`)));
    req.on("error", reject);
    sentAt = performance.now();
    req.end(body);
  });
}

/** The whole body as text. */
async function readText(res) {
  const chunks = [];
  for await (const c of res) chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

export async function get(port, host, path, options = {}) {
  const { res } = await send(port, host, path, options);
  const text = await readText(res);
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Requests every path once, `concurrency` at a time: fills the cache before a warm run. */
export async function visitAll(port, host, paths, concurrency = 8) {
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const res = await get(port, host, path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
