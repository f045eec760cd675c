/**
 * Checks Mermaid source with Mermaid's own parser (the grammar the browser renders with), so a
 * diagram a model wrote is known to render before it is saved.
 *
 * Mermaid's parse needs no DOM, but it imports DOMPurify, which in a Worker (no `window`) is a
 * stub without `addHook`/`sanitize`; Mermaid calls them while parsing labels. Parsing only needs
 * the text back, so the stub gets pass-through functions. Nothing parsed here is ever rendered
 * on the server: pages render with the browser's Mermaid (web/client/diagrams.ts), and exports
 * draw their own SVG from the parsed structure (artifacts/diagram-svg.ts).
 *
 * Mermaid is large: it is loaded on first use, only by jobs that check a model's output.
 */
type Mermaid = typeof import("mermaid").default;

let loading: Promise<Mermaid> | undefined;

async function load(): Promise<Mermaid> {
  const { default: purify } = await import("dompurify");
  const stub = purify as unknown as Record<string, unknown>;
  if (typeof stub.addHook !== "function")
    Object.assign(stub, {
      addHook() {},
      removeHook() {},
      removeHooks() {},
      removeAllHooks() {},
      sanitize: (s: unknown) => String(s),
    });
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  return mermaid;
}

export type MermaidCheck = { ok: true; diagramType: string } | { ok: false; error: string };

export async function parseMermaid(source: string): Promise<MermaidCheck> {
  const mermaid = await (loading ??= load());
  try {
    const r = await mermaid.parse(source);
    return { ok: true, diagramType: r ? r.diagramType : "unknown" };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: message.split("\n").slice(0, 4).join("\n").slice(0, 400) };
  }
}
