/**
 * The MCP server: uXPRT's projects, artifacts, research and chat as Model Context Protocol tools and
 * resources, for AI assistants (Claude, Cursor, …). Each tool is a thin wrapper over the service the
 * HTTP API calls, with that route's zod schema as its input, and names the scope it needs from the
 * one scope table (lib/scopes.ts). A tool outside the principal's scopes, or a Problem from the
 * service (404 for anything not the caller's, 403 without consent, 429 past a limit), comes back as
 * a tool error the assistant can read, naming what is missing.
 *
 * Stateless: one McpServer per request, built for the principal that request proved (mcp/routes.ts).
 */
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker-provider.js";
import { z } from "zod";
import type { AuthUser } from "../../lib/app-env";
import { database } from "../../lib/db";
import { Problem } from "../../lib/problem";
import type { Scope } from "../../lib/scopes";
import { generateForProject } from "../artifacts/service";
import * as library from "../artifacts/library";
import { EditBody, GenerateBody, ListQuery as ArtifactListQuery } from "../artifacts/schemas";
import { usesExternalModel } from "../../lib/llm/model";
import { ConversationIdParam, SendMessageBody } from "../chat/schemas";
import * as chat from "../chat/service";
import { readJob } from "../jobs/service";
import { assertConsent } from "../../lib/consent";
import { PageQuery, ProjectIdParam } from "../projects/schemas";
import { listMyProjects } from "../projects/service";
import { JobIdParam, ResearchBody } from "../research/schemas";
import type { ResearchPorts } from "../research/ports";
import { readResearch, startResearch } from "../research/service";
import { requireProject } from "../projects/service";

/**
 * Who is calling and what they may do. A personal access token gives one today; an OAuth grant
 * (workers-oauth-provider) would give the same shape, so the tools do not change when it comes.
 */
export interface McpPrincipal {
  user: AuthUser;
  scopes: readonly Scope[];
}

export interface McpContext {
  env: Env;
  principal: McpPrincipal;
  /** Keeps work alive after the response (the request's waitUntil). */
  background: (work: Promise<unknown>) => void;
  /** What research needs from outside its feature (wired in src/worker). */
  research: Pick<ResearchPorts, "library">;
}

export const ARTIFACT_URI = "uxprt://artifacts/{id}";
const artifactUri = (id: string) => `uxprt://artifacts/${id}`;

const text = (value: string): CallToolResult => ({ content: [{ type: "text", text: value }] });
const json = (value: unknown): CallToolResult => text(JSON.stringify(value, null, 2));
const refusal = (detail: string): CallToolResult => ({
  isError: true,
  content: [{ type: "text", text: detail }],
});

class MissingScope extends Error {
  constructor(readonly scope: Scope) {
    super(`This token lacks the scope ${scope}.`);
  }
}

function allow(principal: McpPrincipal, scope: Scope) {
  if (!principal.scopes.includes(scope)) throw new MissingScope(scope);
}

/** Runs a tool's body; the refusals a caller can act on become tool errors, anything else propagates. */
async function guarded(principal: McpPrincipal, scope: Scope, run: () => Promise<CallToolResult>) {
  try {
    allow(principal, scope);
    return await run();
  } catch (e) {
    if (e instanceof MissingScope) return refusal(`403 insufficient-scope: ${e.message}`);
    if (e instanceof Problem && e.status < 500) return refusal(`${e.status} ${e.title}: ${e.detail}`);
    throw e;
  }
}

/** An artifact as Markdown: its title, metadata and body, whose Mermaid diagrams are fenced blocks. */
function artifactMarkdown(a: { id: string; title: string; type: string; version: number; body: string }) {
  return `<!-- uxprt artifact ${a.id} · ${a.type} · version ${a.version} -->\n${a.body}`;
}

export function buildMcpServer({ env, principal, background, research }: McpContext): McpServer {
  const server = new McpServer(
    { name: "uxprt", version: "1.0.0" },
    {
      // The default validator (ajv) generates code at run time, which workerd refuses.
      jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
      instructions:
        "uXPRT is a UX-design workspace. Projects hold conversations with a guide and versioned artifacts (PRD, personas, wireframes, …). List projects, read their brief and artifacts, save edits as new versions, start generation or research and poll the job.",
    },
  );
  const db = database(env);
  const me = principal.user;
  const deps = { db, env };
  const tool = <S extends z.ZodObject>(
    name: string,
    config: { title: string; description: string; scope: Scope; input: S; readOnly?: boolean },
    run: (args: z.output<S>) => Promise<CallToolResult>,
  ) =>
    server.registerTool(
      name,
      {
        title: config.title,
        description: `${config.description} Needs the scope ${config.scope}.`,
        inputSchema: config.input,
        annotations: { readOnlyHint: config.readOnly ?? false },
      },
      // The SDK has validated the arguments with `input` already.
      ((args: z.output<S>) => guarded(principal, config.scope, () => run(args))) as never,
    );

  tool(
    "list_projects",
    {
      title: "List projects",
      description: "My projects, most recently active first (cursor-paged).",
      scope: "read:projects",
      input: PageQuery,
      readOnly: true,
    },
    async (page) => json(await listMyProjects({ db }, me.id, page)),
  );
  tool(
    "read_brief",
    {
      title: "Read a project's brief",
      description:
        "What the guide has learned about a project: facts per stage (goals, audience, …), what is missing, the next step.",
      scope: "read:projects",
      input: ProjectIdParam,
      readOnly: true,
    },
    async ({ id }) => json(await chat.projectBrief({ env, db }, me, id)),
  );
  tool(
    "list_conversations",
    {
      title: "List a project's conversations",
      description: "A project's conversations with the guide, most recently active first.",
      scope: "read:projects",
      input: ProjectIdParam.extend(PageQuery.shape),
      readOnly: true,
    },
    async ({ id, ...page }) => json(await chat.listConversations({ db }, me, id, page)),
  );
  tool(
    "search_artifacts",
    {
      title: "List or search artifacts",
      description:
        "My artifacts, optionally in one project, of one type, or matching a full-text query `q`; each with id, type, title and latest version.",
      scope: "read:projects",
      input: ArtifactListQuery,
      readOnly: true,
    },
    async (query) => json(await library.listLibrary({ db }, me.id, query)),
  );
  tool(
    "read_artifact",
    {
      title: "Read an artifact",
      description:
        "An artifact's Markdown (diagrams are ```mermaid blocks, wireframes their layout blocks): the latest version, or `version`.",
      scope: "read:projects",
      input: z.object({ id: z.string(), version: z.number().int().min(1).optional() }),
      readOnly: true,
    },
    async ({ id, version }) => {
      const a = version
        ? await library.readVersion(deps, me.id, id, version)
        : await library.readLatest(deps, me.id, id);
      if (a.body === null) return refusal("409 Conflict: the artifact is still being generated.");
      return text(artifactMarkdown({ ...a, version: a.version ?? 0, body: a.body }));
    },
  );
  tool(
    "save_artifact_edit",
    {
      title: "Save an edit",
      description:
        "Saves new Markdown for an artifact as its next version (the old ones stay in its history). Answers the new version number.",
      scope: "write:artifacts",
      input: EditBody.extend({ id: z.string() }),
    },
    async ({ id, ...edit }) => {
      const v = await library.edit(deps, me.id, id, edit);
      return json({ id: v.id, version: v.version, title: v.title, bytes: v.bytes, createdAt: v.createdAt });
    },
  );
  tool(
    "generate_artifact",
    {
      title: "Generate an artifact",
      description:
        "Starts writing an artifact of `type` for a project in the background; poll get_job with the jobId.",
      scope: "write:artifacts",
      input: GenerateBody.extend({ projectId: z.string() }),
    },
    async ({ projectId, ...body }) => {
      if (usesExternalModel(env)) await assertConsent(env, me.id, "external-model");
      return json(await generateForProject(deps, me.id, projectId, body));
    },
  );
  tool(
    "get_job",
    {
      title: "Read a job",
      description: "A background job's status (queued, running, succeeded, failed), progress and result.",
      scope: "read:projects",
      input: z.object({ id: z.string() }),
      readOnly: true,
    },
    async ({ id }) => json(await readJob({ db }, me.id, id)),
  );
  tool(
    "start_research",
    {
      title: "Start research",
      description:
        "Searches (the offline UX knowledge base and my artifacts, or the configured web provider) for a project in the background; read it with read_research.",
      scope: "research",
      input: ResearchBody.extend({ projectId: z.string() }),
    },
    async ({ projectId, ...body }) => {
      const project = await requireProject({ db }, me.id, projectId);
      return json(
        await startResearch(
          { db: db, env: env },
          { ownerId: me.id, projectId: project.id, ...body },
          research,
        ),
      );
    },
  );
  tool(
    "read_research",
    {
      title: "Read research results",
      description: "A search's status and its results (title, url, snippet, source).",
      scope: "read:projects",
      input: JobIdParam,
      readOnly: true,
    },
    async ({ jobId }) => json(await readResearch({ db }, me.id, jobId)),
  );
  tool(
    "send_message",
    {
      title: "Message the guide",
      description:
        "Posts a message to a conversation and waits for the guide's reply, which it answers (the guide may also queue artifacts).",
      scope: "chat",
      input: ConversationIdParam.extend(SendMessageBody.shape),
    },
    async ({ id, content }) => {
      if (usesExternalModel(env)) await assertConsent(env, me.id, "external-model");
      const res = await chat.sendMessage({ env, db }, me, id, content, background);
      const replyId = res.headers.get("X-Reply-Id");
      // The reply is saved when its stream ends: read it to the end, then read the saved message.
      await res.text();
      const recent = await chat.getConversation({ env, db }, me, id, { limit: 10 });
      const reply = recent.messages.items.find((m) => m.id === replyId);
      return json({ replyId, reply: reply?.content ?? null });
    },
  );

  server.registerResource(
    "artifact",
    new ResourceTemplate(ARTIFACT_URI, {
      list: async () => {
        allow(principal, "read:projects");
        const page = await library.listLibrary({ db }, me.id, { sort: "updated", limit: 50 });
        return {
          resources: page.items.map((a) => ({
            uri: artifactUri(a.id),
            name: a.title,
            description: `${a.type}, version ${a.version ?? "(generating)"}`,
            mimeType: "text/markdown",
          })),
        };
      },
    }),
    { title: "Artifact", description: "An artifact's latest version as Markdown", mimeType: "text/markdown" },
    async (uri, { id }) => {
      allow(principal, "read:projects");
      const a = await library.readLatest(deps, me.id, String(id));
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: "text/markdown",
            text: artifactMarkdown({ ...a, version: a.version ?? 0, body: a.body ?? "" }),
          },
        ],
      };
    },
  );
  return server;
}
