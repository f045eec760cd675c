import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newProject } from "../../../test/chat";
import { api, problem, settled, signUp, type Session } from "../../../test/helpers";

type Result = { title: string; url: string; snippet: string; source: string; fetchedAt: string };
type Search = {
  jobId: string;
  status: string;
  query: string;
  provider: string | null;
  cached: boolean;
  resultCount: number;
  error: string | null;
  results: Result[];
};

async function research(s: Session, projectId: string, body: Record<string, unknown>) {
  const res = await api(`/projects/${projectId}/research`, {
    method: "POST",
    token: s.accessToken,
    json: body,
  });
  expect(res.status, await res.clone().text()).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  expect(res.headers.get("Location")).toBe(`/api/v1/research/${jobId}`);
  return settled<Search>(s.accessToken, `/research/${jobId}`);
}

describe("research with no configuration", () => {
  it("runs as a job and answers from the knowledge base the app ships, labelled as local", async () => {
    const s = await signUp("researcher");
    const p = await newProject(s.accessToken);
    const done = await research(s, p.id, { query: "  User   PERSONAS " });
    expect(done).toMatchObject({
      status: "succeeded",
      query: "User   PERSONAS",
      provider: "local",
      cached: false,
      error: null,
    });
    expect(done.results.length).toBeGreaterThan(2);
    expect(done.results.length).toBeLessThanOrEqual(10);
    expect(done.results.every((r) => r.source === "local-kb" && r.url.startsWith("uxprt://kb/"))).toBe(true);
    expect(done.results.map((r) => r.url)).toContain("uxprt://kb/methods/personas");
    expect(Date.parse(done.results[0]!.fetchedAt)).toBeGreaterThan(0);
    const job = (await (await api(`/jobs/${done.jobId}`, { token: s.accessToken })).json()) as {
      kind: string;
      status: string;
    };
    expect(job).toMatchObject({ kind: "research", status: "succeeded" });
    // What a result links to can be read.
    const entry = await api("/research/kb/methods/personas", { token: s.accessToken });
    expect(await entry.json()).toMatchObject({
      id: "methods/personas",
      url: "uxprt://kb/methods/personas",
      title: "Personas",
    });
    expect((await api("/research/kb/methods/nothing-here", { token: s.accessToken })).status).toBe(404);
  });

  it("pages with count and offset", async () => {
    const s = await signUp("pager");
    const p = await newProject(s.accessToken);
    const first = await research(s, p.id, { query: "research interviews personas", count: 2 });
    const second = await research(s, p.id, { query: "research interviews personas", count: 2, offset: 1 });
    expect(first.results).toHaveLength(2);
    expect(second.results).toHaveLength(2);
    expect(second.results.map((r) => r.url)).not.toContain(first.results[0]!.url);
  });

  it("finds my own artifacts too, and never another user's", async () => {
    const s = await signUp("owner");
    const other = await signUp("neighbour");
    const p = await newProject(s.accessToken, "Zebra Planner");
    const q = await newProject(other.accessToken, "Zebra Rival");
    for (const [who, project] of [
      [s, p.id],
      [other, q.id],
    ] as const) {
      const res = await api(`/projects/${project}/artifacts`, {
        method: "POST",
        token: who.accessToken,
        json: { type: "prd" },
      });
      await settled(who.accessToken, `/jobs/${((await res.json()) as { jobId: string }).jobId}`);
    }
    const done = await research(s, p.id, { query: "zebra requirements" });
    const mine = done.results.filter((r) => r.source === "my-artifacts");
    expect(mine.map((r) => r.title)).toEqual(["Product requirements document: Zebra Planner"]);
    expect(mine[0]!.url).toMatch(/^uxprt:\/\/artifacts\/[0-9A-Z]{26}$/);
  });

  it("lists a project's searches newest first, a page at a time", async () => {
    const s = await signUp("lister");
    const p = await newProject(s.accessToken);
    await research(s, p.id, { query: "card sorting" });
    await research(s, p.id, { query: "tree testing" });
    const page = (await (
      await api(`/projects/${p.id}/research?limit=1`, { token: s.accessToken })
    ).json()) as { items: Search[]; nextCursor: string };
    expect(page.items.map((i) => i.query)).toEqual(["tree testing"]);
    expect(page.items[0]).toMatchObject({ status: "succeeded", provider: "local" });
    expect(page.items[0]!.resultCount).toBeGreaterThan(0);
    const rest = (await (
      await api(`/projects/${p.id}/research?limit=1&cursor=${page.nextCursor}`, { token: s.accessToken })
    ).json()) as { items: Search[]; nextCursor: string | null };
    expect(rest.items.map((i) => i.query)).toEqual(["card sorting"]);
    expect(rest.nextCursor).toBeNull();
  });

  it("validates the query, count and offset", async () => {
    const s = await signUp("strict");
    const p = await newProject(s.accessToken);
    for (const body of [
      { query: "" },
      { query: "x".repeat(301) },
      { query: "ok", count: 0 },
      { query: "ok", count: 21 },
      { query: "ok", offset: 10 },
      { query: "ok", url: "https://evil.example" },
    ]) {
      const res = await api(`/projects/${p.id}/research`, {
        method: "POST",
        token: s.accessToken,
        json: body,
      });
      expect(res.status, JSON.stringify(body)).toBe(422);
      await problem(res);
    }
    expect(
      (
        await api(`/projects/${p.id}/research`, {
          method: "POST",
          token: s.accessToken,
          json: { query: "\u0000\u200b" },
        })
      ).status,
    ).toBe(422);
  });

  it("another user can neither search in my project nor read or list my searches", async () => {
    const s = await signUp("private");
    const nosy = await signUp("nosy");
    const p = await newProject(s.accessToken);
    const done = await research(s, p.id, { query: "journey map" });
    for (const res of [
      await api(`/projects/${p.id}/research`, {
        method: "POST",
        token: nosy.accessToken,
        json: { query: "x" },
      }),
      await api(`/projects/${p.id}/research`, { token: nosy.accessToken }),
      await api(`/research/${done.jobId}`, { token: nosy.accessToken }),
      await api(`/jobs/${done.jobId}`, { token: nosy.accessToken }),
    ]) {
      expect(res.status).toBe(404);
      await problem(res);
    }
    expect((await api(`/research/${done.jobId}`)).status).toBe(401);
  });
});

describe("search limits", () => {
  it("allows 10 searches a minute, then answers 429 with Retry-After", async () => {
    const s = await signUp("eager");
    const p = await newProject(s.accessToken);
    for (let i = 0; i < 10; i++)
      expect(
        (
          await api(`/projects/${p.id}/research`, {
            method: "POST",
            token: s.accessToken,
            json: { query: `topic ${i}` },
          })
        ).status,
      ).toBe(202);
    const res = await api(`/projects/${p.id}/research`, {
      method: "POST",
      token: s.accessToken,
      json: { query: "one more" },
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await problem(res)).detail).toBe("At most 10 searches a minute; wait a moment.");
  });

  it("stops at 100 searches per UTC day, until midnight", async () => {
    const s = await signUp("heavy");
    const p = await newProject(s.accessToken);
    const now = Date.now();
    const earlier = Math.max(Math.floor(now / 86_400_000) * 86_400_000, now - 3_600_000);
    const rows = Array.from(
      { length: 100 },
      (_, i) => `('seed-${s.id}-${i}', '${s.id}', '${p.id}', ${earlier})`,
    ).join(",");
    await env.DB.prepare(
      `INSERT INTO jobs (id, owner_id, project_id, kind, status, input, created_at, updated_at) SELECT column1, column2, column3, 'research', 'succeeded', '{}', column4, column4 FROM (VALUES ${rows})`,
    ).run();
    await env.DB.prepare(
      `INSERT INTO research_searches (job_id, owner_id, project_id, query, normalized, count, page_offset, created_at) SELECT id, owner_id, project_id, 'old', 'old', 10, 0, created_at FROM jobs WHERE owner_id = ?`,
    )
      .bind(s.id)
      .run();
    const res = await api(`/projects/${p.id}/research`, {
      method: "POST",
      token: s.accessToken,
      json: { query: "too many" },
    });
    expect(res.status).toBe(429);
    const untilMidnight = Math.ceil((Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000 - now) / 1000);
    expect(Math.abs(Number(res.headers.get("Retry-After")) - untilMidnight)).toBeLessThan(5);
    expect((await problem(res)).detail).toContain("100 searches for today");
  });
});
