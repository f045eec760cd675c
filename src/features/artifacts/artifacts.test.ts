import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, problem, signUp, type Session } from "../../../test/helpers";
import { TestBrowser } from "../../../test/browser";
import { unzip } from "../../../test/unzip";
import { consumeJobs } from "../jobs/queue";
import { jobHandlers } from "../../worker/jobs";
import { readPdf } from "../../../test/pdf-text";

type Job = {
  status: string;
  progress: number;
  error: string | null;
  result: { artifactId: string; version: number } | null;
};
type Artifact = {
  id: string;
  title: string;
  version: number | null;
  status: string;
  body: string | null;
  type: string;
};

async function project(s: Session, name = "Pantry Pal") {
  const res = await api("/projects", { method: "POST", token: s.accessToken, json: { name } });
  return ((await res.json()) as { id: string }).id;
}

async function generate(s: Session, projectId: string, type = "prd", extra: Record<string, unknown> = {}) {
  const res = await api(`/projects/${projectId}/artifacts`, {
    method: "POST",
    token: s.accessToken,
    json: { type, ...extra },
  });
  expect(res.status).toBe(202);
  return (await res.json()) as { jobId: string; artifactId: string };
}

async function settled(s: Session, jobId: string): Promise<Job> {
  let job: Job | undefined;
  await expect
    .poll(
      async () => {
        job = (await (await api(`/jobs/${jobId}`, { token: s.accessToken })).json()) as Job;
        return job.status;
      },
      { timeout: 25_000, interval: 100 },
    )
    .toMatch(/succeeded|failed/);
  return job!;
}

async function ready(s: Session, type = "prd") {
  const p = await project(s);
  const { jobId, artifactId } = await generate(s, p, type);
  expect((await settled(s, jobId)).status).toBe("succeeded");
  return { projectId: p, artifactId, jobId };
}

const get = async <T>(s: Session, path: string) =>
  (await (await api(path, { token: s.accessToken })).json()) as T;

describe("generation jobs", () => {
  it("run through the real queue: queued → succeeded, with a versioned artifact", async () => {
    const s = await signUp("gen");
    const p = await project(s, "Pantry Pal");
    const { jobId, artifactId } = await generate(s, p);
    const pending = await get<Artifact>(s, `/artifacts/${artifactId}`);
    expect(pending.status === "generating" || pending.status === "ready").toBe(true);
    const job = await settled(s, jobId);
    expect(job).toMatchObject({ status: "succeeded", progress: 100, result: { artifactId, version: 1 } });
    const a = await get<Artifact>(s, `/artifacts/${artifactId}`);
    expect(a).toMatchObject({
      title: "Product requirements document: Pantry Pal",
      version: 1,
      status: "ready",
      type: "prd",
    });
    // Facts the guide has not gathered are open questions, not filler.
    expect(a.body).toContain("## Goals");
    expect(a.body).toContain("> **Open question: Problem.**");
    expect(a.body).toContain("## Open questions");
  });

  it("a redelivered message never makes a second version", async () => {
    const s = await signUp("redeliver");
    const { artifactId, jobId } = await ready(s);
    // As if the first delivery crashed after writing but before marking the job done.
    await env.DB.prepare("UPDATE jobs SET status = 'running' WHERE id = ?").bind(jobId).run();
    const batch = createMessageBatch<{ jobId: string }>("uxprt-jobs", [
      { id: "m1", timestamp: new Date(), attempts: 2, body: { jobId } },
      { id: "m2", timestamp: new Date(), attempts: 2, body: { jobId } },
    ]);
    await consumeJobs(batch, env, jobHandlers);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2"]);
    const versions = await get<{ items: unknown[] }>(s, `/artifacts/${artifactId}/versions`);
    expect(versions.items).toHaveLength(1);
    const objects = await env.MEDIA.list({ prefix: `artifacts/${s.id}/` });
    expect(objects.objects).toHaveLength(1);
  });

  it("a job that keeps failing ends in the dead-letter queue with a failed status and a reason", async () => {
    const s = await signUp("doomed");
    const p = await project(s);
    await env.DB.prepare(
      "CREATE TRIGGER fail_versions BEFORE INSERT ON artifact_versions BEGIN SELECT RAISE(ABORT, 'storage is on fire'); END",
    ).run();
    try {
      const { jobId, artifactId } = await generate(s, p, "lean-canvas");
      const job = await settled(s, jobId);
      expect(job.status).toBe("failed");
      expect(job.error).toMatch(/^Gave up after \d attempts/);
      expect(job.error).not.toContain("storage is on fire");
      const a = await get<Artifact>(s, `/artifacts/${artifactId}`);
      expect(a.version).toBeNull();
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_versions").run();
    }
  }, 30_000);

  it("rejects unknown types and other people's projects", async () => {
    const s = await signUp("strict");
    const other = await signUp("stranger");
    const p = await project(s);
    expect(
      (
        await api(`/projects/${p}/artifacts`, {
          method: "POST",
          token: s.accessToken,
          json: { type: "novel" },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await api(`/projects/${p}/artifacts`, {
          method: "POST",
          token: other.accessToken,
          json: { type: "prd" },
        })
      ).status,
    ).toBe(404);
  });
});

describe("the library", () => {
  it("answers concurrent edits and reverts with the version each request wrote", async () => {
    const s = await signUp("racer");
    const { artifactId } = await ready(s);
    const v1 = await get<Artifact>(s, `/artifacts/${artifactId}`);
    const requests = [
      ...Array.from({ length: 8 }, (_, i) =>
        api(`/artifacts/${artifactId}`, {
          method: "PUT",
          token: s.accessToken,
          json: { body: `edit number ${i}` },
        }),
      ),
      api(`/artifacts/${artifactId}/revert`, { method: "POST", token: s.accessToken, json: { version: 1 } }),
    ];
    const answers = (await Promise.all(requests.map(async (r) => (await r).json()))) as {
      version: number;
      body: string;
      source: string;
    }[];
    answers.forEach((a, i) => {
      expect(a.body).toBe(i < 8 ? `edit number ${i}` : v1.body);
      expect(a.source).toBe(i < 8 ? "edit" : "revert");
    });
    expect(new Set(answers.map((a) => a.version)).size).toBe(9);
    // Each answer names its own stored version.
    for (const a of answers)
      expect((await get<Artifact>(s, `/artifacts/${artifactId}/versions/${a.version}`)).body).toBe(a.body);
  });

  it("edits, versions, diffs and reverts", async () => {
    const s = await signUp("editor");
    const { artifactId } = await ready(s);
    const v1 = await get<Artifact>(s, `/artifacts/${artifactId}`);
    const edited = await api(`/artifacts/${artifactId}`, {
      method: "PUT",
      token: s.accessToken,
      json: { body: `${v1.body}\nAdded by hand.\n`, note: "typo" },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ version: 2, source: "edit", note: "typo" });
    const diff = await (
      await api(`/artifacts/${artifactId}/diff?from=1&to=2`, { token: s.accessToken })
    ).text();
    expect(diff).toContain("+Added by hand.");
    expect(diff).toMatch(/^--- .* v1\n\+\+\+ .* v2\n@@/);
    const reverted = await api(`/artifacts/${artifactId}/revert`, {
      method: "POST",
      token: s.accessToken,
      json: { version: 1 },
    });
    expect(await reverted.json()).toMatchObject({ version: 3, source: "revert", body: v1.body });
    const history = await get<{ items: { version: number; source: string }[] }>(
      s,
      `/artifacts/${artifactId}/versions`,
    );
    expect(history.items.map((v) => `${v.version}:${v.source}`)).toEqual([
      "3:revert",
      "2:edit",
      "1:generated",
    ]);
    const old = await get<Artifact>(s, `/artifacts/${artifactId}/versions/2`);
    expect(old.body).toContain("Added by hand.");
    expect((await api(`/artifacts/${artifactId}/versions/9`, { token: s.accessToken })).status).toBe(404);
  });

  it("answers a 422 problem, not a runaway diff, when two versions share almost nothing", async () => {
    const s = await signUp("bigdiff");
    const { artifactId } = await ready(s);
    // 3,000 lines each, all different: the old diff used 371 MB on this.
    const body = (tag: string) => Array.from({ length: 3000 }, (_, i) => `${tag} line ${i}`).join("\n");
    for (const tag of ["alpha", "beta"]) {
      const res = await api(`/artifacts/${artifactId}`, {
        method: "PUT",
        token: s.accessToken,
        json: { body: body(tag) },
      });
      expect(res.status).toBe(200);
    }
    const res = await api(`/artifacts/${artifactId}/diff?from=2&to=3`, { token: s.accessToken });
    expect(res.status).toBe(422);
    const p = await problem(res);
    expect(p.type).toBe("https://uxprt.dev/problems/diff-too-large");
    expect(p.detail).toMatch(/more than 1,000 lines/);
  });

  it("regenerates from feedback as a new version", async () => {
    const s = await signUp("regen");
    const { artifactId } = await ready(s);
    const res = await api(`/artifacts/${artifactId}/regenerate`, {
      method: "POST",
      token: s.accessToken,
      json: { feedback: "Focus on mobile" },
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect((await settled(s, jobId)).status).toBe("succeeded");
    const a = await get<Artifact>(s, `/artifacts/${artifactId}`);
    expect(a.version).toBe(2);
    expect(a.body).toContain("Focus on mobile");
  });

  it("refuses an empty or blank body and a blank title, saying which and why", async () => {
    const s = await signUp("blank-editor");
    const { artifactId } = await ready(s);
    for (const [json, field] of [
      [{ body: "" }, "body"],
      [{ body: "  \n\t " }, "body"],
      [{ body: "Fine.", title: "   " }, "title"],
    ] as const) {
      const res = await api(`/artifacts/${artifactId}`, { method: "PUT", token: s.accessToken, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
      const errors = (await problem(res)).errors ?? [];
      expect(errors.map((e) => e.field)).toEqual([field]);
      expect(errors[0]?.message).toMatch(/cannot be empty \(spaces alone do not count\)/);
    }
    expect((await get<Artifact>(s, `/artifacts/${artifactId}`)).version).toBe(1);
  });

  it("deletes every version and its stored bodies", async () => {
    const s = await signUp("deleter");
    const { artifactId } = await ready(s);
    await api(`/artifacts/${artifactId}`, { method: "PUT", token: s.accessToken, json: { body: "second" } });
    expect((await api(`/artifacts/${artifactId}`, { method: "DELETE", token: s.accessToken })).status).toBe(
      204,
    );
    expect((await api(`/artifacts/${artifactId}`, { token: s.accessToken })).status).toBe(404);
    expect((await env.MEDIA.list({ prefix: `artifacts/${s.id}/${artifactId}/` })).objects).toHaveLength(0);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM artifact_versions WHERE artifact_id = ?")
      .bind(artifactId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
    const search = await get<{ items: unknown[] }>(s, "/artifacts?q=second");
    expect(search.items).toHaveLength(0);
  });

  it("another user can neither read, change, export nor poll my artifacts and jobs", async () => {
    const s = await signUp("private");
    const other = await signUp("nosy");
    const { artifactId, jobId } = await ready(s);
    await get(s, `/artifacts/${artifactId}`); // warm the cache: it must not leak either
    for (const path of [
      `/artifacts/${artifactId}`,
      `/artifacts/${artifactId}/versions`,
      `/artifacts/${artifactId}/export?format=md`,
      `/jobs/${jobId}`,
    ]) {
      const res = await api(path, { token: other.accessToken });
      expect(res.status, path).toBe(404);
      await problem(res);
    }
    expect(
      (
        await api(`/artifacts/${artifactId}`, {
          method: "PUT",
          token: other.accessToken,
          json: { body: "mine now" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api(`/artifacts/${artifactId}`, { method: "DELETE", token: other.accessToken })).status,
    ).toBe(404);
  });
});

describe("search and listing", () => {
  it("finds my artifacts by title and body words, and never another user's", async () => {
    const a = await signUp("searcher");
    const b = await signUp("neighbour");
    const mine = await ready(a);
    const theirs = await ready(b);
    await api(`/artifacts/${mine.artifactId}`, {
      method: "PUT",
      token: a.accessToken,
      json: { body: "Our zebrafish onboarding flow" },
    });
    await api(`/artifacts/${theirs.artifactId}`, {
      method: "PUT",
      token: b.accessToken,
      json: { body: "Their zebrafish onboarding flow" },
    });
    const found = await get<{ items: { id: string; snippet: string }[] }>(a, "/artifacts?q=zebra");
    expect(found.items.map((i) => i.id)).toEqual([mine.artifactId]);
    expect(found.items[0]!.snippet).toContain("[zebrafish]");
    // FTS syntax is searched as text, not run.
    expect(
      (await api(`/artifacts?q=${encodeURIComponent('owner:* OR "x')}`, { token: a.accessToken })).status,
    ).toBe(200);
    const byTitle = await get<{ items: unknown[] }>(a, "/artifacts?q=requirements");
    expect(byTitle.items).toHaveLength(1);
    // Three letters match whole words only: a short prefix would merge hundreds of words' entries.
    expect((await get<{ items: unknown[] }>(a, "/artifacts?q=zeb")).items).toEqual([]);
    expect((await get<{ items: unknown[] }>(a, "/artifacts?q=onboarding%20flow")).items).toHaveLength(1);
    // Nine words are refused with a problem that names the field, not run.
    const nine = await api(`/artifacts?q=${encodeURIComponent("a b c d e f g h i")}`, {
      token: a.accessToken,
    });
    expect(nine.status).toBe(422);
    const problem = (await nine.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([{ field: "q", message: "Search with at most 8 words" }]);
  });

  it("filters by type and project, sorts by name, and pages with a cursor", async () => {
    const s = await signUp("lister");
    const p = await project(s);
    for (const type of ["prd", "personas", "sitemap"]) await settled(s, (await generate(s, p, type)).jobId);
    const byName = await get<{ items: { title: string }[]; nextCursor: string }>(
      s,
      `/artifacts?projectId=${p}&sort=name&limit=2`,
    );
    expect(byName.items.map((i) => i.title)).toEqual([
      "Product requirements document: Pantry Pal",
      "Sitemap: Pantry Pal",
    ]);
    const rest = await get<{ items: { title: string }[]; nextCursor: string | null }>(
      s,
      `/artifacts?projectId=${p}&sort=name&limit=2&cursor=${byName.nextCursor}`,
    );
    expect(rest.items.map((i) => i.title)).toEqual(["User personas: Pantry Pal"]);
    expect(rest.nextCursor).toBeNull();
    const onlySitemaps = await get<{ items: { type: string }[] }>(s, "/artifacts?type=sitemap");
    expect(onlySitemaps.items.map((i) => i.type)).toEqual(["sitemap"]);
  });
});

describe("export and sharing", () => {
  it("exports md, json, html without unescaped user markup, and a PDF with the title", async () => {
    const s = await signUp("exporter");
    const { artifactId } = await ready(s);
    await api(`/artifacts/${artifactId}`, {
      method: "PUT",
      token: s.accessToken,
      json: {
        body: "Hello <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))",
      },
    });
    const md = await api(`/artifacts/${artifactId}/export?format=md`, { token: s.accessToken });
    expect(md.headers.get("Content-Disposition")).toMatch(/attachment; filename=".*-v2\.md"/);
    expect(await md.text()).toContain("<script>alert(1)</script>");
    const html = await (
      await api(`/artifacts/${artifactId}/export?format=html`, { token: s.accessToken })
    ).text();
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("exports HTML that loads nothing remote: remote images become links, embedded ones stay", async () => {
    const s = await signUp("beacon");
    const { artifactId } = await ready(s);
    const pixel = "data:image/png;base64,iVBORw0KGgo=";
    await api(`/artifacts/${artifactId}`, {
      method: "PUT",
      token: s.accessToken,
      json: { body: `![tracker](https://tracker.example/p.gif) ![dot](${pixel})` },
    });
    const res = await api(`/artifacts/${artifactId}/export?format=html`, { token: s.accessToken });
    const csp = res.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("img-src data:");
    expect(csp).not.toMatch(/https:|http:|\*/);
    const html = await res.text();
    expect(html).not.toMatch(/<img[^>]*https?:/i);
    expect(html).toContain(
      '<a href="https://tracker.example/p.gif" rel="noopener noreferrer nofollow">[tracker]</a>',
    );
    expect(html).toContain(`<img src="${pixel}" alt="dot">`);
    // Opened from disk, the file carries the same policy itself.
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    const json = (await (
      await api(`/artifacts/${artifactId}/export?format=json`, { token: s.accessToken })
    ).json()) as { version: number; body: string };
    expect(json.version).toBe(2);
    const pdf = new Uint8Array(
      await (await api(`/artifacts/${artifactId}/export?format=pdf`, { token: s.accessToken })).arrayBuffer(),
    );
    // The title is the first text, wrapped to the page at its 22 pt.
    expect((await readPdf(pdf)).text.replace(/\n/g, " ")).toMatch(
      /^Product requirements document: Pantry Pal /,
    );
    expect((await api(`/artifacts/${artifactId}/export?format=docx`, { token: s.accessToken })).status).toBe(
      422,
    );
  });

  it("exports a project as a zip of latest versions with a manifest", async () => {
    const s = await signUp("zipper");
    const p = await project(s, "Zip Co");
    for (const type of ["prd", "erd"]) await settled(s, (await generate(s, p, type)).jobId);
    const res = await api(`/projects/${p}/export`, { token: s.accessToken });
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    const files = await unzip(new Uint8Array(await res.arrayBuffer()));
    const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
    expect(manifest.project.name).toBe("Zip Co");
    expect(manifest.artifacts.map((a: { file: string }) => a.file).sort()).toEqual([
      "erd/entity-relationship-diagram-zip-co.md",
      "prd/product-requirements-document-zip-co.md",
    ]);
    expect(new TextDecoder().decode(files.get("prd/product-requirements-document-zip-co.md"))).toContain(
      "# Product requirements document: Zip Co",
    );
  });

  it("shares a read-only link that stops working when revoked", async () => {
    const s = await signUp("sharer");
    const { artifactId } = await ready(s);
    const isShared = async () =>
      (
        (await (await api(`/artifacts/${artifactId}`, { token: s.accessToken })).json()) as {
          shared: boolean;
        }
      ).shared;
    // Read first, so the cached latest version must be renewed by sharing and revoking.
    expect(await isShared()).toBe(false);
    const link = (await (
      await api(`/artifacts/${artifactId}/share`, { method: "POST", token: s.accessToken })
    ).json()) as { token: string; path: string };
    expect(await isShared()).toBe(true);
    const shared = await api(`/shared/${link.token}`);
    expect(shared.status).toBe(200);
    const body = (await shared.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: artifactId, version: 1 });
    expect(body).not.toHaveProperty("projectId");
    // The link the artifact page shows opens a read-only page for a visitor who is not signed in.
    const visitor = new TestBrowser();
    const page = await visitor.page(link.path);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain(`<h1>${body.title as string}</h1>`);
    expect(page.html).toContain("shared read-only");
    expect(page.html).toContain('<div class="prose">');
    expect(page.html).not.toContain("/edit");
    expect(page.res.headers.get("Cache-Control")).toBe("no-store");
    expect((await visitor.page("/shared/not-a-token")).res.status).toBe(404);
    expect(
      (await api(`/artifacts/${artifactId}/share`, { method: "DELETE", token: s.accessToken })).status,
    ).toBe(204);
    expect((await api(`/shared/${link.token}`)).status).toBe(404);
    expect((await visitor.page(link.path)).res.status).toBe(404);
    expect(await isShared()).toBe(false);
  });
});
