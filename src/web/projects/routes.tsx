/** /projects: create a project, a project's page, starting a conversation, generating an artifact. */
import { Hono } from "hono";
import type { Context } from "hono";
import { GenerateBody } from "../../features/artifacts/schemas";
import { generateForProject } from "../../features/artifacts/service";
import { CreateConversationBody } from "../../features/chat/schemas";
import * as chat from "../../features/chat/service";
import { CreateProjectBody, ProjectIdParam } from "../../features/projects/schemas";
import { createProject, requireProject, toProjectView } from "../../features/projects/service";
import type { AppEnv } from "../../lib/app-env";
import { database } from "../../lib/db";
import { notFound } from "../../lib/problem";
import { blankForm, readForm, submit, withoutBlanks, type FormState } from "../forms";
import { requireSignedIn } from "../session";
import { viewOf } from "../ui/view";
import { recentArtifacts } from "./data";
import { NewProjectPage, ProjectPage } from "./pages";
import { deps } from "../../lib/deps";

const CONVERSATIONS_SHOWN = 20;
const ARTIFACTS_SHOWN = 50;

function projectId(raw: string): string {
  const parsed = ProjectIdParam.safeParse({ id: raw });
  if (!parsed.success) throw notFound("project");
  return parsed.data.id;
}

async function renderProject(
  c: Context<AppEnv>,
  id: string,
  forms: { conversation?: FormState; generate?: FormState } = {},
  status: 200 | 400 | 404 | 409 | 422 = 200,
) {
  const user = c.get("user")!;
  const db = database(c.env);
  const row = await requireProject({ db }, user.id, id);
  const [brief, conversations, artifacts] = await Promise.all([
    chat.projectBrief({ env: c.env, db }, user, id),
    chat.listConversations({ db }, user, id, { limit: CONVERSATIONS_SHOWN }),
    recentArtifacts(c, { projectId: id, limit: ARTIFACTS_SHOWN }),
  ]);
  return c.html(
    <ProjectPage
      v={viewOf(c)}
      project={toProjectView(row)}
      brief={brief}
      conversations={conversations.items}
      artifacts={artifacts}
      forms={forms}
    />,
    status,
  );
}

export const projectPages = new Hono<AppEnv>()
  .use(requireSignedIn)
  .get("/new", (c) => c.html(<NewProjectPage v={viewOf(c)} form={blankForm()} />))
  .post("/new", async (c) => {
    const done = await submit(CreateProjectBody, withoutBlanks(await readForm(c)), (input) =>
      createProject(deps(c), c.get("user")!.id, input),
    );
    if (!done.ok) return c.html(<NewProjectPage v={viewOf(c)} form={done.form} />, done.status);
    return c.redirect(`/projects/${done.result.id}`, 303);
  })
  .get("/:id", (c) => renderProject(c, projectId(c.req.param("id"))))
  .post("/:id/conversations", async (c) => {
    const id = projectId(c.req.param("id"));
    const done = await submit(CreateConversationBody, withoutBlanks(await readForm(c)), (input) =>
      chat.createConversation(deps(c), c.get("user")!, id, input),
    );
    if (!done.ok) return renderProject(c, id, { conversation: done.form }, done.status as 422);
    return c.redirect(`/conversations/${done.result.id}`, 303);
  })
  .post("/:id/generate", async (c) => {
    const id = projectId(c.req.param("id"));
    const user = c.get("user")!;
    const done = await submit(GenerateBody.pick({ type: true }), await readForm(c), ({ type }) =>
      generateForProject({ db: database(c.env), env: c.env }, user.id, id, { type }),
    );
    if (!done.ok) return renderProject(c, id, { generate: done.form }, done.status as 422);
    return c.redirect(`/artifacts/${done.result.artifactId}`, 303);
  });
