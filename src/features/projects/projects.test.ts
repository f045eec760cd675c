import { describe, expect, it } from "vitest";
import { api, problem, signUp } from "../../../test/helpers";

type ProjectBody = { id: string; name: string; description: string; createdAt: string; updatedAt: string };

async function newProject(token: string, name = "Acme", description?: string) {
  const res = await api("/projects", { method: "POST", token, json: { name, description } });
  expect(res.status).toBe(201);
  return (await res.json()) as ProjectBody;
}

describe("projects", () => {
  it("a signed-in user creates, reads, renames and deletes a project", async () => {
    const me = await signUp("owner");
    const created = await newProject(me.accessToken, "  Acme  ", "A marketplace");
    expect(created).toMatchObject({ name: "Acme", description: "A marketplace" });

    const read = await api(`/projects/${created.id}`, { token: me.accessToken });
    expect(await read.json()).toEqual(created);

    const renamed = await api(`/projects/${created.id}`, {
      method: "PATCH",
      token: me.accessToken,
      json: { name: "Acme 2" },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({
      id: created.id,
      name: "Acme 2",
      description: "A marketplace",
    });

    expect((await api(`/projects/${created.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(
      204,
    );
    expect((await api(`/projects/${created.id}`, { token: me.accessToken })).status).toBe(404);
  });

  it("rejects names outside 1–100 characters and descriptions over 2000", async () => {
    const me = await signUp("limits");
    const empty = await api("/projects", { method: "POST", token: me.accessToken, json: { name: "   " } });
    expect(empty.status).toBe(422);
    expect((await problem(empty)).errors?.[0]?.field).toBe("name");
    expect(
      (await api("/projects", { method: "POST", token: me.accessToken, json: { name: "x".repeat(101) } }))
        .status,
    ).toBe(422);
    expect(
      (await api("/projects", { method: "POST", token: me.accessToken, json: { name: "x".repeat(100) } }))
        .status,
    ).toBe(201);
    const long = await api("/projects", {
      method: "POST",
      token: me.accessToken,
      json: { name: "ok", description: "d".repeat(2001) },
    });
    expect((await problem(long)).errors?.[0]?.field).toBe("description");
  });

  it("lists only my projects, most recently updated first, across pages", async () => {
    const me = await signUp("lister");
    const other = await signUp("other");
    await newProject(other.accessToken, "Not mine");
    const ids: string[] = [];
    for (const name of ["one", "two", "three"]) ids.push((await newProject(me.accessToken, name)).id);
    // Touching the oldest makes it the most recent.
    await api(`/projects/${ids[0]}`, {
      method: "PATCH",
      token: me.accessToken,
      json: { description: "bumped" },
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(`/projects?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
        token: me.accessToken,
      });
      const page = (await res.json()) as { items: ProjectBody[]; nextCursor: string | null };
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    // Creations in the same millisecond may tie, so only the bumped one has a fixed place.
    expect(seen[0]).toBe("one");
    expect([...seen].sort()).toEqual(["one", "three", "two"]);
  });

  it("another user gets 404 for my project on every route", async () => {
    const me = await signUp("mine");
    const them = await signUp("intruder");
    const { id } = await newProject(me.accessToken);
    const t = them.accessToken;
    expect((await api(`/projects/${id}`, { token: t })).status).toBe(404);
    expect(
      (await api(`/projects/${id}`, { method: "PATCH", token: t, json: { name: "pwned" } })).status,
    ).toBe(404);
    expect((await api(`/projects/${id}`, { method: "DELETE", token: t })).status).toBe(404);
    const still = await api(`/projects/${id}`, { token: me.accessToken });
    expect(((await still.json()) as ProjectBody).name).toBe("Acme");
  });

  it("needs a token, and a malformed id names no project", async () => {
    expect((await api("/projects")).status).toBe(401);
    const me = await signUp("ids");
    expect((await api("/projects/not-an-id", { token: me.accessToken })).status).toBe(404);
  });
});
