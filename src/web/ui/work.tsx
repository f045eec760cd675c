/**
 * Pieces shared by the project, chat and artifact pages: artifact lists, the brief's progress line,
 * the option lists of agents and artifact types, and the one place artifact bodies become HTML.
 */
import { raw } from "hono/html";
import type { ArtifactView } from "../../features/artifacts/library";
import { ARTIFACT_FENCES } from "../../features/artifacts/export";
import type { BriefView } from "../../features/pipeline/brief";
import {
  AGENTS,
  AGENT_IDS,
  ARTIFACTS,
  ARTIFACT_TYPES,
  type ArtifactType,
} from "../../features/pipeline/catalogue";
import { renderMarkdown } from "../../lib/markdown";

export const AGENT_OPTIONS = AGENT_IDS.map((id) => ({ value: id, label: AGENTS[id].name }));
export const TYPE_OPTIONS = ARTIFACT_TYPES.map((t) => ({ value: t, label: ARTIFACTS[t].title }));
export const typeTitle = (type: string) => ARTIFACTS[type as ArtifactType]?.title ?? type;

export const formatDate = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** A moment, in UTC as rendered; the page script (client/page.ts) shows it in the reader's time zone. */
export const When = ({ iso }: { iso: string }) => <time datetime={iso}>{formatDate(iso)}</time>;

/** How far the guide has come: the current stage and how many facts it knows. */
export function briefProgress(brief: BriefView) {
  const known = brief.stages.reduce((n, s) => n + s.facts.length, 0);
  const total = brief.stages.reduce((n, s) => n + s.facts.length + s.missing.length, 0);
  return { known, total, stage: brief.currentStage };
}

export function Progress({ brief }: { brief: BriefView }) {
  const p = briefProgress(brief);
  return (
    <div class="progress-line">
      <p class="meta">
        Stage {p.stage.number} of {brief.stages.length}: {p.stage.name} · {p.known} of {p.total} facts known
      </p>
      <progress max={p.total} value={p.known} aria-label={`${p.known} of ${p.total} facts known`}>
        {p.known} of {p.total}
      </progress>
    </div>
  );
}

export function ArtifactList({
  items,
  empty,
  layout = "list",
}: {
  items: (ArtifactView & { snippet?: string })[];
  empty: string;
  layout?: "grid" | "list";
}) {
  if (items.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class={layout === "grid" ? "grid artifact-grid" : "artifact-list"}>
      {items.map((a) => (
        <li>
          <article class="card artifact-card">
            <div class="body">
              <h3>
                <a href={`/artifacts/${a.id}`}>{a.title}</a>
              </h3>
              <p class="meta">
                {typeTitle(a.type)} ·{" "}
                {a.status === "ready" ? (
                  `version ${a.version}`
                ) : (
                  <span data-generating={a.id}>being generated</span>
                )}{" "}
                · <When iso={a.updatedAt} />
              </p>
              {a.snippet && <p class="snippet">{a.snippet}</p>}
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}

/**
 * An artifact body as safe HTML: Markdown through the sanitizing renderer (raw HTML off), wireframe
 * layouts as SVG drawn by our own code (every label escaped); an invalid layout stays a code block.
 * The same renderer and fences as the HTML export (features/artifacts/export.ts), so the two agree.
 */
export const artifactHtml = (body: string): string => renderMarkdown(body, ARTIFACT_FENCES);

export const RenderedMarkdown = ({ body }: { body: string }) => (
  <div class="prose">{raw(artifactHtml(body))}</div>
);
