import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, signUp } from "../../../test/helpers";
import { openBody } from "./sealed";
import type { UserChat } from "../../worker/user-chat";

describe("one user can never reach another user's chat", () => {
  it("every project and conversation route answers 404 to another user, by id", async () => {
    const owner = await signUp("owner");
    const intruder = await signUp("intruder");
    const project = await newProject(owner.accessToken);
    const conv = await newConversation(owner.accessToken, project.id);
    await say(owner.accessToken, conv.id, "hello");
    await say(owner.accessToken, conv.id, "Secret plans for food waste");

    const t = intruder.accessToken;
    const attempts: [string, string, unknown?][] = [
      ["GET", `/projects/${project.id}`],
      ["PATCH", `/projects/${project.id}`, { name: "mine now" }],
      ["DELETE", `/projects/${project.id}`],
      ["GET", `/projects/${project.id}/brief`],
      ["GET", `/projects/${project.id}/conversations`],
      ["POST", `/projects/${project.id}/conversations`, {}],
      ["GET", `/conversations/${conv.id}`],
      ["PATCH", `/conversations/${conv.id}`, { agent: "brand" }],
      ["DELETE", `/conversations/${conv.id}`],
      ["POST", `/conversations/${conv.id}/messages`, { content: "hi" }],
    ];
    for (const [method, path, json] of attempts) {
      const res = await api(path, { method, token: t, json });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const ws = await api(`/conversations/${conv.id}/ws`, { token: t, headers: { Upgrade: "websocket" } });
    expect(ws.status).toBe(404);

    // Nothing changed for the owner.
    const mine = (await (await api(`/conversations/${conv.id}`, { token: owner.accessToken })).json()) as any;
    expect(mine.agent).toBe("product");
    expect(mine.messages.items).toHaveLength(4);
  });

  it("keeps each user's messages in that user's own Durable Object", async () => {
    const alice = await signUp("alice");
    const bob = await signUp("bob");
    const aliceConv = await newConversation(alice.accessToken, (await newProject(alice.accessToken)).id);
    const bobConv = await newConversation(bob.accessToken, (await newProject(bob.accessToken)).id);
    await say(alice.accessToken, aliceConv.id, "alice's words");
    await say(bob.accessToken, bobConv.id, "bob's words");

    const contents = (userId: string) =>
      runInDurableObject(env.USER_CHAT.get(env.USER_CHAT.idFromName(userId)), async (_: UserChat, state) =>
        Promise.all(
          state.storage.sql
            .exec<{ content: string; conversation_id: string }>(
              "SELECT content, conversation_id FROM messages WHERE role = 'user'",
            )
            .toArray()
            .map((r) => openBody(env, r.conversation_id, r.content)),
        ),
      );
    expect(await contents(alice.id)).toEqual(["alice's words"]);
    expect(await contents(bob.id)).toEqual(["bob's words"]);
  });
});
