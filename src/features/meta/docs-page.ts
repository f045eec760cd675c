/**
 * A readable API reference rendered on the server from the OpenAPI document: no script, no CDN, so
 * it works offline and under a strict CSP.
 */
import { html, raw } from "hono/html";

type Doc = ReturnType<typeof import("../../lib/openapi").buildOpenApi>;

const schemaText = (s: unknown) => JSON.stringify(s, null, 2);

export function renderDocs(doc: Doc) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const byTag = new Map<string, typeof ops>();
  for (const o of ops) {
    const tag = o.op.tags?.[0] ?? "other";
    byTag.set(tag, [...(byTag.get(tag) ?? []), o]);
  }
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${doc.info.title} API reference</title>
<style>
body{background:#101211;color:#e6ebe8;font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:24px}
a{color:#27b08b}h1,h2{font-weight:600}h2{border-bottom:1px solid #2a2f2d;padding-bottom:8px;margin-top:40px;text-transform:capitalize}
details{border:1px solid #2a2f2d;border-radius:8px;margin:8px 0;padding:8px 16px}
summary{cursor:pointer}code{font-family:ui-monospace,monospace}.m{display:inline-block;min-width:64px;font-weight:700;color:#27b08b}
pre{background:#171a19;padding:16px;border-radius:8px;overflow:auto;font-size:13px}
</style></head><body>
<h1>${doc.info.title} API reference</h1>
<p>${doc.info.description}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI ${doc.openapi}). Errors are <code>application/problem+json</code> (RFC 9457).
Send <code>Authorization: Bearer &lt;accessToken&gt;</code> where a route needs sign-in.</p>
${raw(
  [...byTag]
    .map(
      ([tag, list]) =>
        html`<h2>${tag}</h2>${raw(
          list
            .map(
              ({
                path,
                method,
                op,
              }) => html`<details><summary><span class="m">${method}</span><code>${path}</code> ${op.summary ?? ""}${op.security ? " 🔒" : ""}</summary>
${op.description ? html`<p>${op.description}</p>` : ""}
${op.parameters?.length ? html`<h3>Parameters</h3><pre>${schemaText(op.parameters)}</pre>` : ""}
${op.requestBody ? html`<h3>Body</h3><pre>${schemaText(op.requestBody.content)}</pre>` : ""}
<h3>Responses</h3><pre>${schemaText(op.responses)}</pre></details>`,
            )
            .join(""),
        )}`,
    )
    .join(""),
)}
</body></html>`;
}
