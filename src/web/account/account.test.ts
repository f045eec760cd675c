import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser";

describe("the account page's privacy sections", () => {
  it("saves consents from checkboxes: checked means yes, unchecked means no", async () => {
    const b = new TestBrowser();
    await b.signUp("Consenting");
    await b.page("/account");
    expect((await b.submit("/account/consents", { granted: "external-model" })).status).toBe(303);
    const { html } = await b.page("/account");
    expect(html).toMatch(/value="external-model" checked/);
    expect(html).not.toMatch(/value="external-search" checked/);
    await b.submit("/account/consents", {});
    expect((await b.page("/account")).html).not.toMatch(/value="external-model" checked/);
  });

  it("starts a data export and links the download once it is ready", async () => {
    const b = new TestBrowser();
    await b.signUp("Exporter");
    await b.page("/account");
    const res = await b.submit("/account/export", {});
    expect(res.status).toBe(303);
    const path = res.headers.get("Location")!.split("#")[0]!;
    await expect
      .poll(async () => (await b.page(path)).html, { timeout: 10_000, interval: 200 })
      .toContain("Download your data");
  });

  it("deletes the account only with the right password, then signs out", async () => {
    const b = new TestBrowser();
    const { email } = await b.signUp("Leaving");
    await b.page("/account");
    const wrong = await b.submit("/account/delete", { password: "not my password" });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("The password is wrong");
    const right = await b.submit("/account/delete", { password: "correct horse battery" });
    expect(right.status).toBe(303);
    expect(right.headers.get("Location")).toContain("ok=erased");
    const row = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?")
      .bind(email)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
    expect((await b.page("/account")).res.status).not.toBe(200);
  });
});
