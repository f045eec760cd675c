/**
 * The HTTP application: cross-cutting middleware, then one sub-app per feature under /api/v1, then
 * the OpenAPI document derived from those very routes, then the web app's pages (src/web). API errors
 * of every kind leave as problem+json; pages turn theirs into friendly error pages.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../lib/app-env";
import { buildOpenApi } from "../lib/openapi";
import { Problem, problemResponse, reportUnhandled, toProblem } from "../lib/problem";
import { bookmarks } from "../lib/d1-session";
import { corsFromConfig, requestContext, securityHeaders } from "../lib/http";
import { adminRoutes } from "../features/admin/routes";
import { MAX_BODY_BYTES } from "../features/artifacts/library";
import { artifactRoutes, projectArtifactRoutes, sharedRoutes } from "../features/artifacts/routes";
import { authRoutes } from "../features/auth/routes";
import { chatUsageRoutes, conversationRoutes, projectChatRoutes } from "../features/chat/routes";
import { creationRoutes, MAX_UPLOAD_BYTES } from "../features/creations/routes";
import { jobRoutes } from "../features/jobs/routes";
import { tagRoutes } from "../features/creations/tag-routes";
import { renderDocs } from "../features/meta/docs-page";
import { mcpRoutes } from "../features/mcp/routes";
import { metaRoutes } from "../features/meta/routes";
import { exportDownloadRoutes } from "../features/privacy/routes";
import { projectRoutes } from "../features/projects/routes";
import { projectResearchRoutes, researchRoutes } from "../features/research/routes";
import { tokenRoutes } from "../features/tokens/routes";
import { userRoutes } from "../features/users/routes";
import { renderErrorPage } from "../web/ui/errors";
import { webRoutes } from "../web/routes";
import { researchPorts } from "./research-ports";

import * as adminSchemas from "../features/admin/schemas";
import * as artifactSchemas from "../features/artifacts/schemas";
import * as authSchemas from "../features/auth/schemas";
import * as chatSchemas from "../features/chat/schemas";
import * as creationSchemas from "../features/creations/schemas";
import * as privacySchemas from "../features/privacy/schemas";
import * as projectSchemas from "../features/projects/schemas";
import * as researchSchemas from "../features/research/schemas";
import * as tokenSchemas from "../features/tokens/schemas";

const isApiPath = (path: string) => path === "/api" || path.startsWith("/api/");

/** JSON bodies are small; creation uploads carry an image and artifact edits a whole document. */
const MAX_JSON_BYTES = 64 * 1024;
const MAX_ARTIFACT_EDIT_BYTES = MAX_BODY_BYTES + 16 * 1024;

function maxBodyBytes(method: string, path: string): number {
  if (method === "POST" && path.endsWith("/creations")) return MAX_UPLOAD_BYTES;
  if (method === "PUT" && /\/artifacts\/[^/]+$/.test(path)) return MAX_ARTIFACT_EDIT_BYTES;
  return MAX_JSON_BYTES;
}

const tooLarge = (limit: number) => () => {
  throw new Problem(413, `The request body is larger than ${limit} bytes.`);
};

const api = new Hono<AppEnv>()
  .use("*", (c, next) => {
    const maxSize = maxBodyBytes(c.req.method, c.req.path);
    return bodyLimit({ maxSize, onError: tooLarge(maxSize) })(c, next);
  })
  .route("/", metaRoutes)
  .route("/auth", authRoutes)
  .route("/users", userRoutes)
  .route("/tokens", tokenRoutes)
  .route("/admin", adminRoutes)
  .route("/creations", creationRoutes)
  .route("/tags", tagRoutes)
  .route("/projects", projectRoutes)
  .route("/projects", projectArtifactRoutes)
  .route("/artifacts", artifactRoutes)
  .route("/jobs", jobRoutes)
  .route("/shared", sharedRoutes)
  .route("/projects", projectChatRoutes)
  .route("/conversations", conversationRoutes)
  .route("/chat", chatUsageRoutes)
  .route("/projects", projectResearchRoutes(researchPorts))
  .route("/research", researchRoutes)
  .route("/exports", exportDownloadRoutes);

const INFO = {
  title: "uXPRT",
  version: "1.0.0",
  description:
    "A UX-design workspace: guided chat, artifacts, research and a creations gallery, on Cloudflare Workers.",
};

let openApi: ReturnType<typeof buildOpenApi> | undefined;
const openApiDocument = () =>
  (openApi ??= buildOpenApi(api, INFO, {
    schemaModules: [
      authSchemas,
      projectSchemas,
      artifactSchemas,
      chatSchemas,
      creationSchemas,
      researchSchemas,
      privacySchemas,
      tokenSchemas,
      adminSchemas,
    ],
  }));

/** The API's route types, for Hono's typed client (src/client.ts). */
export type Api = typeof api;

export const app = new Hono<AppEnv>()
  .use(requestContext, securityHeaders, bookmarks)
  .use("/api/*", corsFromConfig)
  .route("/api/v1", api)
  .get("/api/v1/openapi.json", (c) => c.json(openApiDocument()))
  .get("/api/v1/docs", (c) => {
    c.header(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    return c.html(renderDocs(openApiDocument()));
  })
  .route("/mcp", mcpRoutes(researchPorts))
  // Pages last: their middleware skips /api/*, and API handlers answer before it would run.
  .route("/", webRoutes)
  .notFound((c) => {
    const problem = new Problem(404, `Nothing at ${c.req.method} ${c.req.path}.`);
    return isApiPath(c.req.path) ? problemResponse(c, problem) : renderErrorPage(c, problem);
  })
  .onError((err, c) => {
    const problem = toProblem(err);
    if (problem.status >= 500) reportUnhandled(c.get("requestId"), err);
    return problemResponse(c, problem);
  });
