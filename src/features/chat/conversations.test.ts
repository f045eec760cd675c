import { describe, expect, it } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, problem, signUp } from "../../../test/helpers";

describe("conversations", () => {
  it("starts a conversation in a project with a title and an agent, and lists it", async () => {
    const me = await signUp("starter");
    const project = await newProject(me.accessToken);
    const first = await newConversation(me.accessToken, project.id);
    expect(first).toMatchObject({ projectId: project.id, title: "New conversation", agent: "product" });
    const second = await newConversation(me.accessToken, project.id, {
      title: "Brand ideas",
      agent: "brand",
    });
    expect(second).toMatchObject({ title: "Brand ideas", agent: "brand" });

    const list = await api(`/projects/${project.id}/conversations`, { token: me.accessToken });
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((c) => c.id);
    expect(ids.sort()).toEqual([first.id, second.id].sort());
  });

  it("a message moves its conversation and project to the top of their listings", async () => {
    const me = await signUp("recent-first");
    const older = await newProject(me.accessToken, "Older");
    const talkedTo = await newConversation(me.accessToken, older.id, { title: "Talked to" });
    const quiet = await newConversation(me.accessToken, older.id, { title: "Quiet" });
    const newer = await newProject(me.accessToken, "Newer");
    const firstIds = async (path: string) =>
      ((await (await api(path, { token: me.accessToken })).json()) as { items: { id: string }[] }).items.map(
        (i) => i.id,
      );
    expect((await firstIds(`/projects/${older.id}/conversations`))[0]).toBe(quiet.id);
    expect((await firstIds("/projects"))[0]).toBe(newer.id);

    // Times are milliseconds: let the clock pass the last creation's before the message.
    await new Promise((r) => setTimeout(r, 5));
    await say(me.accessToken, talkedTo.id, "hello");
    // The listings are bumped after the response (waitUntil); they catch up within moments.
    await expect.poll(() => firstIds(`/projects/${older.id}/conversations`)).toEqual([talkedTo.id, quiet.id]);
    await expect.poll(async () => (await firstIds("/projects"))[0]).toBe(older.id);
  });

  it("rejects an unknown agent and over-long titles", async () => {
    const me = await signUp("bad-input");
    const project = await newProject(me.accessToken);
    const res = await api(`/projects/${project.id}/conversations`, {
      method: "POST",
      token: me.accessToken,
      json: { agent: "sales" },
    });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors?.[0]?.field).toBe("agent");
    expect(
      (
        await api(`/projects/${project.id}/conversations`, {
          method: "POST",
          token: me.accessToken,
          json: { title: "t".repeat(101) },
        })
      ).status,
    ).toBe(422);
  });

  it("shows a conversation's messages newest first, paged by cursor", async () => {
    const me = await signUp("pager");
    const project = await newProject(me.accessToken);
    const conv = await newConversation(me.accessToken, project.id);
    await say(me.accessToken, conv.id, "hello");
    await say(me.accessToken, conv.id, "Parents waste food they forget about.");

    const page1 = (await (
      await api(`/conversations/${conv.id}?limit=3`, { token: me.accessToken })
    ).json()) as any;
    expect(page1.messages.items.map((m: any) => m.role)).toEqual(["assistant", "user", "assistant"]);
    expect(page1.messages.items[1].content).toBe("Parents waste food they forget about.");
    const page2 = (await (
      await api(`/conversations/${conv.id}?limit=3&cursor=${page1.messages.nextCursor}`, {
        token: me.accessToken,
      })
    ).json()) as any;
    expect(page2.messages.items.map((m: any) => m.content)).toEqual(["hello"]);
    expect(page2.messages.nextCursor).toBeNull();
  });

  it("renames and switches the agent; the next reply comes from the new agent", async () => {
    const me = await signUp("switcher");
    const project = await newProject(me.accessToken);
    const conv = await newConversation(me.accessToken, project.id);
    await say(me.accessToken, conv.id, "hi");
    const res = await api(`/conversations/${conv.id}`, {
      method: "PATCH",
      token: me.accessToken,
      json: { title: "Kickoff", agent: "design" },
    });
    expect(await res.json()).toMatchObject({ title: "Kickoff", agent: "design" });
    const { frames, reply } = await say(me.accessToken, conv.id, "continue");
    expect(frames.find((f) => f.event === "done")?.data.message.agent).toBe("design");
    expect(reply).toContain("Design guide here");
    const again = await say(me.accessToken, conv.id, "Food waste");
    expect(again.reply).not.toContain("Design guide here");
  });

  it("deletes a conversation with its messages", async () => {
    const me = await signUp("deleter");
    const project = await newProject(me.accessToken);
    const conv = await newConversation(me.accessToken, project.id);
    await say(me.accessToken, conv.id, "hi");
    expect((await api(`/conversations/${conv.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(
      204,
    );
    expect((await api(`/conversations/${conv.id}`, { token: me.accessToken })).status).toBe(404);
    expect(
      (
        await api(`/conversations/${conv.id}/messages`, {
          method: "POST",
          token: me.accessToken,
          json: { content: "hi" },
        })
      ).status,
    ).toBe(404);
  });

  it("deleting a project deletes its conversations and its guide state", async () => {
    const me = await signUp("project-deleter");
    const project = await newProject(me.accessToken);
    const conv = await newConversation(me.accessToken, project.id);
    await say(me.accessToken, conv.id, "hi");
    await say(me.accessToken, conv.id, "Food waste");
    expect((await api(`/projects/${project.id}`, { method: "DELETE", token: me.accessToken })).status).toBe(
      204,
    );
    expect((await api(`/conversations/${conv.id}`, { token: me.accessToken })).status).toBe(404);
    expect((await api(`/projects/${project.id}/brief`, { token: me.accessToken })).status).toBe(404);
  });
});

describe("the OpenAPI document", () => {
  it("describes the chat routes with their request schemas", async () => {
    const doc = (await (await api("/openapi.json")).json()) as any;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/projects/{id}/brief",
        "/conversations/{id}/messages",
        "/conversations/{id}/ws",
        "/projects/{id}/conversations",
      ]),
    );
    const send = doc.paths["/conversations/{id}/messages"].post;
    const ref: string = send.requestBody.content["application/json"].schema.$ref;
    const body = doc.components.schemas[ref.replace("#/components/schemas/", "")];
    expect(body.properties.content).toMatchObject({
      maxLength: 8000,
    });
    expect(Object.keys(send.responses)).toEqual(expect.arrayContaining(["200", "409", "429"]));
  });
});
