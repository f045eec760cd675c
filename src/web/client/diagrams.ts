/**
 * Draws an artifact's Mermaid diagrams in the page. Mermaid is large (the one exception to the
 * per-page script budget, see scripts/build-assets.mjs), so it is a separate chunk fetched only when
 * the page has a diagram; until it arrives, and if it fails, the diagram's source stays readable.
 */
const blocks = [...document.querySelectorAll<HTMLElement>("pre.mermaid")];
if (blocks.length) {
  const { default: mermaid } = await import("mermaid");
  // strict: labels are text, never HTML, and click handlers in diagram source are ignored.
  mermaid.initialize({ startOnLoad: false, theme: "dark", securityLevel: "strict" });
  await mermaid.run({ nodes: blocks, suppressErrors: true });
}

export {};
