/**
 * /mcp: the Model Context Protocol over streamable HTTP, stateless (no session id, one server per
 * request) with JSON responses. Authenticated by a personal access token in `Authorization: Bearer`;
 * the token's scopes decide which tools work (mcp/server.ts). Owner scoping, consent and limits are
 * the services' own, exactly as in the API; the token's per-token rate limit counts each request.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../lib/app-env";
import { auditContext } from "../../lib/audit";
import { bearerToken } from "../../lib/auth";
import { database } from "../../lib/db";
import { Problem, unauthorized } from "../../lib/problem";
import { MAX_BODY_BYTES } from "../artifacts/library";
import { isPersonalToken, verifyPersonalToken } from "../../lib/personal-tokens";
import type { ResearchPorts } from "../research/ports";
import { buildMcpServer, type McpPrincipal } from "./server";

/** A tool call carries at most one artifact body (save_artifact_edit) with its JSON-RPC envelope. */
const MAX_MCP_BODY_BYTES = MAX_BODY_BYTES * 2 + 16 * 1024;

const NEEDS_TOKEN =
  "Send a personal access token (make one on your account page) as Authorization: Bearer uxp_….";

/** The principal of an MCP request. An OAuth grant would be a second way to arrive at one. */
async function principalOf(c: Context<AppEnv>): Promise<McpPrincipal> {
  const header = c.req.header("Authorization");
  const token = header ? bearerToken(header) : undefined;
  if (!token || !isPersonalToken(token)) throw unauthorized(NEEDS_TOKEN);
  const { user, scopes, tokenId } = await verifyPersonalToken(
    { db: database(c.env), ctx: auditContext(c) },
    token,
  );
  c.set("user", user);
  c.set("credential", { kind: "token", tokenId, scopes });
  return { user, scopes };
}

export const mcpRoutes = (research: Pick<ResearchPorts, "library">) =>
  new Hono<AppEnv>().all(
    "/",
    bodyLimit({
      maxSize: MAX_MCP_BODY_BYTES,
      onError: () => {
        throw new Problem(413, `The request body is larger than ${MAX_MCP_BODY_BYTES} bytes.`);
      },
    }),
    async (c) => {
      const principal = await principalOf(c);
      const server = buildMcpServer({
        env: c.env,
        principal,
        background: (work) => c.executionCtx.waitUntil(work),
        research,
      });
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      await server.connect(transport);
      const res = await transport.handleRequest(c.req.raw);
      c.executionCtx.waitUntil(server.close());
      return res;
    },
  );
