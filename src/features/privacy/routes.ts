/**
 * The privacy rights as routes. `meRoutes` is mounted inside /users (behind its requireUser) at
 * /users/me: consents, export, erasure. `exportDownloadRoutes` (/exports) serves signed links,
 * which carry their own authorization. `adminPrivacyRoutes` is mounted inside /admin.
 */
import { Hono } from "hono";
import { auditContext } from "../../lib/audit";
import type { AppEnv } from "../../lib/app-env";
import { currentUser } from "../../lib/auth";
import { database } from "../../lib/db";
import { describe } from "../../lib/openapi";
import { validate } from "../../lib/validate";
import { deps } from "../../lib/deps";
import { answerConsents, listConsents } from "../../lib/consent";
import { exportStatus, latestExportStatus, openExport, requestExport } from "./export";
import { eraseByAdmin, eraseMyself } from "./erasure";
import { rotateStep } from "./rotation";
import {
  ConsentList,
  ConsentsBody,
  DownloadQuery,
  EraseMeBody,
  ExportStarted,
  ExportStatus,
  IdParam,
  UserIdParam,
  RotateBody,
  RotateStep,
} from "./schemas";

const tag = "privacy";

export const meRoutes = new Hono<AppEnv>()
  .get(
    "/consents",
    describe({
      tag,
      auth: "required",
      scope: "account:read",
      summary: "My consents: every purpose, its current version and my answer",
      responses: { 200: { description: "Consents", schema: ConsentList } },
    }),
    async (c) => c.json(await listConsents(database(c.env), currentUser(c).id)),
  )
  .put(
    "/consents",
    describe({
      tag,
      auth: "required",
      summary: "Give or withdraw consents (each answer is audited)",
      responses: {
        200: { description: "Consents", schema: ConsentList },
        409: { description: "The purpose's text changed since that version" },
      },
    }),
    validate("json", ConsentsBody),
    async (c) =>
      c.json(
        await answerConsents(
          database(c.env),
          auditContext(c),
          currentUser(c).id,
          c.req.valid("json").consents,
        ),
      ),
  )
  .delete(
    "/",
    describe({
      tag,
      auth: "required",
      summary: "Delete my account and everything held about me, for good (confirm with the password)",
      responses: { 204: { description: "Erased" }, 403: { description: "Wrong password" } },
    }),
    validate("json", EraseMeBody),
    async (c) => {
      await eraseMyself(deps(c), currentUser(c).id, c.req.valid("json").password);
      return c.body(null, 204);
    },
  )
  .post(
    "/export",
    describe({
      tag,
      auth: "required",
      summary:
        "Export everything held about me: starts a job that builds a ZIP (or returns one on its way or made in the last 10 minutes). With the session cookie it needs the page's X-CSRF-Token",
      responses: { 202: { description: "Queued", schema: ExportStarted } },
    }),
    async (c) => {
      const { jobId, started } = await requestExport(deps(c), currentUser(c).id);
      const statusUrl = `/api/v1/users/me/exports/${jobId}`;
      return c.json({ jobId, started, statusUrl }, 202, { Location: statusUrl });
    },
  )
  .get(
    "/export",
    describe({
      tag,
      auth: "required",
      summary: "My latest export's status (it starts nothing: POST starts one)",
      responses: {
        200: { description: "The latest export", schema: ExportStatus },
        404: { description: "No export yet" },
      },
    }),
    async (c) => {
      c.header("Cache-Control", "private, no-store");
      return c.json(await latestExportStatus(deps(c), currentUser(c).id));
    },
  )
  .get(
    "/exports/:id",
    describe({
      tag,
      auth: "required",
      scope: "account:read",
      summary: "An export's status, with a download link (valid 15 minutes) once it is ready",
      responses: { 200: { description: "The export", schema: ExportStatus } },
    }),
    validate("param", IdParam),
    async (c) => {
      c.header("Cache-Control", "private, no-store");
      return c.json(await exportStatus(deps(c), currentUser(c).id, c.req.valid("param").id));
    },
  );

export const exportDownloadRoutes = new Hono<AppEnv>().get(
  "/:id",
  describe({
    tag,
    summary: "Download an export through its signed, expiring link",
    responses: { 200: { description: "application/zip", mediaType: "application/zip" } },
  }),
  validate("param", IdParam),
  validate("query", DownloadQuery),
  async (c) => {
    const bytes = await openExport(deps(c), c.req.valid("param").id, c.req.valid("query"));
    return new Response(bytes, {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": 'attachment; filename="uxprt-export.zip"',
        "Cache-Control": "private, no-store",
        "Referrer-Policy": "no-referrer",
      },
    });
  },
);

/** Mounted inside /admin (behind its requireUser and requireAdmin). */
export const adminPrivacyRoutes = new Hono<AppEnv>()
  .post(
    "/data-keys/rotate",
    describe({
      tag: "admin",
      auth: "admin",
      summary: "Re-seal stored content under the newest DATA_KEYS key, one page per call",
      responses: { 200: { description: "One step", schema: RotateStep } },
    }),
    validate("json", RotateBody),
    async (c) => c.json(await rotateStep(deps(c), currentUser(c).id, c.req.valid("json"))),
  )
  .delete(
    "/users/:id",
    describe({
      tag: "admin",
      auth: "admin",
      summary: "Erase a user and everything held about them, as DELETE /users/me does",
      responses: { 204: { description: "Erased" } },
    }),
    validate("param", UserIdParam),
    async (c) => {
      await eraseByAdmin(deps(c), currentUser(c).id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
