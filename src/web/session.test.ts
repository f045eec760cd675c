import { describe, expect, it } from "vitest";
import { api } from "../../test/helpers";
import { TestBrowser } from "../../test/browser";
import { env } from "cloudflare:test";

async function adminToken() {
  const creds = { email: env.ADMIN_EMAIL, password: "admin password 1" };
  const res = await api("/auth/register", { method: "POST", json: { ...creds, displayName: "Root" } });
  const body = (await (res.status === 201
    ? res
    : await api("/auth/login", { method: "POST", json: creds })
  ).json()) as { accessToken: string };
  return body.accessToken;
}

describe("page sessions", () => {
  it("signing up sets HttpOnly, Secure, SameSite=Lax __Host- cookies and never puts a token in the page", async () => {
    const b = new TestBrowser();
    await b.signUp();
    for (const name of ["__Host-uxprt-at", "__Host-uxprt-rt", "__Host-uxprt-csrf"]) {
      const cookie = b.cookies.get(name);
      expect(cookie, name).toBeDefined();
      expect(cookie!.attributes).toMatch(/HttpOnly/);
      expect(cookie!.attributes).toMatch(/Secure/);
      expect(cookie!.attributes).toMatch(/SameSite=Lax/);
      expect(cookie!.attributes).toMatch(/Path=\//);
    }
    const { res, html } = await b.page("/dashboard");
    expect(res.status).toBe(200);
    expect(html).not.toContain(b.cookies.get("__Host-uxprt-at")!.value);
    expect(html).not.toContain(b.cookies.get("__Host-uxprt-rt")!.value);
  });

  it("on plain-http loopback (npm start) the cookies drop Secure and the __Host- prefix", async () => {
    const b = new TestBrowser("http://127.0.0.1:8787");
    await b.signUp();
    expect([...b.cookies.keys()].sort()).toEqual(["uxprt-at", "uxprt-csrf", "uxprt-d1", "uxprt-rt"]);
    expect(b.cookies.get("uxprt-at")!.attributes).not.toMatch(/Secure/);
    expect((await b.page("/dashboard")).res.status).toBe(200);
  });

  it("a lapsed access cookie is renewed with the refresh cookie, which rotates", async () => {
    const b = new TestBrowser();
    await b.signUp("Renewed");
    const spent = b.cookies.get("__Host-uxprt-rt")!;
    b.cookies.delete("__Host-uxprt-at");
    const { res, html } = await b.page("/dashboard");
    expect(res.status).toBe(200);
    expect(html).toContain("Hello, Renewed");
    expect(b.cookies.get("__Host-uxprt-at")).toBeDefined();
    expect(b.cookies.get("__Host-uxprt-rt")!.value).not.toBe(spent.value);
  });

  it("replaying a spent refresh cookie ends the whole session", async () => {
    const b = new TestBrowser();
    await b.signUp();
    const spent = b.cookies.get("__Host-uxprt-rt")!;
    b.cookies.delete("__Host-uxprt-at");
    await b.page("/dashboard");
    // A thief replays the old refresh cookie: the family is revoked, the thief's copy and ours alike.
    const thief = new TestBrowser();
    thief.cookies.set("__Host-uxprt-rt", spent);
    expect((await thief.fetch("/dashboard")).status).toBe(303);
    b.cookies.delete("__Host-uxprt-at");
    const res = await b.fetch("/dashboard");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/signin?next=%2Fdashboard");
  });

  it("signing out revokes the refresh token on the server, not only the cookie", async () => {
    const b = new TestBrowser();
    await b.signUp();
    const refresh = b.cookies.get("__Host-uxprt-rt")!;
    const res = await b.submit("/signout", {});
    expect(res.status).toBe(303);
    expect(b.cookies.has("__Host-uxprt-at")).toBe(false);
    expect(b.cookies.has("__Host-uxprt-rt")).toBe(false);
    const again = new TestBrowser();
    again.cookies.set("__Host-uxprt-rt", refresh);
    expect((await again.fetch("/dashboard")).status).toBe(303);
  });

  it("a deactivated user's session ends at the next page", async () => {
    const b = new TestBrowser();
    await b.signUp();
    const me = (await (await b.fetch("/api/v1/users/me")).json()) as { id: string };
    await api(`/admin/users/${me.id}`, {
      method: "PATCH",
      token: await adminToken(),
      json: { isActive: false },
    });
    const res = await b.fetch("/dashboard");
    expect(res.status).toBe(303);
    expect(b.cookies.has("__Host-uxprt-rt")).toBe(false);
  });

  it("signed-out visitors are sent to sign in, then back where they were going, never off-site", async () => {
    const b = new TestBrowser();
    const res = await b.fetch("/account");
    expect(res.headers.get("Location")).toBe("/signin?next=%2Faccount");
    const { email, password } = await new TestBrowser().signUp();
    await b.page("/signin?next=%2Faccount");
    const signedIn = await b.submit("/signin", { email, password, next: "/account" });
    expect(signedIn.headers.get("Location")).toBe("/account?ok=signed-in");

    const c = new TestBrowser();
    await c.page("/signin");
    const offsite = await c.submit("/signin", { email, password, next: "//evil.example/x" });
    expect(offsite.headers.get("Location")).toBe("/dashboard?ok=signed-in");
  });

  it("a wrong password shows the form again with the reason, keeping the email but not the password", async () => {
    const { email } = await new TestBrowser().signUp();
    const b = new TestBrowser();
    await b.page("/signin");
    const res = await b.submit("/signin", { email, password: "not the password" });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain("The email or password is wrong.");
    expect(html).toContain(`value="${email}"`);
    expect(html).not.toContain("not the password");
    expect(b.cookies.has("__Host-uxprt-at")).toBe(false);
  });
});
