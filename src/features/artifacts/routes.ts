/** The artifact library and generation. Owner-scoped throughout; share links are the one public read. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, requireUser } from "../../lib/auth";
import { describe } from "../../lib/openapi";
import { notFound } from "../../lib/problem";
import { EXPORT_CSP } from "../../lib/markdown";
import { validate } from "../../lib/validate";
import { usesExternalModel } from "../../lib/llm/model";
import { requireConsent } from "../../lib/consent";
import { assetFonts } from "../../lib/pdf-fonts";
import { exportArtifact } from "./export";
import * as library from "./library";
import { generateForProject, projectZip, regenerate } from "./service";
import {
  Accepted,
  ArtifactPage,
  ArtifactWithBody,
  DiffQuery,
  EditBody,
  ExportQuery,
  GenerateBody,
  IdParam,
  ListQuery,
  RegenerateBody,
  RevertBody,
  ShareLink,
  TokenParam,
  VersionList,
  VersionParam,
  VersionWithBody,
} from "./schemas";
import { deps } from "../../lib/deps";

const download = (
  bytes: Uint8Array | string | ReadableStream<Uint8Array>,
  contentType: string,
  filename: string,
) =>
  new Response(bytes, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });

/** Under /projects/{id}: start generation, export the project. */
// Sign-in is checked per route: route groups mounted on one path share their middleware.
export const projectArtifactRoutes = new Hono<AppEnv>()
  .post(
    "/:id/artifacts",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "write:artifacts",
      summary: "Generate an artifact in the background",
      responses: {
        202: { description: "Queued", schema: Accepted },
        403: { description: "An outside model is configured and the external-model consent is not given" },
      },
    }),
    requireUser,
    requireConsent("external-model", { when: usesExternalModel }),
    validate("param", IdParam),
    validate("json", GenerateBody),
    async (c) => {
      const started = await generateForProject(
        deps(c),
        currentUser(c).id,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(started, 202, { Location: `/api/v1/jobs/${started.jobId}` });
    },
  )
  .get(
    "/:id/export",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "read:projects",
      summary: "A ZIP of the project's latest artifact versions with a manifest",
      responses: { 200: { description: "application/zip", mediaType: "application/zip" } },
    }),
    requireUser,
    validate("param", IdParam),
    async (c) => {
      const zip = await projectZip(deps(c), currentUser(c).id, c.req.valid("param").id);
      return download(zip.stream, "application/zip", zip.filename);
    },
  );

export const artifactRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    "/",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "read:projects",
      summary: "My artifacts: filter, full-text search, sort, cursor paging",
      responses: { 200: { description: "A page", schema: ArtifactPage } },
    }),
    validate("query", ListQuery),
    async (c) => c.json(await library.listLibrary(deps(c), currentUser(c).id, c.req.valid("query"))),
  )
  .get(
    "/:id",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "read:projects",
      summary: "The latest version",
      responses: { 200: { description: "The artifact", schema: ArtifactWithBody } },
    }),
    validate("param", IdParam),
    async (c) => c.json(await library.readLatest(deps(c), currentUser(c).id, c.req.valid("param").id)),
  )
  .put(
    "/:id",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "write:artifacts",
      summary: "Edit by hand (makes a new version)",
      responses: { 200: { description: "The new version", schema: VersionWithBody } },
    }),
    validate("param", IdParam),
    validate("json", EditBody),
    async (c) =>
      c.json(await library.edit(deps(c), currentUser(c).id, c.req.valid("param").id, c.req.valid("json"))),
  )
  .delete(
    "/:id",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "write:artifacts",
      summary: "Delete the artifact, every version and its stored bodies",
      responses: { 204: { description: "Deleted" } },
    }),
    validate("param", IdParam),
    async (c) => {
      await library.remove(deps(c), currentUser(c).id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .get(
    "/:id/versions",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "read:projects",
      summary: "Version history, newest first",
      responses: { 200: { description: "Versions", schema: VersionList } },
    }),
    validate("param", IdParam),
    async (c) => c.json(await library.versions(deps(c), currentUser(c).id, c.req.valid("param").id)),
  )
  .get(
    "/:id/versions/:n",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "read:projects",
      summary: "One version with its body",
      responses: { 200: { description: "The version", schema: VersionWithBody } },
    }),
    validate("param", VersionParam),
    async (c) => {
      const { id, n } = c.req.valid("param");
      return c.json(await library.readVersion(deps(c), currentUser(c).id, id, n));
    },
  )
  .get(
    "/:id/diff",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "read:projects",
      summary: "Unified diff between two versions",
      responses: { 200: { description: "text/x-diff", mediaType: "text/x-diff" } },
    }),
    validate("param", IdParam),
    validate("query", DiffQuery),
    async (c) => {
      const { from, to } = c.req.valid("query");
      const text = await library.diff(deps(c), currentUser(c).id, c.req.valid("param").id, from, to);
      return c.body(text, 200, { "Content-Type": "text/x-diff; charset=utf-8" });
    },
  )
  .post(
    "/:id/revert",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "write:artifacts",
      summary: "Make a new version equal to an old one",
      responses: { 200: { description: "The new version", schema: VersionWithBody } },
    }),
    validate("param", IdParam),
    validate("json", RevertBody),
    async (c) =>
      c.json(
        await library.revert(
          deps(c),
          currentUser(c).id,
          c.req.valid("param").id,
          c.req.valid("json").version,
        ),
      ),
  )
  .post(
    "/:id/regenerate",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "write:artifacts",
      summary: "Write a new version from feedback (background job)",
      responses: {
        202: { description: "Queued", schema: Accepted },
        403: { description: "An outside model is configured and the external-model consent is not given" },
      },
    }),
    requireConsent("external-model", { when: usesExternalModel }),
    validate("param", IdParam),
    validate("json", RegenerateBody),
    async (c) => {
      const started = await regenerate(
        deps(c),
        currentUser(c).id,
        c.req.valid("param").id,
        c.req.valid("json").feedback,
      );
      return c.json(started, 202, { Location: `/api/v1/jobs/${started.jobId}` });
    },
  )
  .get(
    "/:id/export",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "read:projects",
      summary: "Download as md, html, json or pdf",
      responses: { 200: { description: "The file", mediaType: "application/octet-stream" } },
    }),
    validate("param", IdParam),
    validate("query", ExportQuery),
    async (c) => {
      const a = await library.readLatest(deps(c), currentUser(c).id, c.req.valid("param").id);
      if (a.body === null) throw notFound("version (the artifact is still being generated)");
      const file = await exportArtifact(
        { ...a, body: a.body },
        c.req.valid("query").format,
        assetFonts(c.env.ASSETS),
      );
      const res = download(file.bytes, file.contentType, file.filename);
      // An exported HTML page is a document of its own: no scripts, whatever it contains.
      res.headers.set("Content-Security-Policy", EXPORT_CSP);
      return res;
    },
  )
  .post(
    "/:id/share",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "write:artifacts",
      summary: "Create a public read-only link (replaces any earlier one)",
      responses: { 201: { description: "The link; the token is shown only now", schema: ShareLink } },
    }),
    validate("param", IdParam),
    async (c) => c.json(await library.share(deps(c), currentUser(c).id, c.req.valid("param").id), 201),
  )
  .delete(
    "/:id/share",
    describe({
      tag: "artifacts",
      auth: "required",
      scope: "write:artifacts",
      summary: "Revoke the public link",
      responses: { 204: { description: "Revoked" } },
    }),
    validate("param", IdParam),
    async (c) => {
      await library.unshare(deps(c), currentUser(c).id, c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

export const sharedRoutes = new Hono<AppEnv>().get(
  "/:token",
  describe({
    tag: "artifacts",
    summary: "A shared artifact (public, read-only)",
    responses: {
      200: { description: "The artifact", schema: ArtifactWithBody.omit({ shared: true, projectId: true }) },
    },
  }),
  validate("param", TokenParam),
  async (c) => {
    c.header("Cache-Control", "private, no-store");
    return c.json(await library.readShared(deps(c), c.req.valid("param").token));
  },
);
