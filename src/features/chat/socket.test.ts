import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chatSetup as setup, openSocket, say, steppedModel } from "../../../test/chat";
import { TestBrowser } from "../../../test/browser";
import { api, problem } from "../../../test/helpers";
import { chatRuntime } from "../../lib/llm/model";
import { sealEvent } from "./sealed";
import { MAX_REPLAY } from "./store";
import type { UserChat } from "../../worker/user-chat";

afterEach(() => vi.restoreAllMocks());

const tokensOf = (frames: Record<string, any>[]) =>
  frames.filter((f) => f.type === "token").map((f) => f.text as string);

describe("the conversation WebSocket", () => {
  it("delivers the user's message, every token and done to every open tab", async () => {
    const { token, conv } = await setup("tabs");
    const tabA = await openSocket(token, conv.id);
    const tabB = await openSocket(token, conv.id, `?access_token=${token}`);
    const { frames } = await say(token, conv.id, "hello");
    const done = frames.at(-1)!.data;

    for (const tab of [tabA, tabB]) {
      await tab.waitFor((f) => f.type === "done", "done");
      const events = tab.frames.filter((f) => f.type !== "ready");
      expect(events.map((f) => f.id)).toEqual(frames.map((f) => f.id));
      expect(events[0]).toMatchObject({ type: "message", message: { content: "hello" } });
      expect(tokensOf(events).join("")).toBe(done.message.content);
    }
  });

  it("resumes a reply in progress after a reconnect, from the last event id, with nothing twice", async () => {
    const { token, conv } = await setup("resume");
    const words = ["One ", "two ", "three ", "four ", "five"];
    const { model, step } = steppedModel(words);
    vi.spyOn(chatRuntime, "model").mockReturnValue(model);

    const before = await openSocket(token, conv.id);
    const sse = api(`/conversations/${conv.id}/messages`, { method: "POST", token, json: { content: "go" } });
    step(2);
    const second = await before.waitFor((f) => f.type === "token" && f.text === "two ", "second token");
    before.ws.close(1000, "tab closed");
    expect((await before.closed).code).toBe(1000);

    step(1); // "three " is written while no tab is connected
    await new Promise((r) => setTimeout(r, 20));
    const after = await openSocket(token, conv.id, `?lastEventId=${second.id}`);
    expect(tokensOf(after.frames)).toEqual(["three "]);
    step(2);
    const done = await after.waitFor((f) => f.type === "done", "done");

    const seen = [...tokensOf(before.frames), ...tokensOf(after.frames)];
    expect(seen).toEqual(words);
    expect(done.message.content).toBe(words.join(""));
    const ids = [...before.frames, ...after.frames].filter((f) => f.id !== undefined).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    await (await sse).text();
  });

  it("after a reconnect, replays events missed once a reply has finished (Last-Event-ID header)", async () => {
    const { token, conv } = await setup("missed");
    const first = await say(token, conv.id, "hello");
    const lastSeen = first.frames.at(-1)!.id;
    const second = await say(token, conv.id, "Food waste");
    const res = await api(`/conversations/${conv.id}/ws`, {
      token,
      headers: { Upgrade: "websocket", "Last-Event-ID": String(lastSeen) },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const frames: Record<string, any>[] = [];
    const ready = new Promise<void>((resolve) =>
      ws.addEventListener("message", (e) => {
        const f = JSON.parse(String(e.data));
        frames.push(f);
        if (f.type === "ready") resolve();
      }),
    );
    ws.accept();
    await ready;
    // Tokens of a finished reply are not replayed: its done event carries the whole text.
    expect(frames.map((f) => f.type)).toEqual(["message", "done", "ready"]);
    expect(frames[2]).toMatchObject({ replayed: 2, complete: true });
    expect(frames.slice(0, 2).map((f) => f.id)).toEqual([second.frames[0]!.id, second.frames.at(-1)!.id]);
    ws.close(1000);
  });

  it("tells a client that missed too much to reload instead of replaying without end", async () => {
    const { token, conv } = await setup("far-behind");
    const me = (await (await api("/users/me", { token })).json()) as { id: string };
    await runInDurableObject(
      env.USER_CHAT.get(env.USER_CHAT.idFromName(me.id)),
      async (_: UserChat, state) => {
        for (let id = 1; id <= MAX_REPLAY + 1; id++) {
          const body = await sealEvent(env, {
            type: "generation",
            conversationId: conv.id,
            artifactType: "prd",
            status: "queued",
          });
          state.storage.sql.exec(
            "INSERT INTO events (id, conversation_id, body, created_at) VALUES (?, ?, ?, ?)",
            id,
            conv.id,
            body,
            Date.now(),
          );
        }
      },
    );
    const tab = await openSocket(token, conv.id, "?lastEventId=0");
    expect(tab.frames.at(-1)).toMatchObject({ type: "ready", replayed: MAX_REPLAY, complete: false });
  });

  it("delivers generation progress reported through notify() to open tabs and to resuming ones", async () => {
    const { token, conv } = await setup("progress");
    const me = (await (await api("/users/me", { token })).json()) as { id: string };
    const tab = await openSocket(token, conv.id);
    const stub = env.USER_CHAT.get(env.USER_CHAT.idFromName(me.id));
    const id = await stub.notify({
      type: "generation",
      conversationId: conv.id,
      artifactType: "prd",
      status: "running",
      detail: "40%",
    });
    expect(await tab.waitFor((f) => f.type === "generation")).toEqual({
      id,
      type: "generation",
      conversationId: conv.id,
      artifactType: "prd",
      status: "running",
      detail: "40%",
    });
    const later = await openSocket(token, conv.id, `?lastEventId=${id - 1}`);
    expect(later.frames.map((f) => f.type)).toEqual(["generation", "ready"]);
  });

  it("a tab that joins mid-reply gets the reply so far and then the rest", async () => {
    const { token, conv } = await setup("join");
    const { model, step } = steppedModel(["a", "b", "c"]);
    vi.spyOn(chatRuntime, "model").mockReturnValue(model);
    const sse = api(`/conversations/${conv.id}/messages`, { method: "POST", token, json: { content: "go" } });
    const watcher = await openSocket(token, conv.id);
    step(1);
    await watcher.waitFor((f) => f.type === "token", "first token");
    const late = await openSocket(token, conv.id);
    expect(tokensOf(late.frames)).toEqual(["a"]);
    step(2);
    await late.waitFor((f) => f.type === "done", "done");
    expect(tokensOf(late.frames)).toEqual(["a", "b", "c"]);
    await (await sse).text();
  });

  it("answers a close without a status code (1005 on the server) with a normal 1000 close", async () => {
    const { token, conv } = await setup("close");
    const tab = await openSocket(token, conv.id);
    tab.ws.close();
    expect((await tab.closed).code).toBe(1000);
    // The server side survived the close: a new socket and a new message still work.
    const next = await openSocket(token, conv.id);
    await say(token, conv.id, "hi");
    await next.waitFor((f) => f.type === "done");
  });

  it("answers 426 without an upgrade and 401 without a token", async () => {
    const { token, conv } = await setup("plain-get");
    const res = await api(`/conversations/${conv.id}/ws`, { token });
    expect(res.status).toBe(426);
    expect((await problem(res)).title).toBe("Upgrade Required");
    expect((await api(`/conversations/${conv.id}/ws`, { headers: { Upgrade: "websocket" } })).status).toBe(
      401,
    );
    expect(
      (await api(`/conversations/${conv.id}/ws?access_token=nope`, { headers: { Upgrade: "websocket" } }))
        .status,
    ).toBe(401);
  });
});

describe("the conversation WebSocket for the web app's pages", () => {
  /** A signed-in browser with a conversation, made through the API with its session cookie. */
  async function browserWithConversation() {
    const browser = new TestBrowser();
    await browser.signUp("Socket page");
    const json = (path: string, body: unknown) =>
      browser
        .fetch(`/api/v1${path}`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": browser.csrf },
          body: JSON.stringify(body),
        })
        .then((r) => r.json() as Promise<{ id: string }>);
    const project = await json("/projects", { name: "Cookie socket" });
    const conv = await json(`/projects/${project.id}/conversations`, {});
    return { browser, conv };
  }

  it("opens with the session cookie alone, from this site's pages", async () => {
    const { browser, conv } = await browserWithConversation();
    const res = await browser.fetch(`/api/v1/conversations/${conv.id}/ws`, {
      headers: { Upgrade: "websocket", Origin: browser.origin },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const ready = await new Promise<Record<string, unknown>>((resolve) =>
      ws.addEventListener("message", (e) => resolve(JSON.parse(String(e.data)))),
    );
    expect(ready).toMatchObject({ type: "ready", conversationId: conv.id });
    ws.close(1000, "done");
  });

  it("refuses the cookie when another site's page opens the socket", async () => {
    const { browser, conv } = await browserWithConversation();
    const res = await browser.fetch(`/api/v1/conversations/${conv.id}/ws`, {
      headers: { Upgrade: "websocket", Origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(res.webSocket).toBeNull();
  });
});
