/** /artifacts: the library, an artifact's page, editing, reverting, diffs and share links. */
import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import * as library from "../../features/artifacts/library";
import { DiffQuery, EditBody, IdParam, ListQuery } from "../../features/artifacts/schemas";
import { requireProject } from "../../features/projects/service";
import type { AppEnv } from "../../lib/app-env";
import { badRequest, notFound, Problem } from "../../lib/problem";
import { blankForm, readForm, readSearch, submit, withoutBlanks } from "../forms";
import { requireSignedIn } from "../session";
import { viewOf } from "../ui/view";
import {
  ArtifactPage,
  ArtifactPanelView,
  EditArtifactPage,
  hasDiagrams,
  LibraryPage,
  type LibraryQuery,
} from "./pages";
import { deps } from "../../lib/deps";

const PAGE_SIZE = 24;

const owner = (c: Context<AppEnv>) => c.get("user")!.id;

/** The revert form posts the version as text; the API's rule (a positive integer) is the same. */
const RevertForm = z.object({ version: z.coerce.number().int().min(1) });

function artifactId(raw: string): string {
  const parsed = IdParam.safeParse({ id: raw });
  if (!parsed.success) throw notFound("artifact");
  return parsed.data.id;
}

/** The diff, or why it cannot be shown (too large): the page still shows everything else. */
async function diffOrReason(
  d: ReturnType<typeof deps>,
  ownerId: string,
  id: string,
  range: { from: number; to: number },
): Promise<{ text: string; refused?: string }> {
  try {
    return { text: await library.diff(d, ownerId, id, range.from, range.to) };
  } catch (err) {
    if (err instanceof Problem && err.extra.code === "diff-too-large")
      return { text: "", refused: err.detail };
    throw err;
  }
}

async function renderArtifact(c: Context<AppEnv>, id: string, extra: { sharePath?: string } = {}) {
  const d = deps(c);
  const latest = await library.readLatest(d, owner(c), id);
  const history = latest.version ? (await library.versions(d, owner(c), id)).items : [];
  const asked = Number(c.req.query("version"));
  const old =
    Number.isInteger(asked) && asked > 0 && asked !== latest.version
      ? await library.readVersion(d, owner(c), id, asked)
      : undefined;
  const range = DiffQuery.safeParse({ from: c.req.query("from"), to: c.req.query("to") });
  const diff = range.success
    ? { ...range.data, ...(await diffOrReason(d, owner(c), id, range.data)) }
    : undefined;
  const artifact = old ? { ...latest, body: old.body } : latest;
  const project = await requireProject(d, owner(c), latest.projectId);
  if (artifact.body && hasDiagrams(artifact.body)) c.set("drawsDiagrams", true);
  return c.html(
    <ArtifactPage
      v={viewOf(c)}
      artifact={artifact}
      shownVersion={old?.version}
      versions={history}
      diff={diff}
      sharePath={extra.sharePath}
      projectName={project.name}
    />,
    extra.sharePath ? 201 : 200,
  );
}

export const artifactPages = new Hono<AppEnv>()
  .use(requireSignedIn)
  // The latest version alone, for the chat's side panel (a frame of this site's pages only).
  .get("/:id/view", async (c) => {
    const d = deps(c);
    const artifact = await library.readLatest(d, owner(c), artifactId(c.req.param("id")));
    if (artifact.body && hasDiagrams(artifact.body)) c.set("drawsDiagrams", true);
    c.set("framedBySelf", true);
    return c.html(<ArtifactPanelView v={viewOf(c)} artifact={artifact} />);
  })
  .get("/", async (c) => {
    const view = c.req.query("view") === "grid" ? "grid" : "list";
    const read = readSearch(
      c,
      ListQuery,
      ["q", "type", "sort", "cursor"],
      { limit: PAGE_SIZE },
      "This search cannot be run. Check the fields.",
    );
    if (!read.ok)
      return c.html(
        <LibraryPage
          v={viewOf(c)}
          query={{ q: read.raw.q, sort: "updated", view }}
          items={[]}
          nextCursor={null}
          hasPrevious={false}
          form={read.form}
        />,
        422,
      );
    const q = read.data;
    const page = await library.listLibrary(deps(c), owner(c), q);
    const query: LibraryQuery = { q: q.q, type: q.type, sort: q.sort, view };
    return c.html(
      <LibraryPage
        v={viewOf(c)}
        query={query}
        items={page.items}
        nextCursor={page.nextCursor}
        hasPrevious={!!q.cursor}
      />,
    );
  })
  .get("/:id", (c) => renderArtifact(c, artifactId(c.req.param("id"))))
  .get("/:id/edit", async (c) => {
    const a = await library.readLatest(deps(c), owner(c), artifactId(c.req.param("id")));
    return c.html(<EditArtifactPage v={viewOf(c)} artifact={a} form={blankForm()} />);
  })
  .post("/:id/edit", async (c) => {
    const id = artifactId(c.req.param("id"));
    const form = withoutBlanks(await readForm(c));
    // Browsers send a textarea's line ends as CRLF; versions (and their diffs) keep LF.
    if (typeof form.body === "string") form.body = form.body.replace(/\r\n/g, "\n");
    const done = await submit(EditBody, form, (edit) => library.edit(deps(c), owner(c), id, edit));
    if (!done.ok) {
      const a = await library.readLatest(deps(c), owner(c), id);
      return c.html(<EditArtifactPage v={viewOf(c)} artifact={a} form={done.form} />, done.status);
    }
    return c.redirect(`/artifacts/${id}`, 303);
  })
  .post("/:id/revert", async (c) => {
    const id = artifactId(c.req.param("id"));
    // Only a hand-made post can carry a bad version: the page offers buttons, not a field.
    const parsed = RevertForm.safeParse(await readForm(c));
    if (!parsed.success) throw badRequest("Choose a version to revert to.");
    await library.revert(deps(c), owner(c), id, parsed.data.version);
    return c.redirect(`/artifacts/${id}`, 303);
  })
  .post("/:id/share", async (c) => {
    const id = artifactId(c.req.param("id"));
    const link = await library.share(deps(c), owner(c), id);
    // The token is shown once, on this response; it is stored only as a hash.
    return renderArtifact(c, id, { sharePath: link.path });
  })
  .post("/:id/unshare", async (c) => {
    const id = artifactId(c.req.param("id"));
    await library.unshare(deps(c), owner(c), id);
    return c.redirect(`/artifacts/${id}`, 303);
  });
