/** The artifact library, an artifact's page (view, history, diff, revert, export, share) and its editor. */
import { MAX_SEARCH_TERMS, MIN_PREFIX_LENGTH } from "../../features/artifacts/search-terms";
import type { ArtifactView } from "../../features/artifacts/library";
import { EXPORT_FORMATS } from "../../features/artifacts/export";
import type { FormState } from "../forms";
import { CsrfField, Field, FormAlert, Pager, SelectField } from "../ui/components";
import { Layout } from "../ui/layout";
import type { PageView } from "../ui/view";
import { ArtifactList, RenderedMarkdown, TYPE_OPTIONS, typeTitle, When } from "../ui/work";

export interface LibraryQuery {
  q?: string;
  type?: string;
  sort: string;
  view: "grid" | "list";
}

const SORT_OPTIONS = [
  { value: "updated", label: "Recently updated" },
  { value: "name", label: "Name" },
  { value: "type", label: "Type" },
];

/** Whether a body has Mermaid blocks, which the page then draws (client/diagrams.ts). */
export const hasDiagrams = (body: string) => /^```mermaid\s*$/m.test(body);

export function LibraryPage({
  v,
  query,
  items,
  nextCursor,
  hasPrevious,
  form,
}: {
  v: PageView;
  query: LibraryQuery;
  items: (ArtifactView & { snippet?: string })[];
  nextCursor: string | null;
  hasPrevious: boolean;
  form?: FormState;
}) {
  const params = { q: query.q, type: query.type, sort: query.sort, view: query.view };
  const other = query.view === "grid" ? "list" : "grid";
  const toggle = new URLSearchParams(
    Object.entries({ ...params, view: other }).filter((e): e is [string, string] => !!e[1]),
  );
  return (
    <Layout v={v} title="Artifacts">
      <div class="page-head">
        <h1>Artifacts</h1>
        <a class="button secondary" href={`/artifacts?${toggle}`}>
          Show as {other}
        </a>
      </div>
      <FormAlert form={form} />
      <form method="get" action="/artifacts" class="search search-wide" role="search">
        <Field form={form} name="q" label="Search" type="search" value={query.q} maxlength={200} />
        <SelectField
          name="type"
          label="Type"
          options={[{ value: "", label: "Any type" }, ...TYPE_OPTIONS]}
          value={query.type ?? ""}
        />
        <SelectField name="sort" label="Sort" options={SORT_OPTIONS} value={query.sort} />
        <input type="hidden" name="view" value={query.view} />
        <button type="submit">Search</button>
      </form>
      {query.q && (
        <p class="muted">
          Search results are ranked by relevance; the sort applies to listing only. Words of{" "}
          {MIN_PREFIX_LENGTH} letters or more also find the words they begin ("pers" finds "persona"), shorter
          ones whole words only; up to {MAX_SEARCH_TERMS} words.
        </p>
      )}
      <ArtifactList
        items={items}
        layout={query.view}
        empty={
          query.q || query.type
            ? "No artifact matches."
            : "No artifacts yet: generate one from a project or the chat."
        }
      />
      <Pager base="/artifacts" params={params} nextCursor={nextCursor} hasPrevious={hasPrevious} />
    </Layout>
  );
}

export interface VersionInfo {
  version: number;
  source: string;
  note: string | null;
  createdAt: string;
}

export interface ArtifactPageProps {
  v: PageView;
  artifact: ArtifactView & { body: string | null };
  /** Set when an older version is shown instead of the latest. */
  shownVersion?: number;
  versions: VersionInfo[];
  diff?: { from: number; to: number; text: string; refused?: string };
  sharePath?: string;
  projectName: string;
}

function DiffView({ text }: { text: string }) {
  const kind = (line: string) =>
    line.startsWith("+") && !line.startsWith("+++")
      ? "add"
      : line.startsWith("-") && !line.startsWith("---")
        ? "del"
        : line.startsWith("@@")
          ? "hunk"
          : "";
  return (
    <pre class="diff" tabindex={0} role="region" aria-label="Differences">
      {text.split("\n").map((line) => (
        <span class={kind(line)}>{`${line}\n`}</span>
      ))}
    </pre>
  );
}

/** An artifact's latest version on its own, shown in the chat's side panel (a frame). */
export function ArtifactPanelView({
  v,
  artifact: a,
}: {
  v: PageView;
  artifact: ArtifactPageProps["artifact"];
}) {
  return (
    <Layout v={v} title={a.title} bare scripts={a.body && hasDiagrams(a.body) ? ["diagrams"] : []}>
      <h1>{a.title}</h1>
      <p class="meta">
        {typeTitle(a.type)}
        {a.version ? ` · version ${a.version}` : ""} ·{" "}
        <a href={`/artifacts/${a.id}`} target="_top">
          Open the full page
        </a>
      </p>
      {a.body === null ? (
        <p class="notice" role="status">
          This artifact is being generated.
        </p>
      ) : (
        <article class="artifact-body">
          <RenderedMarkdown body={a.body} />
        </article>
      )}
    </Layout>
  );
}

export function ArtifactPage({
  v,
  artifact: a,
  shownVersion,
  versions,
  diff,
  sharePath,
  projectName,
}: ArtifactPageProps) {
  const base = `/artifacts/${a.id}`;
  const numbers = versions.map((x) => ({ value: String(x.version), label: `Version ${x.version}` }));
  return (
    <Layout v={v} title={a.title} scripts={a.body && hasDiagrams(a.body) ? ["diagrams"] : []}>
      <p class="meta">
        <a href={`/projects/${a.projectId}`}>{projectName}</a> · {typeTitle(a.type)}
      </p>
      <div class="page-head">
        <h1>{a.title}</h1>
        {a.body !== null && !shownVersion && (
          <a class="button secondary" href={`${base}/edit`}>
            Edit
          </a>
        )}
      </div>
      {a.body === null ? (
        <div class="notice" role="status">
          <p>
            This artifact is being generated. <a href={base}>Reload</a> in a moment.
          </p>
        </div>
      ) : (
        <>
          <p class="meta">
            {shownVersion ? (
              <>
                Showing version {shownVersion} · <a href={base}>Show the latest (version {a.version})</a>
              </>
            ) : (
              <>
                Version {a.version} · updated <When iso={a.updatedAt} />
              </>
            )}
          </p>
          <nav class="export-links" aria-label="Export">
            <span>Export:</span>
            {EXPORT_FORMATS.map((f) => (
              <a href={`/api/v1/artifacts/${a.id}/export?format=${f}`} download>
                {f.toUpperCase()}
              </a>
            ))}
          </nav>
          <article class="artifact-body">
            <RenderedMarkdown body={a.body} />
          </article>
        </>
      )}

      {versions.length > 0 && (
        <section class="section" aria-labelledby="history-heading">
          <h2 id="history-heading">Version history</h2>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Made by</th>
                <th scope="col">When</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((x) => (
                <tr>
                  <td>
                    <a href={`${base}?version=${x.version}`}>Version {x.version}</a>
                    {x.note && <span class="meta"> · {x.note}</span>}
                  </td>
                  <td>{x.source}</td>
                  <td>
                    <When iso={x.createdAt} />
                  </td>
                  <td>
                    {x.version !== a.version && (
                      <form method="post" action={`${base}/revert`} class="inline-form">
                        <CsrfField v={v} />
                        <input type="hidden" name="version" value={String(x.version)} />
                        <button type="submit" class="secondary small">
                          Revert to this
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {versions.length > 1 && (
            <form method="get" action={`${base}`} class="search diff-form">
              <SelectField
                name="from"
                label="Compare version"
                options={numbers}
                value={String(diff?.from ?? versions[1]!.version)}
              />
              <SelectField
                name="to"
                label="with version"
                options={numbers}
                value={String(diff?.to ?? versions[0]!.version)}
              />
              <button type="submit" class="secondary">
                Show differences
              </button>
            </form>
          )}
          {diff && (
            <>
              <h3>
                Version {diff.from} → version {diff.to}
              </h3>
              {diff.refused ? (
                <p class="notice">{diff.refused}</p>
              ) : diff.text ? (
                <DiffView text={diff.text} />
              ) : (
                <p class="muted">The two versions are the same.</p>
              )}
            </>
          )}
        </section>
      )}

      {a.body !== null && (
        <section class="section form-card" aria-labelledby="share-heading">
          <h2 id="share-heading">Share link</h2>
          {sharePath ? (
            <p role="status">
              Anyone with this link can read the latest version; it is shown only now:{" "}
              <a href={sharePath}>{sharePath}</a>
            </p>
          ) : (
            <p class="muted">{a.shared ? "A public read-only link exists." : "Not shared."}</p>
          )}
          <div class="form-actions">
            <form method="post" action={`${base}/share`} class="inline-form">
              <CsrfField v={v} />
              <button type="submit">{a.shared ? "Make a new link" : "Create a share link"}</button>
            </form>
            {a.shared && (
              <form method="post" action={`${base}/unshare`} class="inline-form">
                <CsrfField v={v} />
                <button type="submit" class="secondary">
                  Revoke the link
                </button>
              </form>
            )}
          </div>
        </section>
      )}
    </Layout>
  );
}

export function EditArtifactPage({
  v,
  artifact: a,
  form,
}: {
  v: PageView;
  artifact: ArtifactView & { body: string | null };
  form: FormState;
}) {
  return (
    <Layout v={v} title={`Edit ${a.title}`}>
      <h1>Edit {a.title}</h1>
      <form method="post" action={`/artifacts/${a.id}/edit`} class="form-card">
        <CsrfField v={v} />
        <FormAlert form={form} />
        <Field form={form} name="title" label="Title" required maxlength={200} value={a.title} />
        <Field
          form={form}
          name="body"
          label="Markdown"
          type="textarea"
          required
          value={a.body ?? ""}
          attrs={{ rows: "24", class: "code" }}
        />
        <Field
          form={form}
          name="note"
          label="What changed"
          hint="Optional; shown in the history."
          maxlength={500}
        />
        <div class="form-actions">
          <button type="submit">Save as a new version</button>
          <a class="button secondary" href={`/artifacts/${a.id}`}>
            Cancel
          </a>
        </div>
      </form>
    </Layout>
  );
}
