/**
 * A new user's path through the web app, at a phone-sized and a desktop-sized window: sign up, upload a
 * creation with a real PNG, change the profile, sign out; a second user scores it and finds it by tag;
 * an admin manages users and moderates; a forgotten password is reset through the emailed link.
 * Every page visited is audited (axe-core), watched for console errors and CSP violations, and
 * screenshotted into test-results/e2e/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { VIEWPORTS, checkPage, fill, launch, openNav, person, signUpAs, type ViewportName } from "./browser";
import { gradientPng } from "./png";

const baseURL = inject("baseURL");
const PASSWORD = "correct horse battery";
const ADMIN = { email: "admin@uxprt.local", password: "admin password 1" };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signUp = (page: Page, name: string, email: string, password = PASSWORD) =>
  signUpAs(page, name, email, password);

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await fill(page, { Email: email, Password: password });
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard/);
}

/** Signs the admin in, registering the account (ADMIN_EMAIL) the first time. */
async function admin(page: Page) {
  await page.goto("/signin");
  await fill(page, { Email: ADMIN.email, Password: ADMIN.password });
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("load");
  if (!page.url().includes("/dashboard")) await signUp(page, "Root", ADMIN.email, ADMIN.password);
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])("at %s size", (viewport) => {
  const run = `${viewport}-${Date.now().toString(36)}`;
  const alice = { name: `Alice ${viewport}`, email: `alice-${run}@example.com` };
  const bob = { name: `Bob ${viewport}`, email: `bob-${run}@example.com` };
  const tag = `e2e-${run}`;
  const title = `Gradient rocket (${viewport})`;
  let creationUrl = "";

  it("a visitor lands, skips to content with the keyboard, and signs up", async () => {
    const { context, page, problems } = await person(browser, baseURL, viewport);
    await page.goto("/");
    await checkPage(page, problems, viewport, "01-landing");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");

    await page.goto("/signup");
    await checkPage(page, problems, viewport, "02-signup");
    await signUp(page, alice.name, alice.email);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe(`Hello, ${alice.name}`);
    await checkPage(page, problems, viewport, "03-dashboard-empty");

    // The session lives in HttpOnly cookies that page scripts cannot read.
    const cookies = await context.cookies();
    expect(
      cookies.filter((c) => c.name.startsWith("uxprt-")).every((c) => c.httpOnly && c.sameSite === "Lax"),
    ).toBe(true);
    expect(await page.evaluate(() => document.cookie)).toBe("");

    // Without JavaScript, an image over the limit brings the form back, styled, with what was typed.
    const noScript = await browser.newContext({
      baseURL,
      viewport: VIEWPORTS[viewport],
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const plain = await noScript.newPage();
    const plainProblems: string[] = [];
    plain.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
        plainProblems.push(m.text());
    });
    await plain.goto("/gallery/new");
    await fill(plain, { Title: "Too big", Description: "Kept\nas typed", Tags: "huge" });
    await plain
      .getByLabel("Image", { exact: true })
      .setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(6 * 1024 * 1024) });
    const [refused] = await Promise.all([
      plain.waitForResponse((r) => r.url().endsWith("/gallery/new") && r.request().method() === "POST"),
      plain.getByRole("button", { name: "Publish" }).click(),
    ]);
    expect(refused.status()).toBe(413);
    await plain.waitForLoadState("load");
    expect(await plain.getByLabel("Title").inputValue()).toBe("Too big");
    expect(await plain.getByLabel("Description").inputValue()).toBe("Kept\nas typed");
    expect(await plain.getByLabel("Tags").inputValue()).toBe("huge");
    expect(await plain.getByText("Choose an image of at most 5 MB.").count()).toBe(1);
    // Styled: the site's stylesheet loaded and applies (a form card has its rounded border).
    expect(await plain.locator(".form-card").evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe(
      "8px",
    );
    // (axe needs page scripts, which this context has none of: the same form is audited with them below.)
    expect(plainProblems).toEqual([]);
    await noScript.close();

    // Upload a creation, previewing the image first.
    await page.getByRole("link", { name: "Upload a creation" }).click();
    await page.waitForURL(/\/gallery\/new/);
    await fill(page, {
      Title: title,
      Description: "Made of 96×64 pixels.\nSecond line <b>not bold</b>.",
      Tags: `${tag}, Pixel Art`,
    });
    await page
      .getByLabel("Image", { exact: true })
      .setInputFiles({ name: "rocket.png", mimeType: "image/png", buffer: gradientPng() });
    const preview = page.locator("#image-preview");
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => !img.hidden && img.naturalWidth))
      .toBe(96);
    await checkPage(page, problems, viewport, "04-upload-preview");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.waitForURL(/\/gallery\/[0-9A-Z]{26}\?ok=published/);
    creationUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    expect(await page.locator(".description").textContent()).toContain("<b>not bold</b>");
    await expect
      .poll(() => page.locator("figure img").evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(96);
    await checkPage(page, problems, viewport, "05-creation-own");

    // Change the profile's display name.
    await page.goto("/account");
    await checkPage(page, problems, viewport, "06-account");
    alice.name = `Alice renamed ${viewport}`;
    await fill(page, { "Display name": alice.name });
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.waitForURL(/\/account\?ok=profile/);
    expect(await page.getByRole("status").textContent()).toContain("Your profile is saved.");
    await page.goto(creationUrl);
    expect(await page.locator("main").textContent()).toContain(`by ${alice.name}`);

    await openNav(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/");
    expect(await page.getByRole("status").textContent()).toContain("You are signed out.");
    await openNav(page);
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Sign in" }).count()).toBe(1);
    await page.goto("/account");
    await page.waitForURL(/\/signin\?next=%2Faccount/);
    await checkPage(page, problems, viewport, "07-signin");
    await context.close();
  });

  it("a second user scores the creation and finds it by tag", async () => {
    const { context, page, problems } = await person(browser, baseURL, viewport);
    await signUp(page, bob.name, bob.email);
    await page.goto(creationUrl);
    await checkPage(page, problems, viewport, "08-creation-to-score");

    // Keyboard on the sliders: 5 → 9 and 5 → 3.
    const creativity = page.getByLabel("Creativity (1 to 10)");
    await creativity.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    const uniqueness = page.getByLabel("Uniqueness (1 to 10)");
    await uniqueness.focus();
    for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowLeft");
    expect(await page.locator(`output[for="${await creativity.getAttribute("id")}"]`).textContent()).toBe(
      "9",
    );
    await page.getByRole("button", { name: "Save my score" }).click();
    // Saved through the API with the session cookie and the CSRF header, without leaving the page.
    await expect.poll(() => page.locator("[data-score-status]").textContent()).toBe("Score saved.");
    expect(await page.locator('[data-summary="count"]').textContent()).toBe("1");
    expect(await page.locator('[data-summary="creativityAvg"]').textContent()).toBe("9.0");
    await page.reload();
    expect(await page.getByRole("button", { name: "Update my score" }).count()).toBe(1);
    expect(await page.locator('[data-summary="uniquenessAvg"]').textContent()).toBe("3.0");

    // Tag search with suggestions.
    await page.goto("/gallery");
    const search = page.getByLabel("Tag", { exact: true });
    await search.fill(tag.slice(0, 10));
    await expect
      .poll(() =>
        page
          .locator("#tag-suggestions option")
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      )
      .toContain(tag);
    await checkPage(page, problems, viewport, "09-gallery-suggestions");
    await search.fill(tag);
    await page.getByLabel("Sort by").selectOption("top");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/tag=e2e-/);
    expect(await page.getByRole("link", { name: title }).count()).toBe(1);
    await checkPage(page, problems, viewport, "10-gallery-results");
    await context.close();
  });

  it("a forgotten password is reset through the emailed link, and an admin manages users and moderates", async () => {
    const visitor = await person(browser, baseURL, viewport);
    await visitor.page.goto("/forgot-password");
    await checkPage(visitor.page, visitor.problems, viewport, "11-forgot-password");
    await fill(visitor.page, { Email: alice.email });
    await visitor.page.getByRole("button", { name: "Email me a link" }).click();
    expect(await visitor.page.getByRole("status").textContent()).toContain(
      "a link to set a new password is on its way",
    );

    const root = await person(browser, baseURL, viewport);
    await admin(root.page);
    // The local Mailer writes to an outbox that admins can read (cookie-authenticated GET).
    let link = "";
    await expect
      .poll(async () => {
        const box = (await (await root.context.request.get("/api/v1/admin/outbox")).json()) as {
          items: { to: string; text: string }[];
        };
        link =
          box.items
            .find((m) => m.to === alice.email)
            ?.text.match(/https?:\/\/\S+\/reset-password\?token=\S+/)?.[0] ?? "";
        return link;
      })
      .not.toBe("");
    const { pathname, search } = new URL(link);
    await visitor.page.goto(pathname + search);
    await checkPage(visitor.page, visitor.problems, viewport, "12-reset-password");
    await fill(visitor.page, {
      "New password": "a brand new password",
      "New password again": "a brand new password",
    });
    await visitor.page.getByRole("button", { name: "Set password" }).click();
    await visitor.page.waitForURL(/\/signin\?ok=reset/);
    await signIn(visitor.page, alice.email, "a brand new password");
    await visitor.context.close();

    const { page, problems } = root;
    await openNav(page);
    await page.getByRole("link", { name: "Admin" }).click();
    await page.waitForURL(/\/admin\/users/);
    await page.getByRole("searchbox", { name: "Email contains" }).fill(`bob-${run}`);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/email=bob-/);
    await checkPage(page, problems, viewport, "13-admin-users");
    await page.getByRole("button", { name: `Make admin ${bob.email}` }).click();
    await page.waitForURL(/ok=user-updated/);
    await page.goto(`/admin/users?email=bob-${run}`);
    expect(await page.locator("td[data-label=Role]").textContent()).toBe("admin");
    await page.getByRole("button", { name: `Deactivate ${bob.email}` }).click();
    await page.waitForURL(/ok=user-updated/);
    await page.goto(`/admin/users?email=bob-${run}`);
    expect(await page.locator("td[data-label=Status]").textContent()).toBe("deactivated");

    await page.goto("/admin/creations");
    await checkPage(page, problems, viewport, "14-admin-creations");
    await page.getByRole("button", { name: `Delete ${title}` }).click();
    await page.waitForURL(/\/admin\/creations\?ok=deleted/);
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);
    const gone = await page.goto(creationUrl);
    expect(gone?.status()).toBe(404);
    await checkPage(page, problems, viewport, "15-not-found");
    await root.context.close();
  });
});
