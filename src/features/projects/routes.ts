/** /projects: the signed-in user's projects. Conversation and brief routes under a project are in chat/routes.ts. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { userChat } from "../../lib/user-chat";
import {
  CreateProjectBody,
  PageQuery,
  Project,
  ProjectIdParam,
  ProjectPage,
  UpdateProjectBody,
} from "./schemas";
import {
  createProject,
  deleteMyProject,
  listMyProjects,
  requireProject,
  toProjectView,
  updateMyProject,
} from "./service";
import { deps } from "../../lib/deps";

const tag = "projects";

// requireUser per route, not .use(): sub-apps mounted at the same path share .use() middleware.
export const projectRoutes = new Hono<AppEnv>()
  .post(
    "/",
    describe({
      tag,
      auth: "required",
      scope: "write:projects",
      summary: "Create a project",
      responses: { 201: { description: "Created", schema: Project } },
    }),
    requireUser,
    validate("json", CreateProjectBody),
    async (c) => {
      const project = await createProject(deps(c), currentUser(c).id, c.req.valid("json"));
      return c.json(project, 201, { Location: `/api/v1/projects/${project.id}` });
    },
  )
  .get(
    "/",
    describe({
      tag,
      auth: "required",
      scope: "read:projects",
      summary: "My projects, most recently active first",
      responses: { 200: { description: "A page", schema: ProjectPage } },
    }),
    requireUser,
    validate("query", PageQuery),
    async (c) => c.json(await listMyProjects(deps(c), currentUser(c).id, c.req.valid("query"))),
  )
  .get(
    "/:id",
    describe({
      tag,
      auth: "required",
      scope: "read:projects",
      summary: "One of my projects",
      responses: { 200: { description: "The project", schema: Project } },
    }),
    requireUser,
    validate("param", ProjectIdParam),
    async (c) =>
      c.json(toProjectView(await requireProject(deps(c), currentUser(c).id, c.req.valid("param").id))),
  )
  .patch(
    "/:id",
    describe({
      tag,
      auth: "required",
      scope: "write:projects",
      summary: "Rename or redescribe a project",
      responses: { 200: { description: "The project", schema: Project } },
    }),
    requireUser,
    validate("param", ProjectIdParam),
    validate("json", UpdateProjectBody),
    async (c) =>
      c.json(await updateMyProject(deps(c), currentUser(c).id, c.req.valid("param").id, c.req.valid("json"))),
  )
  .delete(
    "/:id",
    describe({
      tag,
      auth: "required",
      scope: "write:projects",
      summary: "Delete a project with its conversations and guide state",
      responses: { 204: { description: "Deleted" } },
    }),
    requireUser,
    validate("param", ProjectIdParam),
    async (c) => {
      const user = currentUser(c);
      const { id } = c.req.valid("param");
      await deleteMyProject(deps(c), user.id, id);
      // After the D1 row: a failure here leaves unreachable chat data, never a listed project without it.
      await userChat(c.env, user).deleteProject(id);
      return c.body(null, 204);
    },
  );
