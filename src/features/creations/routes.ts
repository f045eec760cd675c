/** /creations: the public gallery and its owner-only writes. */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../lib/app-env";
import { currentUser, optionalUser, requireUser } from "../../lib/auth";
import { sendJson } from "../../lib/json-text";
import { describe } from "../../lib/openapi";
import { notFound } from "../../lib/problem";
import { validate } from "../../lib/validate";
import { MAX_IMAGE_BYTES } from "./images";
import {
  CreateCreationForm,
  Creation,
  CreationDetail,
  CreationPage,
  IdParam,
  ListQuery,
  ScoreBody,
  ScoreSummary,
  SearchQuery,
  UpdateCreationBody,
} from "./schemas";
import * as gallery from "./service";
import { deps, readDeps } from "../../lib/deps";

/** The multipart body: the image plus room for the text fields. */
export const MAX_UPLOAD_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

const ScoreResult = z.object({ score: ScoreSummary, myScore: ScoreBody });

export const creationRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describe({
      tag: "creations",
      summary: "List creations (public, cursor-paged)",
      responses: { 200: { description: "A page", schema: CreationPage } },
    }),
    validate("query", ListQuery),
    async (c) => sendJson(c, await gallery.list(readDeps(c), c.req.valid("query"))),
  )
  .get(
    "/search",
    describe({
      tag: "creations",
      summary: "Creations with exactly this tag, newest first (public)",
      responses: { 200: { description: "A page", schema: CreationPage } },
    }),
    validate("query", SearchQuery),
    async (c) => sendJson(c, await gallery.list(readDeps(c), { ...c.req.valid("query"), sort: "newest" })),
  )
  .post(
    "/",
    describe({
      tag: "creations",
      auth: "required",
      scope: "gallery:write",
      summary: "Publish a creation (multipart/form-data)",
      responses: { 201: { description: "Published", schema: Creation } },
    }),
    requireUser,
    validate("form", CreateCreationForm),
    async (c) => {
      const created = await gallery.publish(deps(c), currentUser(c), c.req.valid("form"));
      return c.json(created, 201, { Location: `/api/v1/creations/${created.id}` });
    },
  )
  .get(
    "/:id",
    describe({
      tag: "creations",
      auth: "optional",
      summary: "One creation; with your own score when signed in",
      responses: { 200: { description: "The creation", schema: CreationDetail } },
    }),
    validate("param", IdParam),
    optionalUser,
    async (c) =>
      sendJson(c, await gallery.getCreationFor(readDeps(c), c.req.valid("param").id, c.get("user"))),
  )
  .get(
    "/:id/image",
    describe({
      tag: "creations",
      summary: "The image bytes",
      responses: {
        200: { description: "The image", mediaType: "image/*" },
        304: { description: "Not modified" },
      },
    }),
    validate("param", IdParam),
    async (c) => {
      const object = await c.env.MEDIA.get(gallery.imageKey(c.req.valid("param").id), {
        onlyIf: c.req.raw.headers,
      });
      if (!object) throw notFound("image");
      const headers = new Headers({
        ETag: object.httpEtag,
        // The key is the creation's id and images are never replaced, so the bytes never change.
        "Cache-Control": "public, max-age=31536000, immutable",
        "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      });
      if (!("body" in object)) return new Response(null, { status: 304, headers });
      headers.set("Content-Length", String(object.size));
      return new Response(object.body, { headers });
    },
  )
  .patch(
    "/:id",
    describe({
      tag: "creations",
      auth: "required",
      scope: "gallery:write",
      summary: "Edit a creation (owner or admin)",
      responses: { 200: { description: "The creation", schema: Creation } },
    }),
    validate("param", IdParam),
    requireUser,
    validate("json", UpdateCreationBody),
    async (c) =>
      c.json(await gallery.update(deps(c), currentUser(c), c.req.valid("param").id, c.req.valid("json"))),
  )
  .delete(
    "/:id",
    describe({
      tag: "creations",
      auth: "required",
      scope: "gallery:write",
      summary: "Delete a creation, its image and its scores (owner or admin)",
      responses: { 204: { description: "Deleted" } },
    }),
    validate("param", IdParam),
    requireUser,
    async (c) => {
      await gallery.remove(deps(c), currentUser(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .put(
    "/:id/score",
    describe({
      tag: "creations",
      auth: "required",
      scope: "gallery:write",
      summary: "Score someone else's creation (a second PUT replaces your score)",
      responses: { 200: { description: "The new summary", schema: ScoreResult } },
    }),
    validate("param", IdParam),
    requireUser,
    validate("json", ScoreBody),
    async (c) =>
      c.json(await gallery.score(deps(c), currentUser(c), c.req.valid("param").id, c.req.valid("json"))),
  );
