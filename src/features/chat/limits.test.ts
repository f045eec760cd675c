import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, problem, signUp } from "../../../test/helpers";
import { dayBucket, minuteBucket } from "./limits";
import type { UserChat } from "../../worker/user-chat";

/** Sets a usage counter in the user's Durable Object, as if that many messages had been sent. */
const setUsage = (userId: string, bucket: string, count: number) =>
  runInDurableObject(env.USER_CHAT.get(env.USER_CHAT.idFromName(userId)), async (_: UserChat, state) => {
    state.storage.sql.exec(
      "INSERT OR REPLACE INTO usage (bucket, count, expires_at) VALUES (?, ?, ?)",
      bucket,
      count,
      Date.now() + 86_400_000 * 2,
    );
  });

async function setup(name: string) {
  const me = await signUp(name);
  const conv = await newConversation(me.accessToken, (await newProject(me.accessToken)).id);
  return { me, conv };
}

const post = (token: string, id: string, content = "hello") =>
  api(`/conversations/${id}/messages`, { method: "POST", token, json: { content } });

describe("message limits", () => {
  it("counts every message a user sends, across conversations", async () => {
    const { me, conv } = await setup("counted");
    const other = await newConversation(me.accessToken, conv.projectId);
    await say(me.accessToken, conv.id, "one");
    await say(me.accessToken, other.id, "two");
    const count = await runInDurableObject(
      env.USER_CHAT.get(env.USER_CHAT.idFromName(me.id)),
      async (_: UserChat, state) =>
        state.storage.sql
          .exec<{ count: number }>("SELECT count FROM usage WHERE bucket = ?", dayBucket(Date.now()))
          .one().count,
    );
    expect(count).toBe(2);
  });

  it("answers 429 with Retry-After once the per-minute limit is reached, saving nothing", async () => {
    const { me, conv } = await setup("fast");
    await setUsage(me.id, minuteBucket(Date.now()), Number(env.CHAT_MESSAGES_PER_MINUTE));
    const res = await post(me.accessToken, conv.id);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await problem(res)).detail).toContain("a minute");
    const page = (await (await api(`/conversations/${conv.id}`, { token: me.accessToken })).json()) as any;
    expect(page.messages.items).toEqual([]);
  });

  it("answers 429 until midnight UTC once the daily quota is used up", async () => {
    const { me, conv } = await setup("daily");
    await setUsage(me.id, dayBucket(Date.now()), Number(env.CHAT_MESSAGES_PER_DAY));
    const res = await post(me.accessToken, conv.id);
    expect(res.status).toBe(429);
    const untilMidnight = Math.ceil((Math.ceil(Date.now() / 86_400_000) * 86_400_000 - Date.now()) / 1000);
    expect(Math.abs(Number(res.headers.get("Retry-After")) - untilMidnight)).toBeLessThanOrEqual(2);
    expect((await problem(res)).detail).toContain("for today");
  });

  it("one user's quota does not limit another user", async () => {
    const { me } = await setup("heavy");
    const { me: other, conv } = await setup("light");
    await setUsage(me.id, dayBucket(Date.now()), Number(env.CHAT_MESSAGES_PER_DAY));
    const res = await post(other.accessToken, conv.id);
    expect(res.status).toBe(200);
    await res.text();
  });
});
