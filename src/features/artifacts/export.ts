/**
 * Artifact exports: one artifact as Markdown, HTML, JSON or PDF, and a project as a ZIP of the
 * latest versions with a manifest. HTML escapes user content by construction (markdown.ts).
 */
import { htmlDocument, renderMarkdown } from "../../lib/markdown";
import { type FontSource, renderPdf } from "../../lib/pdf";
import { zipStream } from "../../lib/zip";
import { drawingSvg } from "../../lib/drawing";
import { mermaidDrawing } from "./diagram-drawing";
import { parseWireframe, renderWireframeFence, wireframeDrawing } from "./wireframe";

/** Artifact-specific blocks that render to pictures in HTML. */
export const ARTIFACT_FENCES = { wireframe: renderWireframeFence };

/**
 * Exports have no browser to run Mermaid in: diagrams are drawn from their parsed structure
 * (diagram-drawing.ts) as SVG in HTML and as vector figures in PDF. A diagram outside the subset
 * that module reads stays as its source.
 */
const drawMermaid = (src: string) => {
  const d = mermaidDrawing(src);
  return d && drawingSvg(d);
};
export const EXPORT_FENCES = { ...ARTIFACT_FENCES, mermaid: drawMermaid };
const PDF_FIGURES = {
  mermaid: mermaidDrawing,
  wireframe: (src: string) => {
    const layout = parseWireframe(src);
    return layout && wireframeDrawing(layout);
  },
};

export const EXPORT_FORMATS = ["md", "html", "json", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Exportable {
  id: string;
  type: string;
  title: string;
  version: number | null;
  updatedAt: string;
  body: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  json: "application/json",
  pdf: "application/pdf",
};

/** A file name safe on every OS: letters, digits and dashes. */
export const fileStem = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80) || "artifact";

/** `fonts` reads the PDF fonts (lib/pdf-fonts.ts assetFonts in the Worker); other formats need none. */
export async function exportArtifact(
  a: Exportable,
  format: ExportFormat,
  fonts: FontSource,
): Promise<{ bytes: Uint8Array | string; contentType: string; filename: string }> {
  const filename = `${fileStem(a.title)}-v${a.version ?? 0}.${format}`;
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case "md":
      return { bytes: `# ${a.title}\n\n${a.body}`, contentType, filename };
    case "html":
      return {
        bytes: htmlDocument(a.title, renderMarkdown(a.body, EXPORT_FENCES, { selfContained: true })),
        contentType,
        filename,
      };
    case "json":
      return {
        bytes: JSON.stringify(
          {
            id: a.id,
            type: a.type,
            title: a.title,
            version: a.version,
            updatedAt: a.updatedAt,
            format: "markdown",
            body: a.body,
          },
          null,
          2,
        ),
        contentType,
        filename,
      };
    case "pdf":
      return { bytes: await renderPdf(a.title, a.body, PDF_FIGURES, fonts), contentType, filename };
  }
}

/** An artifact for the project ZIP: its body is read when its entry is written. */
export type LazyExportable = Omit<Exportable, "body"> & { readBody: () => Promise<string> };

export function exportProject(
  project: { id: string; name: string },
  items: LazyExportable[],
): ReadableStream<Uint8Array> {
  const files = items.map((a) => ({ path: `${a.type}/${fileStem(a.title)}.md`, a }));
  const manifest = {
    project: { id: project.id, name: project.name },
    exportedAt: new Date().toISOString(),
    artifacts: files.map(({ path, a }) => ({
      id: a.id,
      type: a.type,
      title: a.title,
      version: a.version,
      updatedAt: a.updatedAt,
      file: path,
    })),
  };
  return zipStream([
    { name: "manifest.json", data: JSON.stringify(manifest, null, 2) },
    ...files.map(({ path, a }) => ({
      name: path,
      data: async () => `# ${a.title}\n\n${await a.readBody()}`,
    })),
  ]);
}
