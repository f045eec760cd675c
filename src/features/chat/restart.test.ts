import { abortAllDurableObjects, env, runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TestBrowser } from "../../../test/browser";
import {
  giveConsent,
  newConversation,
  newProject,
  openSocket,
  parseSseStrict,
  chatSetup as setup,
  steppedModel,
} from "../../../test/chat";
import { api } from "../../../test/helpers";
import { chatRuntime } from "../../lib/llm/model";

afterEach(() => vi.restoreAllMocks());

/** Reads an SSE body up to its `ready` event and cancels the rest (the stream follows for minutes). */
async function readUntilReady(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("event: ready\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return text;
}

/** A reply cut off after its first two words by a restart of the user's object. */
async function cutOff(who: string | { token: string; conv: { id: string } }) {
  const { token, conv } = typeof who === "string" ? await setup(who) : who;
  const words = ["One ", "two ", "three ", "four"];
  const { model, step } = steppedModel(words);
  vi.spyOn(chatRuntime, "model").mockReturnValue(model);
  const tab = await openSocket(token, conv.id);
  const sse = api(`/conversations/${conv.id}/messages`, { method: "POST", token, json: { content: "go" } });
  step(2);
  const second = await tab.waitFor((f) => f.type === "token" && f.text === "two ", "second token");
  // A deploy or an eviction: the object goes away mid-reply; its storage stays.
  const stream = (await sse).body!;
  await abortAllDurableObjects();
  void stream.cancel().catch(() => {});
  vi.restoreAllMocks();
  return { token, conv, tab, second, words };
}

describe("a reply cut off by a restart", () => {
  it("ends with an interrupted event for a reconnecting socket, saved as far as it got, with a retry", async () => {
    const { token, conv, tab, second, words } = await cutOff("restart-ws");
    const replyId = second.replyId as string;
    await tab.closed;

    const again = await openSocket(token, conv.id, `?lastEventId=${second.id}`);
    const interrupted = await again.waitFor((f) => f.type === "interrupted", "interrupted");
    expect(interrupted.id).toBeGreaterThan(second.id);
    expect(interrupted).toMatchObject({
      conversationId: conv.id,
      replyId,
      message: { id: replyId, role: "assistant", interrupted: true },
    });
    // Saved at its last checkpoint: the first word at least, never more than was written.
    const saved = interrupted.message.content as string;
    expect(saved.length).toBeGreaterThan(0);
    expect("One two ".startsWith(saved)).toBe(true);
    expect(again.frames.at(-1)).toMatchObject({ type: "ready", replayed: 1, complete: true });

    // The saved conversation shows it, marked interrupted.
    const detail = (await (await api(`/conversations/${conv.id}`, { token })).json()) as any;
    expect(detail.messages.items.map((m: any) => m.role)).toEqual(["assistant", "user"]);
    expect(detail.messages.items[0]).toMatchObject({ id: replyId, content: saved, interrupted: true });

    // The conversation is free again, and retry (regenerate) replaces the cut-off reply.
    const retry = await api(`/conversations/${conv.id}/regenerate`, { method: "POST", token });
    expect(retry.status).toBe(200);
    const frames = parseSseStrict(await retry.text());
    expect(frames[0]).toMatchObject({ event: "removed", data: { messageIds: [replyId] } });
    expect(frames.at(-1)!.event).toBe("done");
    const after = (await (await api(`/conversations/${conv.id}`, { token })).json()) as any;
    expect(after.messages.items).toHaveLength(2);
    expect(after.messages.items[0].interrupted).toBeUndefined();
    expect(after.messages.items[0].content).not.toBe(words.join(""));
    again.ws.close(1000);
  });

  it("is reported once, to an event stream that reconnects with Last-Event-ID too", async () => {
    const { token, conv, second } = await cutOff("restart-sse");
    const res = await api(`/conversations/${conv.id}/events`, {
      token,
      headers: { "Last-Event-ID": String(second.id) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await readUntilReady(res.body!);
    expect(text.startsWith("retry: 1000\n\n")).toBe(true);
    const interrupted = text.match(/^id: (\d+)\nevent: interrupted\ndata: (.+)$/m);
    expect(interrupted, text).not.toBeNull();
    expect(JSON.parse(interrupted![2]!)).toMatchObject({
      replyId: second.replyId,
      message: { interrupted: true },
    });
    expect(text).toMatch(/event: ready\ndata: \{"conversationId":"[^"]+","replayed":1,"complete":true\}/);

    // Reported once: another restart and reconnect find it in the log, not a second time.
    await abortAllDurableObjects();
    const later = await readUntilReady(
      (await api(`/conversations/${conv.id}/events?lastEventId=${second.id}`, { token })).body!,
    );
    expect(later.match(/event: interrupted/g)).toHaveLength(1);
    const detail = (await (await api(`/conversations/${conv.id}`, { token })).json()) as any;
    expect(detail.messages.items.filter((m: any) => m.interrupted)).toHaveLength(1);
  });

  it("an alarm reports it even when no client comes back", async () => {
    const { token, conv, second } = await cutOff("restart-alarm");
    const me = (await (await api("/users/me", { token })).json()) as { id: string };
    const stub = env.USER_CHAT.get(env.USER_CHAT.idFromName(me.id));
    // The alarm set when the reply started wakes the new instance; it has reported the reply by then.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const res = await api(`/conversations/${conv.id}/events?lastEventId=${second.id}`, { token });
    const text = await readUntilReady(res.body!);
    expect(text.match(/event: interrupted/g)).toHaveLength(1);
  });

  it("shows on the chat page with a Retry that works without script", async () => {
    const b = new TestBrowser();
    const { email, password } = await b.signUp("Restart page");
    const login = await api("/auth/login", { method: "POST", json: { email, password } });
    const { accessToken: token } = (await login.json()) as { accessToken: string };
    const conv = await newConversation(token, (await newProject(token)).id);
    await giveConsent(token, "external-model");
    const { second } = await cutOff({ token, conv });
    // The first read of the conversation, in the new instance, saves and reports the cut-off reply.
    const page = await b.page(`/conversations/${conv.id}`);
    expect(page.html).toContain(`data-id="${second.replyId}"`);
    expect(page.html).toMatch(/class="message assistant interrupted"/);
    expect(page.html).toContain("A restart cut this reply off; it is saved as far as it got.");
    expect(page.html).toContain(`action="/conversations/${conv.id}/regenerate"`);

    const retried = await b.submit(`/conversations/${conv.id}/regenerate`, {});
    expect(retried.status).toBe(303);
    const after = await b.page(`/conversations/${conv.id}`);
    expect(after.html).not.toContain(`data-id="${second.replyId}"`);
    expect(after.html).not.toContain("data-interrupted");
    expect(after.html.match(/class="message assistant/g)).toHaveLength(1);
  });
});
