/** Research: start a search, read it with its results, list a project's searches, read the knowledge base. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { database } from "../../lib/db";
import { describe } from "../../lib/openapi";
import { notFound } from "../../lib/problem";
import { validate } from "../../lib/validate";
import { requireProject } from "../projects/service";
import { kbEntry } from "./kb";
import { kbUrl } from "./kb/types";
import type { ResearchPorts } from "./ports";
import {
  IdParam,
  JobIdParam,
  KbEntryView,
  KbParam,
  ListQuery,
  ResearchBody,
  Accepted,
  SearchPage,
  SearchWithResults,
} from "./schemas";
import { listResearch, readResearch, startResearch } from "./service";
import { deps } from "../../lib/deps";

/** Under /projects/{id}. Sign-in is checked per route: route groups mounted on one path share their middleware. */
export const projectResearchRoutes = (ports: Pick<ResearchPorts, "library">) =>
  new Hono<AppEnv>()
    .post(
      "/:id/research",
      describe({
        tag: "research",
        auth: "required",
        scope: "research",
        summary:
          "Search in the background (offline knowledge base and my artifacts, or the configured web provider)",
        responses: { 202: { description: "Queued", schema: Accepted } },
      }),
      requireUser,
      validate("param", IdParam),
      validate("json", ResearchBody),
      async (c) => {
        const user = currentUser(c);
        const db = database(c.env);
        const project = await requireProject({ db }, user.id, c.req.valid("param").id);
        const { jobId } = await startResearch(
          { db: db, env: c.env },
          { ownerId: user.id, projectId: project.id, ...c.req.valid("json") },
          ports,
        );
        return c.json({ jobId }, 202, { Location: `/api/v1/research/${jobId}` });
      },
    )
    .get(
      "/:id/research",
      describe({
        tag: "research",
        auth: "required",
        scope: "read:projects",
        summary: "The project's searches, newest first",
        responses: { 200: { description: "A page", schema: SearchPage } },
      }),
      requireUser,
      validate("param", IdParam),
      validate("query", ListQuery),
      async (c) => {
        const user = currentUser(c);
        const db = database(c.env);
        const project = await requireProject({ db }, user.id, c.req.valid("param").id);
        return c.json(await listResearch({ db }, user.id, project.id, c.req.valid("query")));
      },
    );

export const researchRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    "/kb/:section/:slug",
    describe({
      tag: "research",
      auth: "required",
      scope: "read:projects",
      summary: "A knowledge base entry (what uxprt://kb/<section>/<slug> links to)",
      responses: { 200: { description: "The entry", schema: KbEntryView } },
    }),
    validate("param", KbParam),
    (c) => {
      const { section, slug } = c.req.valid("param");
      const entry = kbEntry(`${section}/${slug}`);
      if (!entry) throw notFound("knowledge base entry");
      return c.json({ ...entry, url: kbUrl(entry.id), tags: [...entry.tags] });
    },
  )
  .get(
    "/:jobId",
    describe({
      tag: "research",
      auth: "required",
      scope: "read:projects",
      summary: "A search's status and results",
      responses: { 200: { description: "The search", schema: SearchWithResults } },
    }),
    validate("param", JobIdParam),
    async (c) => c.json(await readResearch(deps(c), currentUser(c).id, c.req.valid("param").jobId)),
  );
