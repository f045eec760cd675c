/**
 * The MCP server tested with the official SDK's own client, speaking streamable HTTP to the Worker
 * (in workerd, with real bindings): what an assistant such as Claude Desktop or Cursor does.
 */
import { exports } from "cloudflare:workers";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker-provider.js";
import { describe, expect, it } from "vitest";
import { jobDone } from "../../../test/account";
import { newConversation, newProject } from "../../../test/chat";
import { api, signUp, type Session } from "../../../test/helpers";

const worker = (exports as unknown as { default: Fetcher }).default;

async function connect(token: string | undefined) {
  const transport = new StreamableHTTPClientTransport(new URL("http://uxprt.test/mcp"), {
    fetch: (url, init) => worker.fetch(new Request(url, init)),
    requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
  const client = new Client(
    { name: "uxprt-test", version: "1.0.0" },
    { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  await client.connect(transport);
  return client;
}

async function mint(s: Session, scopes: string[]) {
  const res = await api("/tokens", { method: "POST", token: s.accessToken, json: { name: "mcp", scopes } });
  return ((await res.json()) as { token: string }).token;
}

const textOf = (r: unknown) => ((r as CallToolResult).content[0] as { text: string }).text;
const jsonOf = <T>(r: unknown) => JSON.parse(textOf(r)) as T;

/** A user with a project whose PRD is written. */
async function withPrd(name: string) {
  const s = await signUp(name);
  const project = await newProject(s.accessToken, "Plant shop");
  const conv = await newConversation(s.accessToken, project.id);
  const started = (await (
    await api(`/projects/${project.id}/artifacts`, {
      method: "POST",
      token: s.accessToken,
      json: { type: "prd", conversationId: conv.id },
    })
  ).json()) as { jobId: string; artifactId: string };
  expect((await jobDone(s, started.jobId)).status).toBe("succeeded");
  return { s, project, conv, artifactId: started.artifactId };
}

describe("the MCP server at /mcp", () => {
  it("lets an assistant list projects, read a PRD and save an edit as version 2", async () => {
    const { s, project, artifactId } = await withPrd("mcp-writer");
    const client = await connect(await mint(s, ["read:projects", "write:artifacts"]));
    expect(client.getServerVersion()).toMatchObject({ name: "uxprt" });

    const tools = (await client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual(
      expect.arrayContaining([
        "list_projects",
        "read_brief",
        "list_conversations",
        "search_artifacts",
        "read_artifact",
        "save_artifact_edit",
        "generate_artifact",
        "get_job",
        "start_research",
        "read_research",
        "send_message",
      ]),
    );

    const projects = jsonOf<{ items: { id: string; name: string }[] }>(
      await client.callTool({ name: "list_projects", arguments: {} }),
    );
    expect(projects.items).toEqual([expect.objectContaining({ id: project.id, name: "Plant shop" })]);

    const found = jsonOf<{ items: { id: string; type: string }[] }>(
      await client.callTool({ name: "search_artifacts", arguments: { projectId: project.id, type: "prd" } }),
    );
    expect(found.items.map((a) => a.id)).toEqual([artifactId]);

    const prd = textOf(await client.callTool({ name: "read_artifact", arguments: { id: artifactId } }));
    expect(prd).toContain(`uxprt artifact ${artifactId} · prd · version 1`);
    expect(prd).toMatch(/^#{1,3} /m);

    const edited = `${prd.split("\n").slice(1).join("\n")}\n\n## Open questions\n\n- Delivery radius?\n`;
    const saved = jsonOf<{ version: number }>(
      await client.callTool({
        name: "save_artifact_edit",
        arguments: { id: artifactId, body: edited, note: "From the assistant" },
      }),
    );
    expect(saved.version).toBe(2);
    const latest = (await (await api(`/artifacts/${artifactId}`, { token: s.accessToken })).json()) as {
      version: number;
      body: string;
    };
    expect(latest).toMatchObject({ version: 2 });
    expect(latest.body).toContain("Delivery radius?");

    const resources = await client.listResources();
    expect(resources.resources.map((r) => r.uri)).toContain(`uxprt://artifacts/${artifactId}`);
    const read = await client.readResource({ uri: `uxprt://artifacts/${artifactId}` });
    expect((read.contents[0] as { text: string }).text).toContain("Delivery radius?");

    const brief = jsonOf<{ projectId: string }>(
      await client.callTool({ name: "read_brief", arguments: { id: project.id } }),
    );
    expect(brief.projectId).toBe(project.id);
    await client.close();
  });

  it("refuses a tool outside the token's scopes, naming the scope, and changes nothing", async () => {
    const { s, artifactId } = await withPrd("mcp-reader");
    const client = await connect(await mint(s, ["read:projects"]));
    const refused = (await client.callTool({
      name: "save_artifact_edit",
      arguments: { id: artifactId, body: "# Overwritten" },
    })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe("403 insufficient-scope: This token lacks the scope write:artifacts.");
    const latest = (await (await api(`/artifacts/${artifactId}`, { token: s.accessToken })).json()) as {
      version: number;
    };
    expect(latest.version).toBe(1);
    await client.close();
  });

  it("scopes everything to the token's owner: someone else's artifact is not found", async () => {
    const { artifactId } = await withPrd("mcp-victim");
    const other = await signUp("mcp-other");
    const client = await connect(await mint(other, ["read:projects", "write:artifacts"]));
    const read = (await client.callTool({
      name: "read_artifact",
      arguments: { id: artifactId },
    })) as CallToolResult;
    expect(read.isError).toBe(true);
    expect(textOf(read)).toBe("404 Not Found: No such artifact.");
    const edit = (await client.callTool({
      name: "save_artifact_edit",
      arguments: { id: artifactId, body: "# Mine now" },
    })) as CallToolResult;
    expect(textOf(edit)).toBe("404 Not Found: No such artifact.");
    expect(
      jsonOf<{ items: unknown[] }>(await client.callTool({ name: "list_projects", arguments: {} })).items,
    ).toEqual([]);
    await client.close();
  });

  it("starts generation and research, reads the jobs, and chats with the guide", async () => {
    const s = await signUp("mcp-worker");
    const project = await newProject(s.accessToken, "Bike repair");
    const conv = await newConversation(s.accessToken, project.id);
    const client = await connect(await mint(s, ["read:projects", "write:artifacts", "research", "chat"]));

    const reply = jsonOf<{ replyId: string; reply: string }>(
      await client.callTool({
        name: "send_message",
        arguments: { id: conv.id, content: "We repair bikes for commuters in Utrecht." },
      }),
    );
    expect(reply.replyId).toMatch(/.{8,}/);
    expect(reply.reply.length).toBeGreaterThan(20);

    const started = jsonOf<{ jobId: string; artifactId: string }>(
      await client.callTool({
        name: "generate_artifact",
        arguments: { projectId: project.id, type: "personas" },
      }),
    );
    expect((await jobDone(s, started.jobId)).status).toBe("succeeded");
    const job = jsonOf<{ status: string; kind: string }>(
      await client.callTool({ name: "get_job", arguments: { id: started.jobId } }),
    );
    expect(job).toMatchObject({ status: "succeeded" });

    const search = jsonOf<{ jobId: string }>(
      await client.callTool({
        name: "start_research",
        arguments: { projectId: project.id, query: "usability testing" },
      }),
    );
    expect((await jobDone(s, search.jobId)).status).toBe("succeeded");
    const results = jsonOf<{ status: string; results: { title: string }[] }>(
      await client.callTool({ name: "read_research", arguments: { jobId: search.jobId } }),
    );
    expect(results.status).toBe("succeeded");
    expect(results.results.length).toBeGreaterThan(0);
    await client.close();
  });

  it("answers a single JSON-RPC request without a session (stateless), as curl would send it", async () => {
    const s = await signUp("mcp-curl");
    await newProject(s.accessToken, "Curl shop");
    const token = await mint(s, ["read:projects"]);
    const res = await worker.fetch(
      new Request("http://uxprt.test/mcp", {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          Accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "tools/call",
          params: { name: "list_projects", arguments: {} },
        }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Mcp-Session-Id")).toBeNull();
    const body = (await res.json()) as { id: number; result: CallToolResult };
    expect(body.id).toBe(1);
    expect(textOf(body.result)).toContain("Curl shop");
  });

  it("needs a live personal access token", async () => {
    await expect(connect(undefined)).rejects.toThrow(/401/);
    const s = await signUp("mcp-revoked");
    await expect(connect(s.accessToken)).rejects.toThrow(/401/);
    const token = await mint(s, ["read:projects"]);
    const client = await connect(token);
    const { items } = (await (await api("/tokens", { token: s.accessToken })).json()) as {
      items: { id: string }[];
    };
    await api(`/tokens/${items[0]!.id}`, { method: "DELETE", token: s.accessToken });
    await expect(client.callTool({ name: "list_projects", arguments: {} })).rejects.toThrow(/401/);
  });
});
