/**
 * Markdown to safe HTML, for artifact views and HTML exports.
 *
 * markdown-it with raw HTML disabled escapes every tag a user or a model writes, and its link
 * validation drops javascript:, vbscript: and data: (except images) URLs: the output can only contain
 * markup markdown-it itself emits. Mermaid code blocks become <pre class="mermaid"> for a diagram
 * renderer to draw; their text stays escaped.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const escapeHtml = md.utils.escapeHtml;

/**
 * Renders the body of a fenced block of one language to trusted HTML (e.g. a wireframe layout to
 * SVG), or returns undefined to fall back to a code block. Renderers must escape all text they emit.
 */
export type FenceRenderer = (content: string) => string | undefined;

interface RenderEnv {
  fences?: Record<string, FenceRenderer>;
  /** A document opened on its own (an HTML export) loads nothing remote: images become links. */
  selfContained?: boolean;
}

const defaultFence = md.renderer.rules.fence!;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const lang = token.info.trim();
  // A caller's renderer comes first (exports draw Mermaid as SVG); pages leave Mermaid to the browser.
  const rendered = (env as RenderEnv | undefined)?.fences?.[lang]?.(token.content);
  if (rendered !== undefined) return `<figure class="${escapeHtml(lang)}">${rendered}</figure>\n`;
  if (lang === "mermaid") return `<pre class="mermaid">${escapeHtml(token.content)}</pre>\n`;
  return defaultFence(tokens, idx, options, env, self);
};
// Links leave the page: no referrer, no opener.
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet("rel", "noopener noreferrer nofollow");
  return self.renderToken(tokens, idx, options);
};

// Opening a downloaded file must not tell anyone it was opened: only embedded (data:) images show.
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet("src") ?? "");
  if (!(env as RenderEnv | undefined)?.selfContained || /^data:image\//i.test(src))
    return defaultImage(tokens, idx, options, env, self);
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || "image";
  return `<a href="${escapeHtml(src)}" rel="noopener noreferrer nofollow">[${escapeHtml(alt)}]</a>`;
};

export const renderMarkdown = (
  source: string,
  fences: Record<string, FenceRenderer> = {},
  options: { selfContained?: boolean } = {},
): string => md.render(source, { fences, ...options } satisfies RenderEnv as Record<string, unknown>);

export { escapeHtml };

/**
 * A reply that is still being written, rendered by the same renderer: markup it has opened but not
 * yet closed (a code fence, `**`, a backtick, a link's URL) is closed or held back for now, so the
 * reader never sees raw syntax flash before it turns into formatting. The finished text is rendered
 * with renderMarkdown as usual.
 */
export function renderStreamingMarkdown(partial: string): string {
  let text = partial;
  const fences = text.match(/^ {0,3}(```|~~~)/gm) ?? [];
  if (fences.length % 2 === 1) return renderMarkdown(`${text}\n${fences.at(-1)!.trim()}`);
  const start = text.lastIndexOf("\n\n") + 1;
  let tail = text.slice(start);
  // A link whose URL is still arriving shows its text only; a lone `[` waits.
  tail = tail.replace(/\[([^\]\n]*)\]\([^)\s]*$/, "$1").replace(/\[[^\]\n]*$/, (m) => m.slice(1));
  if ((tail.match(/`/g)?.length ?? 0) % 2 === 1) tail += "`";
  else {
    if ((tail.match(/\*\*/g)?.length ?? 0) % 2 === 1) tail += "**";
    // A trailing lone marker (a list bullet or emphasis about to begin) waits for its text.
    tail = tail.replace(/(^|\s)[*_#>-]+$/, "$1");
  }
  text = text.slice(0, start) + tail;
  return renderMarkdown(text);
}

/** What an exported document may load, as a header when served and a meta tag once downloaded. */
export const EXPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

/**
 * A standalone HTML document (HTML export): the rendered body with a readable print style. Its own
 * policy (without frame-ancestors, which a meta tag cannot carry) applies when it is opened from disk.
 */
export function htmlDocument(title: string, bodyHtml: string): string {
  const policy = EXPORT_CSP.replace(/; frame-ancestors[^;]*/, "");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#1b1f1d}
pre{background:#f3f5f4;padding:12px;overflow:auto}figure{margin:16px 0}figure svg{max-width:100%;height:auto}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:4px 8px}
blockquote{border-left:4px solid #27b08b;margin:0;padding-left:16px;color:#444}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${bodyHtml}</body></html>`;
}

/** The texts of a wireframe layout (screen, labels, items, actions), not its keys or kinds. */
function layoutText(json: string): string {
  const out: string[] = [];
  const walk = (v: unknown, key = "") => {
    if (typeof v === "string") {
      if (key !== "kind" && key !== "viewport") out.push(v);
    } else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  try {
    walk(JSON.parse(json));
  } catch {
    return "";
  }
  return out.join(" · ");
}

/**
 * A Markdown body as plain text, for the search index (whose snippets are shown as text): marks,
 * links' targets, table pipes and list bullets go; a diagram or layout block keeps only its labels
 * (quoted strings), not its syntax.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm, (_m, lang: string, code: string) =>
      lang === "mermaid"
        ? [...code.matchAll(/"([^"\n]+)"/g)].map((q) => q[1]!).join(" · ")
        : lang === "wireframe"
          ? layoutText(code)
          : code,
    )
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*\|?[\s:|-]+\|[\s:|-]*$/gm, "")
    .replace(/\s*\|\s*/g, " · ")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, "")
    .replace(/^>\s?/gm, "")
    .replace(/(\*\*|__|\*|_|`)/g, "")
    .replace(/^ · | · $/gm, "")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
