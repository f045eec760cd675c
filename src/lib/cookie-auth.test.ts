import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, problem, publish, signUp, type Session } from "../../test/helpers";
import { csrfToken } from "./csrf";

const NONCE = "n".repeat(43);
/** The web app's cookies for this (non-loopback, so __Host-) origin. */
const cookies = (s: Pick<Session, "accessToken">, nonce = NONCE) => ({
  Cookie: `__Host-uxprt-at=${s.accessToken}; __Host-uxprt-csrf=${nonce}`,
});

async function scoreWith(headers: Record<string, string>) {
  const owner = await signUp("owner");
  const c = await publish(owner.accessToken, { title: "Scored" });
  return api(`/creations/${c.id}/score`, { method: "PUT", headers, json: { creativity: 8, uniqueness: 7 } });
}

describe("the API with the web session cookie", () => {
  it("authenticates safe requests with the cookie alone", async () => {
    const s = await signUp("cookie");
    const res = await api("/users/me", { headers: cookies(s) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: s.id });
  });

  it("refuses unsafe requests that carry only the cookie, as a browser would for another site", async () => {
    const s = await signUp("cookie");
    const res = await scoreWith(cookies(s));
    expect(res.status).toBe(403);
    expect((await problem(res)).type).toMatch(/\/csrf$/);
  });

  it("refuses a CSRF token made for another user or another nonce", async () => {
    const s = await signUp("cookie");
    const other = await signUp("other");
    expect(
      (await scoreWith({ ...cookies(s), "X-CSRF-Token": await csrfToken(env, NONCE, other.id) })).status,
    ).toBe(403);
    expect(
      (await scoreWith({ ...cookies(s), "X-CSRF-Token": await csrfToken(env, "m".repeat(43), s.id) })).status,
    ).toBe(403);
  });

  it("accepts unsafe requests with this session's X-CSRF-Token", async () => {
    const s = await signUp("cookie");
    const res = await scoreWith({ ...cookies(s), "X-CSRF-Token": await csrfToken(env, NONCE, s.id) });
    expect(res.status).toBe(200);
  });

  it("leaves bearer clients as they were: the Authorization header wins and needs no CSRF token", async () => {
    const s = await signUp("bearer");
    const stranger = await signUp("stranger");
    const res = await scoreWith({ Authorization: `Bearer ${s.accessToken}`, ...cookies(stranger) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { myScore: unknown }).myScore).toEqual({ creativity: 8, uniqueness: 7 });
  });

  it("treats a stale cookie as no cookie on public reads, and as 401 where sign-in is required", async () => {
    const owner = await signUp("owner");
    const c = await publish(owner.accessToken, { title: "Public" });
    const stale = cookies({ accessToken: "not-a-jwt" });
    expect((await api(`/creations/${c.id}`, { headers: stale })).status).toBe(200);
    expect((await api("/users/me", { headers: stale })).status).toBe(401);
  });
});
