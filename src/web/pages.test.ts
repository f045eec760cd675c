import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, creationForm, png, publish, signUp } from "../../test/helpers";
import { TestBrowser } from "../../test/browser";
import { assetUrl } from "./assets";
import { PAGE_CSP } from "./routes";

const HOSTILE = {
  name: `<img src=x onerror=alert(1)>`,
  title: `<script>alert("title")</script>`,
  description: `"><svg onload=alert(2)>`,
};

/** The configured admin, signed in (registered by the first test that needs them). */
async function admin() {
  const b = new TestBrowser();
  const creds = { email: env.ADMIN_EMAIL, password: "admin password 1" };
  await b.page("/signup");
  if ((await b.submit("/signup", { displayName: "Root", ...creds })).status !== 303) {
    await b.page("/signin");
    await b.submit("/signin", creds);
  }
  await b.page("/dashboard");
  return b;
}

/** No script, style or handler inline: the CSP would block them, and user text must never become one. */
function expectNoInlineCode(html: string, where: string) {
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, where).toMatch(/\ssrc="\/assets\//);
  expect(html, where).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
  expect(html, where).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  expect(html, where).not.toMatch(/<[a-z][^>]*\sstyle=/i);
}

describe("pages", () => {
  it("escape user content wherever it is shown", async () => {
    const b = new TestBrowser();
    await b.signUp(HOSTILE.name);
    await b.page("/gallery/new");
    const res = await b.submit(
      "/gallery/new",
      creationForm({
        title: HOSTILE.title,
        description: HOSTILE.description,
        tags: ["xss-check"],
        image: png(),
      }),
    );
    expect(res.status).toBe(303);
    const creationPath = res.headers.get("Location")!.split("?")[0]!;
    const root = await admin();

    for (const [who, path] of [
      [b, "/"],
      [b, "/gallery"],
      [b, "/gallery?tag=xss-check"],
      [b, creationPath],
      [b, "/dashboard"],
      [root, "/admin/creations"],
      [root, "/admin/users"],
    ] as const) {
      const { html } = await who.page(path);
      expect(html, path).not.toContain("<script>alert");
      expect(html, path).not.toContain("<img src=x");
      expect(html, path).not.toContain("<svg onload");
      expectNoInlineCode(html, path);
    }
    const { html } = await b.page(creationPath);
    expect(html).toContain("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;svg onload=alert(2)&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("all carry the CSP without inline script, no caching, and no inline code", async () => {
    const owner = await signUp("owner");
    const creation = await publish(owner.accessToken, { title: "A creation", image: png() });
    const anon = new TestBrowser();
    const user = new TestBrowser();
    await user.signUp();
    const root = await admin();
    const pages: [TestBrowser, string, number][] = [
      [anon, "/", 200],
      [anon, "/signin", 200],
      [anon, "/signup", 200],
      [anon, "/forgot-password", 200],
      [anon, "/reset-password?token=abc", 200],
      [anon, "/gallery", 200],
      [anon, `/gallery/${creation.id}`, 200],
      [anon, "/no-such-page", 404],
      [user, "/dashboard", 200],
      [user, "/gallery/new", 200],
      [user, `/gallery/${creation.id}`, 200],
      [user, "/account", 200],
      [user, "/admin/users", 403],
      [root, "/admin/users", 200],
      [root, "/admin/creations", 200],
    ];
    for (const [who, path, status] of pages) {
      const { res, html } = await who.page(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get("Content-Type"), path).toMatch(/^text\/html/);
      expect(res.headers.get("Content-Security-Policy"), path).toBe(PAGE_CSP);
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
      // The remembered theme (or the device's, "system") is on the root element before any style loads.
      expect(html, path).toMatch(/^<!doctype html><html lang="en" data-theme="(system|light|dark)">/);
      expectNoInlineCode(html, path);
    }
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain("unsafe");
  });

  it("keep the password-reset token out of the Referer", async () => {
    const res = await new TestBrowser().fetch("/reset-password?token=secret-token-value");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
  });

  it("show what went wrong beside the field and keep what was typed, but never a password", async () => {
    const b = new TestBrowser();
    await b.page("/signup");
    const res = await b.submit("/signup", {
      displayName: "Typist",
      email: "not-an-email",
      password: "secret password 9",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="field-email-error">Not a valid email address</);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="Typist"');
    expect(html).not.toContain("secret password 9");
  });

  it("ask for passwords the way password managers and the API expect", async () => {
    const b = new TestBrowser();
    /** The attributes of the input named `name`. */
    const input = (html: string, name: string) => {
      const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
      return Object.fromEntries(
        [...tag.matchAll(/\s([a-z-]+)(?:="([^"]*)")?/g)].map((m) => [m[1], m[2] ?? ""]),
      );
    };
    const signUp = (await b.page("/signup")).html;
    expect(input(signUp, "email")).toMatchObject({ type: "email", autocomplete: "email", maxlength: "254" });
    // A new password: the API's bounds, and the manager offers to generate one.
    expect(input(signUp, "password")).toMatchObject({
      type: "password",
      required: "",
      autocomplete: "new-password",
      minlength: "8",
      maxlength: "128",
    });
    // Signing in asks for no minimum: a password set under older rules still works.
    const signIn = input((await b.page("/signin")).html, "password");
    expect(signIn).toMatchObject({ autocomplete: "current-password", maxlength: "128" });
    expect(signIn).not.toHaveProperty("minlength");
    await b.signUp("Keeper");
    const account = (await b.page("/account")).html;
    expect(input(account, "currentPassword")).toMatchObject({ autocomplete: "current-password" });
    expect(input(account, "newPassword")).toMatchObject({ autocomplete: "new-password", minlength: "8" });
    expect(input(account, "confirmPassword")).toMatchObject({ autocomplete: "new-password" });
    expect(account).toContain("New password again");
  });

  it("unknown pages get the friendly 404 page; unknown API paths keep problem+json", async () => {
    const page = await new TestBrowser().fetch("/nothing/here");
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Page not found");
    const apiRes = await api("/nothing/here");
    expect(apiRes.status).toBe(404);
    expect(apiRes.headers.get("Content-Type")).toBe("application/problem+json");
    expect(apiRes.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it("publishing through the upload form stores the image and shows the new creation", async () => {
    const b = new TestBrowser();
    await b.signUp("Uploader");
    await b.page("/gallery/new");
    const res = await b.submit(
      "/gallery/new",
      creationForm({ title: "Form upload", tags: ["Form Made"], image: png(4, 3) }),
    );
    expect(res.status).toBe(303);
    const { html } = await b.page(res.headers.get("Location")!);
    expect(html).toContain("Your creation is published.");
    expect(html).toContain('width="4" height="3"');
    expect(html).toContain('href="/gallery?tag=form-made"');
  });

  it("score without script: the slider form posts, and scoring one's own creation is explained", async () => {
    const owner = new TestBrowser();
    await owner.signUp("Maker");
    await owner.page("/gallery/new");
    const made = await owner.submit("/gallery/new", creationForm({ title: "Scored by form" }));
    const path = made.headers.get("Location")!.split("?")[0]!;

    const b = new TestBrowser();
    await b.signUp("Scorer");
    await b.page(path);
    const res = await b.submit(`${path}/score`, { creativity: "9", uniqueness: "4" });
    expect(res.headers.get("Location")).toBe(`${path}?ok=scored`);
    const { html } = await b.page(path);
    expect(html).toContain("Update my score");
    expect(html).toMatch(/data-summary="count"[^>]*>1</);

    await owner.page(path);
    const own = await owner.submit(`${path}/score`, { creativity: "10", uniqueness: "10" });
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("You cannot score your own creation.");
  });

  it("admin pages are for admins only", async () => {
    const b = new TestBrowser();
    await b.signUp();
    const res = await b.fetch("/admin/users");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Not allowed");
  });
});

describe("assets", () => {
  it("are served under content-hashed names with a year-long immutable cache lifetime", async () => {
    const url = assetUrl("app.css");
    expect(url).toMatch(/^\/assets\/app-[A-Z0-9]{8}\.css$/);
    const res = await env.ASSETS.fetch(`https://uxprt.test${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
