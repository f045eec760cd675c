/**
 * The guided workflow in the browser, at phone and desktop sizes: create a project, chat through two
 * steps (the reply streams in), use a quick command, generate a PRD from the chat, open it beside the
 * chat and then on its own page, edit it, compare versions, export it, share it (the link read signed
 * out, in a fresh browser, then revoked), and find it in the library. Every page is audited like the
 * rest (axe-core, console, CSP, no sideways scrolling) and screenshotted into test-results/e2e/.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { VIEWPORTS, checkPage, fill, launch, openNav, person, signUpAs, type ViewportName } from "./browser";

const baseURL = inject("baseURL");

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.keys(VIEWPORTS) as ViewportName[])("at %s size", (viewport) => {
  const run = `${viewport}-${Date.now().toString(36)}`;

  it("a new user creates a project, chats, generates a PRD, and views, edits, exports and shares it", async () => {
    const { page, problems } = await person(browser, baseURL, viewport);
    await signUpAs(page, `Carol ${viewport}`, `carol-${run}@example.com`, "correct horse battery");

    // Dashboard → a new project.
    await fill(page, {
      "Project name": `Plant swap (${viewport})`,
      Description: "Neighbours swap cuttings.",
    });
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(/\/projects\/[0-9A-Z]{26}$/);
    await checkPage(page, problems, viewport, "20-project");

    // A conversation with the product guide.
    await page.getByRole("button", { name: "Start a conversation" }).click();
    await page.waitForURL(/\/conversations\/[0-9A-Z]{26}/);
    await checkPage(page, problems, viewport, "21-chat-empty");
    // Server-rendered messages only: the script's live bubbles (.streaming) go when the page reloads.
    const messages = page.locator(".message:not(:has(.streaming))");

    // Two steps, each reply streamed in by the page script and then shown rendered after a reload.
    for (const [i, answer] of ["Leafswap", "People cannot find cuttings nearby"].entries()) {
      await page.getByLabel("Your message").fill(answer);
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect.poll(() => messages.count(), { timeout: 20_000 }).toBe((i + 1) * 2);
      await page.waitForLoadState("load");
    }
    await expect.poll(() => page.locator(".message.user").last().textContent()).toContain("cuttings");
    await page.getByRole("button", { name: "Menu" }).click();
    await expect.poll(() => messages.count(), { timeout: 20_000 }).toBe(6);
    await page.waitForLoadState("load");
    await checkPage(page, problems, viewport, "22-chat");

    // Generation from the chat; the finished job leaves a link in the conversation.
    await page.getByLabel("Your message").fill("generate prd anyway");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    // The finished job may already have added its message with the link.
    await expect.poll(() => messages.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    const link = page.getByRole("link", { name: /Product requirements/ }).first();
    await expect
      .poll(
        async () => {
          await page.reload();
          return link.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    // In the chat an artifact link opens the artifact beside the conversation; Full page leaves for it.
    await link.click();
    const panel = page.locator("[data-panel]");
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(page.url()).toMatch(/\/conversations\//);
    await panel.getByRole("link", { name: "Full page" }).click();
    await page.waitForURL(/\/artifacts\/[0-9A-Z]{26}$/);
    await expect
      .poll(
        async () => {
          const ready = await page.locator(".artifact-body").count();
          if (!ready) await page.reload();
          return ready;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    expect(await page.locator(".artifact-body h2").count()).toBeGreaterThan(0);
    await checkPage(page, problems, viewport, "23-artifact");

    // Export: a real download of the Markdown.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "MD", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);

    // Edit → version 2, then the diff between the versions.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await checkPage(page, problems, viewport, "24-artifact-edit");
    const body = page.getByLabel("Markdown");
    await body.fill(`${await body.inputValue()}\n\nEdited in the browser.\n`);
    await page.getByRole("button", { name: "Save as a new version" }).click();
    await page.waitForURL(/\/artifacts\/[0-9A-Z]{26}$/);
    expect(await page.locator(".artifact-body").textContent()).toContain("Edited in the browser.");
    await page.getByRole("button", { name: "Show differences" }).click();
    await page.waitForURL(/[?&]from=\d+&to=\d+/);
    expect(await page.locator(".diff .add", { hasText: "Edited in the browser." }).count()).toBe(1);
    await checkPage(page, problems, viewport, "25-artifact-diff");

    // A share link, shown once, readable while signed in or not, then revoked.
    await page.getByRole("button", { name: "Create a share link" }).click();
    const shared = await page.locator("a[href^='/shared/']").getAttribute("href");
    expect(shared).toBeTruthy();
    // Someone who is not signed in (a fresh browser, no cookies) reads it, and only reads it.
    const stranger = await person(browser, baseURL, viewport);
    const opened = await stranger.page.goto(shared!);
    expect(opened?.status()).toBe(200);
    expect(await stranger.page.locator(".artifact-body h2").count()).toBeGreaterThan(0);
    expect(await stranger.page.locator(".artifact-body").textContent()).toContain("Edited in the browser.");
    expect(await stranger.page.getByText(/shared read-only/).count()).toBe(1);
    expect(await stranger.page.getByRole("link", { name: "Edit", exact: true }).count()).toBe(0);
    await openNav(stranger.page);
    expect(await stranger.page.getByRole("link", { name: "Sign in" }).count()).toBeGreaterThan(0);
    await checkPage(stranger.page, stranger.problems, viewport, "25b-shared-signed-out");
    await page.getByRole("button", { name: "Revoke the link" }).click();
    await page.waitForLoadState("load");
    expect(await page.getByText("Not shared.").count()).toBe(1);
    // Revoked, the link opens nothing.
    expect((await stranger.page.goto(shared!))?.status()).toBe(404);
    await stranger.context.close();

    // The library finds it; grid and list both render.
    await page.goto("/artifacts?q=cuttings");
    expect(await page.getByRole("link", { name: /Product requirements/ }).count()).toBe(1);
    await checkPage(page, problems, viewport, "26-library");
    await page.getByRole("link", { name: "Show as grid" }).click();
    await checkPage(page, problems, viewport, "27-library-grid");

    await page.goto("/dashboard");
    expect(await page.getByText(/facts known/).count()).toBeGreaterThan(0);
    await checkPage(page, problems, viewport, "28-dashboard-projects");

    // Leaving: consents, then deleting the account with everything in it.
    await page.goto("/account");
    await checkPage(page, problems, viewport, "29-account-privacy");
    await page.getByLabel("Your password, to confirm").fill("correct horse battery");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL(/ok=erased/);
    expect(await page.getByText("Your account and everything in it are deleted.").count()).toBe(1);
    await page.goto("/signin");
    await fill(page, { Email: `carol-${run}@example.com`, Password: "correct horse battery" });
    await page.getByRole("button", { name: /Sign in/ }).click();
    await page.waitForLoadState("load");
    expect(page.url()).not.toContain("/dashboard");
  });
});
