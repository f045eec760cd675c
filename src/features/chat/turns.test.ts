import { afterEach, describe, expect, it, vi } from "vitest";
import {
  chatSetup as setup,
  newConversation,
  openSocket,
  parseSseStrict,
  say,
  steppedModel,
} from "../../../test/chat";
import { api, problem } from "../../../test/helpers";
import { chatRuntime } from "../../lib/llm/model";

afterEach(() => vi.restoreAllMocks());

const history = async (token: string, id: string) =>
  ((await (await api(`/conversations/${id}`, { token })).json()) as any).messages.items.reverse() as any[];
/** What the guide knows of the project (its brief without the time it last changed). */
const brief = async (token: string, projectId: string) => {
  const { updatedAt: _, ...known } = (await (
    await api(`/projects/${projectId}/brief`, { token })
  ).json()) as any;
  return JSON.stringify(known);
};

describe("stopping a reply", () => {
  it("saves what was written so far, marked stopped, and ends the stream with done", async () => {
    const { token, conv } = await setup("stop");
    const { model, step } = steppedModel(["One ", "two ", "three ", "four"]);
    vi.spyOn(chatRuntime, "model").mockReturnValue(model);
    const tab = await openSocket(token, conv.id);
    const sse = api(`/conversations/${conv.id}/messages`, { method: "POST", token, json: { content: "go" } });
    step(2);
    await tab.waitFor((f) => f.type === "token" && f.text === "two ", "second token");

    const stopped = await api(`/conversations/${conv.id}/stop`, { method: "POST", token });
    expect(stopped.status).toBe(204);
    const frames = parseSseStrict(await (await sse).text());
    const done = frames.at(-1)!;
    expect(done.event).toBe("done");
    expect(done.data.message).toMatchObject({ role: "assistant", content: "One two ", stopped: true });

    const saved = await history(token, conv.id);
    expect(saved.at(-1)).toMatchObject({ id: done.data.message.id, content: "One two ", stopped: true });
    // Nothing is being written any more; the conversation takes the next message.
    const again = await api(`/conversations/${conv.id}/stop`, { method: "POST", token });
    expect(again.status).toBe(409);
    expect((await problem(again)).detail).toMatch(/No reply is being written/);
    vi.restoreAllMocks();
    expect((await say(token, conv.id, "next")).reply).not.toBe("");
  });
});

describe("regenerating the last reply", () => {
  it("removes the old reply, writes a new one, and leaves the guide's state as one turn left it", async () => {
    const { token, conv } = await setup("regen");
    await say(token, conv.id, "hello"); // the guide greets first, then asks
    const first = await say(token, conv.id, "Neighbours cannot find fresh bread nearby");
    const oldReply = first.frames.at(-1)!.data.message;
    const before = await brief(token, conv.projectId);

    const res = await api(`/conversations/${conv.id}/regenerate`, { method: "POST", token });
    expect(res.status).toBe(200);
    const frames = parseSseStrict(await res.text());
    expect(frames[0]).toMatchObject({ event: "removed", data: { messageIds: [oldReply.id] } });
    const done = frames.at(-1)!;
    expect(done.event).toBe("done");
    expect(done.data.message.id).not.toBe(oldReply.id);

    const saved = await history(token, conv.id);
    expect(saved.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(saved[3].id).toBe(done.data.message.id);
    // The same answer, planned again from the state before it: not counted twice.
    expect(await brief(token, conv.projectId)).toBe(before);
  });

  it("is refused after another conversation of the project moved the guide on", async () => {
    const { token, conv } = await setup("regen-refused");
    await say(token, conv.id, "hello");
    const other = await newConversation(token, conv.projectId);
    await say(token, other.id, "Bakers waste bread every evening");
    const res = await api(`/conversations/${conv.id}/regenerate`, { method: "POST", token });
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toMatch(/moved the guide on/);
    // The other conversation's own last turn can still be run again.
    const ok = await api(`/conversations/${other.id}/regenerate`, { method: "POST", token });
    expect(ok.status).toBe(200);
    await ok.text();
  });
});

describe("editing the last message", () => {
  it("replaces it, removes its replies and runs the turn again with the new words", async () => {
    const { token, conv } = await setup("edit");
    await say(token, conv.id, "hello");
    const tab = await openSocket(token, conv.id);
    const first = await say(token, conv.id, "Neighbours cannot find fresh bread nearby");
    const mine = first.frames[0]!.data.message;
    expect(await brief(token, conv.projectId)).toContain("fresh bread");

    const res = await api(`/conversations/${conv.id}/messages/${mine.id}`, {
      method: "PUT",
      token,
      json: { content: "Office workers skip lunch because queues are long" },
    });
    expect(res.status).toBe(200);
    const frames = parseSseStrict(await res.text());
    expect(frames.map((f) => f.event).slice(0, 2)).toEqual(["removed", "message"]);
    expect(frames[1]!.data.message).toMatchObject({
      id: mine.id,
      content: expect.stringContaining("queues"),
    });
    expect(frames.at(-1)!.event).toBe("done");

    const saved = await history(token, conv.id);
    expect(saved).toHaveLength(4);
    expect(saved[2]).toMatchObject({ id: mine.id, content: expect.stringContaining("queues") });
    const now = await brief(token, conv.projectId);
    expect(now).toContain("queues");
    expect(now).not.toContain("fresh bread");
    // Other tabs hear the same events, so they can update in place.
    await tab.waitFor((f) => f.type === "removed", "removed");
    await tab.waitFor(
      (f) => f.type === "message" && f.message.id === mine.id && /queues/.test(f.message.content),
    );
  });

  it("refuses any message but the last one of the user", async () => {
    const { token, conv } = await setup("edit-old");
    const first = await say(token, conv.id, "hello");
    await say(token, conv.id, "skip");
    const res = await api(`/conversations/${conv.id}/messages/${first.frames[0]!.data.message.id}`, {
      method: "PUT",
      token,
      json: { content: "changed" },
    });
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toMatch(/Only your last message/);
  });
});

describe("copying a message and the daily usage", () => {
  it("reads one message's Markdown, and counts each send against the day's quota", async () => {
    const { token, conv } = await setup("usage");
    const start = (await (await api("/chat/usage", { token })).json()) as any;
    expect(start).toMatchObject({ perDay: expect.any(Number), usedToday: 0 });
    expect(start.leftToday).toBe(start.perDay);
    const { frames } = await say(token, conv.id, "**bold** idea");
    const after = (await (await api("/chat/usage", { token })).json()) as any;
    expect(after).toMatchObject({ usedToday: 1, leftToday: start.perDay - 1 });

    const id = frames[0]!.data.message.id;
    const one = await api(`/conversations/${conv.id}/messages/${id}`, { token });
    expect(await one.json()).toMatchObject({ id, content: "**bold** idea", role: "user" });
    const missing = await api(`/conversations/${conv.id}/messages/01J0000000000000000000000Z`, { token });
    expect(missing.status).toBe(404);
  });
});
