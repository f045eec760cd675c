import { describe, expect, it } from "vitest";
import { creationForm, png, publish, signUp } from "../../test/helpers";
import { TestBrowser } from "../../test/browser";

const FORGED = "A".repeat(43);

async function signedIn(name = "Csrf") {
  const b = new TestBrowser();
  await b.signUp(name);
  return b;
}

const displayName = async (b: TestBrowser) =>
  ((await (await b.fetch("/api/v1/users/me")).json()) as { displayName: string }).displayName;

describe("CSRF protection of cookie-authenticated requests", () => {
  it("a form post without a token is refused with a friendly page, and changes nothing", async () => {
    const b = await signedIn("Before");
    const res = await b.submit("/account/profile", { displayName: "After" }, { csrf: null });
    expect(res.status).toBe(403);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("This form has expired");
    expect(await displayName(b)).toBe("Before");
  });

  it("a wrong token, or another session's token, is refused", async () => {
    const b = await signedIn("Mine");
    const other = await signedIn("Other");
    expect((await b.submit("/account/profile", { displayName: "Forged" }, { csrf: FORGED })).status).toBe(
      403,
    );
    expect((await b.submit("/account/profile", { displayName: "Forged" }, { csrf: other.csrf })).status).toBe(
      403,
    );
    expect(await displayName(b)).toBe("Mine");
  });

  it("the right token works", async () => {
    const b = await signedIn("Old name");
    await b.page("/account");
    const res = await b.submit("/account/profile", { displayName: "New name" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/account?ok=profile");
    expect(await displayName(b)).toBe("New name");
  });

  it("a token from before signing in stops working after (sign-in rotates the nonce)", async () => {
    const b = new TestBrowser();
    await b.page("/");
    const anonymous = b.csrf;
    await b.signUp();
    expect((await b.submit("/account/profile", { displayName: "x" }, { csrf: anonymous })).status).toBe(403);
  });

  it("signing in needs a token too, so no site can sign a visitor into its own account", async () => {
    const { email, password } = await new TestBrowser().signUp();
    const b = new TestBrowser();
    const res = await b.submit("/signin", { email, password }, { csrf: null });
    expect(res.status).toBe(403);
    expect(b.cookies.has("__Host-uxprt-at")).toBe(false);
  });

  it("an upload without a token publishes nothing", async () => {
    const b = await signedIn();
    const me = (await (await b.fetch("/api/v1/users/me")).json()) as { id: string };
    const res = await b.submit("/gallery/new", creationForm({ title: "Forged", image: png() }), {
      csrf: null,
    });
    expect(res.status).toBe(403);
    const list = (await (await b.fetch(`/api/v1/creations?owner=${me.id}`)).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it("the page's token is what its scripts send to the API (see lib/cookie-auth.test.ts for the rules)", async () => {
    const owner = await signUp("owner");
    const creation = await publish(owner.accessToken, { title: "Scored by cookie" });
    const b = await signedIn();
    await b.page(`/gallery/${creation.id}`);
    const put = (token?: string) =>
      b.fetch(`/api/v1/creations/${creation.id}/score`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", ...(token ? { "X-CSRF-Token": token } : {}) },
        body: JSON.stringify({ creativity: 7, uniqueness: 6 }),
      });
    expect((await put()).status).toBe(403);
    const ok = await put(b.csrf);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { score: { count: number } }).score.count).toBe(1);
  });

  it("renewing the session from a page script needs the token", async () => {
    const b = await signedIn();
    expect((await b.fetch("/session/refresh", { method: "POST" })).status).toBe(403);
    expect(
      (await b.fetch("/session/refresh", { method: "POST", headers: { "X-CSRF-Token": b.csrf } })).status,
    ).toBe(204);
  });
});
