/** /projects: the signed-in user's projects. Conversation and brief routes under a project are in chat/. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { database } from "../../lib/db";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { CreateProjectBody, PageQuery, Project, ProjectIdParam, ProjectPage, UpdateProjectBody } from "./schemas";
import { createProject, deleteMyProject, listMyProjects, requireProject, toProjectView, updateMyProject } from "./service";

const tag = "projects";

export const projectRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .post(
    "/",
    describe({ tag, auth: "required", summary: "Create a project", responses: { 201: { description: "Created", schema: Project } } }),
    validate("json", CreateProjectBody),
    async (c) => {
      const project = await createProject(database(c.env), currentUser(c).id, c.req.valid("json"));
      return c.json(project, 201, { Location: `/api/v1/projects/${project.id}` });
    },
  )
  .get(
    "/",
    describe({ tag, auth: "required", summary: "My projects, most recently active first", responses: { 200: { description: "A page", schema: ProjectPage } } }),
    validate("query", PageQuery),
    async (c) => c.json(await listMyProjects(database(c.env), currentUser(c).id, c.req.valid("query"))),
  )
  .get(
    "/:id",
    describe({ tag, auth: "required", summary: "One of my projects", responses: { 200: { description: "The project", schema: Project } } }),
    validate("param", ProjectIdParam),
    async (c) => c.json(toProjectView(await requireProject(database(c.env), currentUser(c).id, c.req.valid("param").id))),
  )
  .patch(
    "/:id",
    describe({ tag, auth: "required", summary: "Rename or redescribe a project", responses: { 200: { description: "The project", schema: Project } } }),
    validate("param", ProjectIdParam),
    validate("json", UpdateProjectBody),
    async (c) => c.json(await updateMyProject(database(c.env), currentUser(c).id, c.req.valid("param").id, c.req.valid("json"))),
  )
  .delete(
    "/:id",
    describe({ tag, auth: "required", summary: "Delete a project with its conversations and guide state", responses: { 204: { description: "Deleted" } } }),
    validate("param", ProjectIdParam),
    async (c) => {
      await deleteMyProject(database(c.env), currentUser(c).id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
