/** /jobs/{id}: the status and progress of any background job the caller started (generation, research, export). */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { IdParam, Job } from "./schemas";
import { readJob } from "./service";
import { deps } from "../../lib/deps";

export const jobRoutes = new Hono<AppEnv>().use(requireUser).get(
  "/:id",
  describe({
    tag: "artifacts",
    auth: "required",
    scope: "read:projects",
    summary: "A background job's status and progress",
    responses: { 200: { description: "The job", schema: Job } },
  }),
  validate("param", IdParam),
  async (c) => c.json(await readJob(deps(c), currentUser(c).id, c.req.valid("param").id)),
);
