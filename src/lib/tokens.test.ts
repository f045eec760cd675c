import { env } from "cloudflare:test";
import { SignJWT, UnsecuredJWT, decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { api, problem, signUp } from "../../test/helpers";
import { purposeKey } from "./keys";

/** The real access-token key (derived from the secret), or another secret used raw. */
const key = async (secret?: string) =>
  secret === undefined ? purposeKey(env, "accessToken") : new TextEncoder().encode(secret);

async function token(
  sub: string,
  opts: { secret?: string; aud?: string; iss?: string; exp?: number | string; typ?: string } = {},
) {
  return new SignJWT({ role: "admin" })
    .setProtectedHeader({ alg: "HS256", typ: opts.typ ?? "at+jwt" })
    .setSubject(sub)
    .setIssuer(opts.iss ?? env.JWT_ISSUER)
    .setAudience(opts.aud ?? env.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? "5m")
    .sign(await key(opts.secret));
}

async function rejected(t: string) {
  const res = await api("/users/me", { token: t });
  expect(res.status).toBe(401);
  await problem(res);
}

describe("access tokens", () => {
  it("a correctly signed token is accepted (the baseline for the cases below)", async () => {
    const s = await signUp("baseline");
    expect((await api("/users/me", { token: await token(s.id) })).status).toBe(200);
  });

  it("carry the issuer, audience, type and a 15-minute expiry", async () => {
    const s = await signUp("claims");
    const claims = decodeJwt(s.accessToken);
    expect(claims).toMatchObject({ sub: s.id, iss: env.JWT_ISSUER, aud: env.JWT_AUDIENCE });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it("with alg none are rejected", async () => {
    const s = await signUp("none");
    await rejected(
      new UnsecuredJWT({ role: "admin" })
        .setSubject(s.id)
        .setIssuer(env.JWT_ISSUER)
        .setAudience(env.JWT_AUDIENCE)
        .setExpirationTime("5m")
        .encode(),
    );
  });

  it("signed with another key are rejected", async () => {
    const s = await signUp("otherkey");
    await rejected(await token(s.id, { secret: "another-secret-another-secret-another-secret" }));
    // Nor the secret itself: tokens are signed with the key derived for them alone.
    await rejected(await token(s.id, { secret: env.JWT_SECRET }));
  });

  it("that were tampered with are rejected", async () => {
    const s = await signUp("tampered");
    const [h, p, sig] = s.accessToken.split(".");
    const payload = JSON.parse(atob(p!.replace(/-/g, "+").replace(/_/g, "/")));
    const forged = btoa(JSON.stringify({ ...payload, sub: "01HZZZZZZZZZZZZZZZZZZZZZZZ" }))
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    await rejected(`${h}.${forged}.${sig}`);
  });

  it("that expired are rejected", async () => {
    const s = await signUp("expired");
    await rejected(await token(s.id, { exp: Math.floor(Date.now() / 1000) - 60 }));
  });

  it("for another audience or issuer are rejected", async () => {
    const s = await signUp("aud");
    await rejected(await token(s.id, { aud: "some-other-api" }));
    await rejected(await token(s.id, { iss: "someone-else" }));
  });

  it("of another type are rejected", async () => {
    const s = await signUp("typ");
    await rejected(await token(s.id, { typ: "JWT" }));
  });

  it("stop working once the account is deactivated", async () => {
    const s = await signUp("deact");
    await env.DB.prepare("UPDATE users SET is_active = 0 WHERE id = ?").bind(s.id).run();
    await rejected(s.accessToken);
  });

  it("are accepted only as exactly one scheme and one token", async () => {
    const s = await signUp("strict");
    expect((await api("/users/me", { headers: { Authorization: `bearer  ${s.accessToken}` } })).status).toBe(
      200,
    );
    for (const header of [
      `Bearer ${s.accessToken} extra`,
      `Bearer ${s.accessToken},Bearer ${s.accessToken}`,
      `Bearer ${s.accessToken}\tx`,
      `Basic ${s.accessToken}`,
      `Bearer${s.accessToken}`,
      `Token Bearer ${s.accessToken}`,
    ]) {
      const res = await api("/users/me", { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });

  it("garbage in the Authorization header is a 401, not a 500", async () => {
    for (const header of ["Bearer", "Basic abc", "Bearer not.a.jwt"]) {
      const res = await api("/users/me", { headers: { Authorization: header } });
      expect(res.status).toBe(401);
    }
  });
});
