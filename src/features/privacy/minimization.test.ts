import { afterEach, describe, expect, it, vi } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, png, publish, signUp } from "../../../test/helpers";

afterEach(() => vi.restoreAllMocks());

describe("data minimization", () => {
  it("public views name a creation's owner by display name only", async () => {
    const s = await signUp("public-face");
    const c = await publish(s.accessToken, { title: "Shown to all", tags: ["minimal"], image: png() });
    for (const path of [`/creations/${c.id}`, "/creations?tag=minimal", "/creations/search?tag=minimal"]) {
      const body = await (await api(path)).text();
      expect(body, path).toContain('"displayName":"public-face"');
      expect(body, path).not.toContain(s.email);
      expect(body, path).not.toContain("pbkdf2");
    }
  });

  it("request logs hold neither tokens, passwords nor message bodies", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void lines.push(String(line)));
    const s = await signUp("logged", "a very secret password");
    await api("/auth/login", {
      method: "POST",
      json: { email: s.email, password: "a very secret password" },
    });
    const conv = await newConversation(s.accessToken, (await newProject(s.accessToken)).id);
    await say(s.accessToken, conv.id, "my confidential roadmap");
    const token = "A".repeat(43);
    await api(`/shared/${token}`);
    await api(`/conversations/${conv.id}/ws?access_token=${s.accessToken}`, {
      headers: { Upgrade: "websocket" },
    });
    // Only failed requests get a line: make some fail while carrying each kind of secret.
    expect(
      (
        await api("/auth/login", {
          method: "POST",
          json: { email: s.email, password: "a very secret password!" },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await api(`/conversations/${conv.id}/ws?access_token=${s.accessToken}x`, {
          headers: { Upgrade: "websocket" },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await api(`/conversations/${conv.id}/messages`, {
          method: "POST",
          json: { content: "my confidential roadmap" },
        })
      ).status,
    ).toBe(401);
    // Ids (ULIDs) are kept in the paths, so requests can be traced.
    expect((await api(`/conversations/${conv.id}`)).status).toBe(401);
    const log = lines.join("\n");
    expect(log).toContain('"path":"/api/v1/shared/:redacted"');
    expect(log).toContain(`"path":"/api/v1/conversations/${conv.id}"`);
    for (const secret of [
      token,
      s.accessToken,
      s.refreshToken,
      "a very secret password",
      "my confidential roadmap",
    ])
      expect(log).not.toContain(secret);
  });
});
