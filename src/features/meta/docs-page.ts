/**
 * The readable API reference, rendered on the server from the OpenAPI document: every operation with
 * its security, parameters, request and response examples and the problems it can answer, then the
 * named schemas and the problem types. No script and nothing from a CDN, so it works offline and
 * under a strict CSP. (Scalar's and Redoc's bundles are megabytes of script; the house budget for a
 * page's script is 100 KB, and a reference needs none.)
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { GENERIC_STATUSES } from "../../lib/problem-types";

type Doc = ReturnType<typeof import("../../lib/openapi").buildOpenApi>;
// biome-ignore lint/suspicious/noExplicitAny: walks an OpenAPI document, whose shape is open-ended
type Op = Record<string, any>;

const pretty = (v: unknown) => JSON.stringify(v, null, 2);
const anchor = (op: Op) => String(op.operationId);
const join = (parts: (HtmlEscapedString | Promise<HtmlEscapedString> | string)[]) =>
  raw(parts.map(String).join(""));

function typeOf(schema: Op | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return String(schema.$ref).split("/").pop()!;
  if (schema.enum) return schema.enum.map((e: unknown) => JSON.stringify(e)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items)}[]`;
  const t = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  const bounds = [
    schema.minimum !== undefined && `≥ ${schema.minimum}`,
    schema.maximum !== undefined && `≤ ${schema.maximum}`,
    schema.minLength !== undefined && `length ≥ ${schema.minLength}`,
    schema.maxLength !== undefined && `length ≤ ${schema.maxLength}`,
  ].filter(Boolean);
  return bounds.length ? `${t} (${bounds.join(", ")})` : t;
}

function security(op: Op) {
  if (!op.security) return html`<p class="sec">Public: no sign-in.</p>`;
  const schemes = op.security.flatMap((req: Op) =>
    Object.keys(req).length === 0
      ? ["anonymous"]
      : Object.entries(req).map(([name, scopes]) =>
          (scopes as string[]).length ? `${name} (${(scopes as string[]).join(", ")})` : name,
        ),
  );
  return html`<p class="sec">Security: ${schemes.join(" · ")}</p>`;
}

function parameters(op: Op) {
  if (!op.parameters?.length) return "";
  return html`<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Example</th></tr></thead><tbody>${join(
    op.parameters.map(
      (p: Op) =>
        html`<tr><td><code>${p.name}</code>${p.description ? html`<br><span class="muted">${p.description}</span>` : ""}</td><td>${p.in}</td><td>${typeOf(p.schema)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${p.example === undefined ? "" : JSON.stringify(p.example)}</code></td></tr>`,
    ),
  )}</tbody></table>`;
}

function requestBody(op: Op) {
  if (!op.requestBody) return "";
  const [mediaType, media] = Object.entries(op.requestBody.content as Record<string, Op>)[0]!;
  return html`<h4>Request body <code>${mediaType}</code> · ${typeOf(media.schema)}</h4>${
    media.example === undefined ? "" : html`<pre>${pretty(media.example)}</pre>`
  }`;
}

function responses(op: Op) {
  return html`<h4>Responses</h4>${join(
    Object.entries(op.responses as Record<string, Op>).map(([status, res]) => {
      const media = res.content
        ? (Object.entries(res.content as Record<string, Op>)[0] as [string, Op])
        : undefined;
      return html`<div class="res"><p><span class="st st${status[0]}">${status}</span> ${res.description}${
        media ? html` · <code>${media[0]}</code> ${typeOf(media[1].schema)}` : ""
      }</p>${media?.[1].example === undefined ? "" : html`<pre>${pretty(media[1].example)}</pre>`}</div>`;
    }),
  )}`;
}

export function renderDocs(doc: Doc) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op: op as Op })),
  );
  const byTag = new Map<string, typeof ops>();
  for (const o of ops) {
    const tag = o.op.tags?.[0] ?? "other";
    byTag.set(tag, [...(byTag.get(tag) ?? []), o]);
  }
  const tags = [...byTag.keys()].sort();
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${doc.info.title} API reference</title>
<style>
body{background:#101211;color:#e6ebe8;font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1040px;padding:24px}
a{color:#27b08b}h1,h2{font-weight:600}h2{border-bottom:1px solid #2a2f2d;padding-bottom:8px;margin-top:48px;text-transform:capitalize}
h3{font-size:18px;margin:0}h4{font-size:15px;margin:16px 0 8px}
section.op{border:1px solid #2a2f2d;border-radius:8px;margin:16px 0;padding:16px}
code{font-family:ui-monospace,monospace}.m{display:inline-block;min-width:64px;font-weight:700;color:#27b08b}
pre{background:#171a19;padding:12px 16px;border-radius:8px;overflow:auto;font-size:13px;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #2a2f2d;padding:4px 8px;text-align:left;vertical-align:top}
.muted,.sec{color:#a9b3ae}.sec{font-size:14px}.st{font-weight:700;display:inline-block;min-width:56px}.st2{color:#27b08b}.st4,.std{color:#e0a458}.st5{color:#e07a5f}
nav ul{columns:3;padding-left:20px}
</style></head><body>
<h1>${doc.info.title} API reference</h1>
<p>${doc.info.description}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI ${doc.openapi}), base URL <code>/api/v1</code>.
Errors are <code>application/problem+json</code> (RFC 9457; see <a href="#problems">problem types</a>).
Authenticate with the session cookie (the web app), <code>Authorization: Bearer &lt;accessToken&gt;</code> from
<code>POST /auth/login</code>, or a personal access token <code>Bearer uxp_…</code> limited to its scopes (make one on your account page).
AI assistants connect to the MCP server at <code>/mcp</code> with such a token.</p>
<nav aria-label="Operations"><ul>${join(tags.map((t) => html`<li><a href="#tag-${t}">${t}</a> (${byTag.get(t)!.length})</li>`))}<li><a href="#schemas">schemas</a></li><li><a href="#problems">problem types</a></li></ul></nav>
${join(
  tags.map(
    (tag) =>
      html`<h2 id="tag-${tag}">${tag}</h2>${join(
        byTag.get(tag)!.map(
          ({
            path,
            method,
            op,
          }) => html`<section class="op" id="${anchor(op)}" aria-labelledby="${anchor(op)}-h">
<h3 id="${anchor(op)}-h"><span class="m">${method}</span><code>${path}</code></h3>
<p>${op.summary ?? ""} <span class="muted">· <code>${op.operationId}</code></span></p>
${op.description ? html`<p>${op.description}</p>` : ""}
${security(op)}${parameters(op)}${requestBody(op)}${responses(op)}</section>`,
        ),
      )}`,
  ),
)}
<h2 id="schemas">Schemas</h2>
${join(
  Object.entries(doc.components.schemas).map(
    ([name, schema]) =>
      html`<details id="schema-${name}"><summary><code>${name}</code></summary><pre>${pretty(schema)}</pre></details>`,
  ),
)}
<h2 id="problems">Problem types</h2>
<table><thead><tr><th>type</th><th>Status</th><th>Meaning</th></tr></thead><tbody>
${join(doc["x-problem-types"].map((p) => html`<tr><td><code>${p.type}</code></td><td>${p.status}</td><td>${p.meaning}</td></tr>`))}
${join(Object.entries(GENERIC_STATUSES).map(([status, meaning]) => html`<tr><td><code>about:blank</code></td><td>${status}</td><td>${meaning}</td></tr>`))}
</tbody></table>
</body></html>`;
}
