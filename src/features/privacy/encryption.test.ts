import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, signUp, type Session } from "../../../test/helpers";
import { keySource } from "../../lib/sealing";
import type { UserChat } from "../../worker/user-chat";

afterEach(() => vi.restoreAllMocks());

const SECRET = "zanzibar-quokka-4711";

async function editedArtifact(s: Session) {
  const project = await newProject(s.accessToken);
  const started = await api(`/projects/${project.id}/artifacts`, {
    method: "POST",
    token: s.accessToken,
    json: { type: "prd" },
  });
  const { artifactId } = (await started.json()) as { artifactId: string };
  await expect
    .poll(
      async () =>
        (
          (await (await api(`/artifacts/${artifactId}`, { token: s.accessToken })).json()) as {
            status: string;
          }
        ).status,
      { timeout: 10_000 },
    )
    .toBe("ready");
  const edited = await api(`/artifacts/${artifactId}`, {
    method: "PUT",
    token: s.accessToken,
    json: { body: `Launch plan: ${SECRET}` },
  });
  expect(edited.status).toBe(200);
  return artifactId;
}

/** Every row of every table in the user's Durable Object, as text. */
const doStorage = (userId: string) =>
  runInDurableObject(env.USER_CHAT.get(env.USER_CHAT.idFromName(userId)), async (_: UserChat, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'",
      )
      .toArray();
    return JSON.stringify(tables.map((t) => state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray()));
  });

describe("encryption at rest", () => {
  it("keeps message bodies, the event log and the guide's facts sealed in the Durable Object, and reads them back", async () => {
    const s = await signUp("sealed-chat");
    const project = await newProject(s.accessToken);
    const conv = await newConversation(s.accessToken, project.id);
    await say(s.accessToken, conv.id, `My product is ${SECRET}`);
    await say(s.accessToken, conv.id, `Problem: families forget what is in the ${SECRET} pantry`);
    const brief = await (await api(`/projects/${project.id}/brief`, { token: s.accessToken })).text();
    expect(brief).toContain(SECRET);
    const stored = await doStorage(s.id);
    expect(stored).toContain("e1.t1.");
    expect(stored).not.toContain(SECRET);
    const page = (await (await api(`/conversations/${conv.id}`, { token: s.accessToken })).json()) as {
      messages: { items: { content: string }[] };
    };
    expect(page.messages.items.some((m) => m.content === `My product is ${SECRET}`)).toBe(true);
  });

  it("loses no fact when two conversations of one project answer at the same time", async () => {
    const s = await signUp("sealed-race");
    const project = await newProject(s.accessToken);
    const [a, b] = [
      await newConversation(s.accessToken, project.id),
      await newConversation(s.accessToken, project.id),
    ];
    // Straight to the object, in one tick, so both turns are in flight together.
    const chat = env.USER_CHAT.get(env.USER_CHAT.idFromName(s.id));
    const turn = (conversationId: string, content: string) =>
      chat.send({
        ownerId: s.id,
        conversationId,
        projectId: project.id,
        projectName: project.name,
        agent: "product",
        content,
      });
    const results = await Promise.all([
      turn(a.id, "Problem: food goes to waste"),
      turn(b.id, "Target audience: parents in cities"),
    ]);
    for (const r of results) if (r.ok) await new Response(r.stream).text();
    const brief = await (await api(`/projects/${project.id}/brief`, { token: s.accessToken })).text();
    expect(brief).toContain("food goes to waste");
    expect(brief).toContain("parents in cities");
  });

  it("keeps artifact bodies sealed in R2 and in the KV cache, and reads them back", async () => {
    const s = await signUp("sealed-artifact");
    const artifactId = await editedArtifact(s);
    const read = (await (await api(`/artifacts/${artifactId}`, { token: s.accessToken })).json()) as {
      body: string;
    };
    expect(read.body).toBe(`Launch plan: ${SECRET}`);

    const objects = await env.MEDIA.list({
      prefix: `artifacts/${s.id}/`,
      include: ["customMetadata"],
    } as R2ListOptions);
    expect(objects.objects.length).toBeGreaterThan(1);
    for (const o of objects.objects) {
      expect(o.customMetadata).toEqual({ keyId: "t1" });
      const bytes = new Uint8Array(await (await env.MEDIA.get(o.key))!.arrayBuffer());
      expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("UXE1");
      expect(new TextDecoder().decode(bytes)).not.toMatch(new RegExp(`${SECRET}|Product requirements`));
    }
    const { keys } = await env.KV.list({ prefix: `artifact:${s.id}:${artifactId}:v` });
    expect(keys.length).toBeGreaterThan(0);
    for (const { name } of keys) {
      const cached = await env.KV.get(name);
      expect(cached).toContain('"sealed":"e1.t1.');
      expect(cached).not.toContain(SECRET);
    }
  });
});

describe("key rotation", () => {
  it("re-seals everything under the new key, after which the old key can go", async () => {
    const admin = (await (
      await api("/auth/register", {
        method: "POST",
        json: { email: env.ADMIN_EMAIL, password: "admin password 1", displayName: "Root" },
      })
    ).json()) as { accessToken: string };
    const s = await signUp("rotated");
    const conv = await newConversation(s.accessToken, (await newProject(s.accessToken)).id);
    await say(s.accessToken, conv.id, `Rotate ${SECRET}`);
    const artifactId = await editedArtifact(s);
    const exportJob = (await (
      await api("/users/me/export", { method: "POST", token: s.accessToken })
    ).json()) as {
      jobId: string;
      statusUrl: string;
    };
    await expect
      .poll(
        async () =>
          (
            (await (await api(`/jobs/${exportJob.jobId}`, { token: s.accessToken })).json()) as {
              status: string;
            }
          ).status,
      )
      .toBe("succeeded");

    const OLD = env.DATA_KEYS!;
    const NEW = "t2:63RQD3UDdrmKQcIlhMcQoVzoa4+qYxG5Z+9qhinzQhI=";
    vi.spyOn(keySource, "read").mockReturnValue(`${NEW},${OLD}`);
    const phases = new Set<string>();
    let cursor: string | undefined;
    let resealed = 0;
    for (let calls = 0; calls < 50; calls++) {
      const res = await api("/admin/data-keys/rotate", {
        method: "POST",
        token: admin.accessToken,
        json: { limit: 2, ...(cursor ? { cursor } : {}) },
      });
      expect(res.status).toBe(200);
      const step = (await res.json()) as {
        keyId: string;
        phase: string;
        resealed: number;
        nextCursor: string | null;
      };
      expect(step.keyId).toBe("t2");
      phases.add(step.phase);
      resealed += step.resealed;
      if (!step.nextCursor) break;
      cursor = step.nextCursor;
    }
    expect([...phases]).toEqual(["artifacts", "exports", "chats", "caches"]);
    expect(resealed).toBeGreaterThan(4);

    for (const prefix of [`artifacts/${s.id}/`, `exports/${s.id}/`]) {
      const listed = await env.MEDIA.list({ prefix, include: ["customMetadata"] } as R2ListOptions);
      expect(listed.objects.length).toBeGreaterThan(0);
      for (const o of listed.objects) expect(o.customMetadata?.keyId, o.key).toBe("t2");
    }
    const stored = await doStorage(s.id);
    expect(stored).toContain("e1.t2.");
    expect(stored).not.toContain("e1.t1.");

    // The old key is gone: everything still reads.
    vi.spyOn(keySource, "read").mockReturnValue(NEW);
    expect(
      ((await (await api(`/artifacts/${artifactId}`, { token: s.accessToken })).json()) as { body: string })
        .body,
    ).toBe(`Launch plan: ${SECRET}`);
    const page = (await (await api(`/conversations/${conv.id}`, { token: s.accessToken })).json()) as {
      messages: { items: { content: string }[] };
    };
    expect(page.messages.items.map((m) => m.content)).toContain(`Rotate ${SECRET}`);
    const status = (await (
      await api(exportJob.statusUrl.replace("/api/v1", ""), { token: s.accessToken })
    ).json()) as { download: { url: string } };
    expect((await api(status.download.url.replace("/api/v1", ""))).status).toBe(200);
    const versions = (await (
      await api(`/artifacts/${artifactId}/versions/1`, { token: s.accessToken })
    ).json()) as { body: string };
    expect(versions.body).toContain("## Goals");
  });

  it("is for admins only", async () => {
    const s = await signUp("not-admin");
    expect(
      (await api("/admin/data-keys/rotate", { method: "POST", token: s.accessToken, json: {} })).status,
    ).toBe(403);
  });
});
