/** /admin: user management and the local mail outbox. Admins only. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireAdmin, requireUser } from "../../lib/auth";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { User } from "../auth/schemas";
import { adminPrivacyRoutes } from "../privacy/routes";
import { AdminUserPatch, IdParam, OutboxPage, UserListQuery, UserPage } from "./schemas";
import { listUsers, readOutbox, updateUser } from "./service";
import { deps } from "../../lib/deps";

export const adminRoutes = new Hono<AppEnv>()
  .use(requireUser, requireAdmin)
  .get(
    "/users",
    describe({
      tag: "admin",
      auth: "admin",
      summary: "List users, newest first",
      responses: { 200: { description: "A page", schema: UserPage } },
    }),
    validate("query", UserListQuery),
    async (c) => c.json(await listUsers(deps(c), c.req.valid("query"))),
  )
  .patch(
    "/users/:id",
    describe({
      tag: "admin",
      auth: "admin",
      summary: "Change a user's role or deactivate them",
      responses: { 200: { description: "The user", schema: User } },
    }),
    validate("param", IdParam),
    validate("json", AdminUserPatch),
    async (c) => {
      return c.json(
        await updateUser(deps(c), currentUser(c).id, c.req.valid("param").id, c.req.valid("json")),
      );
    },
  )
  .get(
    "/outbox",
    describe({
      tag: "admin",
      auth: "admin",
      summary: "Mail written by the local Mailer (MAILER=outbox)",
      responses: { 200: { description: "Latest 100", schema: OutboxPage } },
    }),
    async (c) => c.json(await readOutbox(deps(c))),
  )
  // Erasure and key rotation (features/privacy), behind this group's admin check.
  .route("/", adminPrivacyRoutes);
