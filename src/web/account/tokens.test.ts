import { describe, expect, it } from "vitest";
import { api } from "../../../test/helpers";
import { TestBrowser } from "../../../test/browser";

describe("the account page's personal access tokens", () => {
  it("creates a token shown once, which then works with curl-style bearer calls until revoked", async () => {
    const b = new TestBrowser();
    await b.signUp("Token maker");
    expect((await b.page("/account")).html).toContain("You have no tokens.");

    const form = new FormData();
    form.set("name", "Claude Desktop");
    form.append("scopes", "read:projects");
    form.append("scopes", "write:artifacts");
    form.set("expiresInDays", "30");
    const created = await b.submit("/account/tokens", form);
    expect(created.status).toBe(201);
    expect(created.headers.get("Cache-Control")).toBe("no-store");
    const html = await created.text();
    const token = html.match(/<code id="new-token">(uxp_[\w-]{43})<\/code>/)?.[1];
    expect(token).toBeDefined();
    expect(html).toContain("read:projects, write:artifacts");

    // Shown once: the page after it lists the token by name and hint, never the secret.
    const later = (await b.page("/account")).html;
    expect(later).toContain("Claude Desktop");
    expect(later).toContain(token!.slice(0, 8));
    expect(later).not.toContain(token!);

    expect((await api("/projects", { token })).status).toBe(200);
    expect((await api("/projects", { method: "POST", token, json: { name: "x" } })).status).toBe(403);

    const id = later.match(/action="\/account\/tokens\/([0-9A-Z]{26})\/rename"/)![1];
    const renamed = await b.submit(`/account/tokens/${id}/rename`, { name: "Cursor" });
    expect(renamed.status).toBe(303);
    expect((await b.page("/account")).html).toContain("Cursor");
    expect((await b.submit(`/account/tokens/${id}/revoke`, {})).status).toBe(303);
    expect((await api("/projects", { token })).status).toBe(401);
    expect((await b.page("/account")).html).toContain("You have no tokens.");
  });

  it("shows what is wrong with the form instead of making a token", async () => {
    const b = new TestBrowser();
    await b.signUp("Token typo");
    await b.page("/account");
    const res = await b.submit("/account/tokens", { name: "no scopes", expiresInDays: "" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Choose at least one scope");
  });
});
