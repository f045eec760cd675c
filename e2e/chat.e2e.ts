/**
 * The conversation page as a chat app, at phone and desktop sizes: a reply streams in and is shown
 * finished without the page reloading (a marker on `window` survives), its Markdown is formatted
 * while it streams, Enter sends and focus comes back to the composer, and a second tab of the same
 * conversation receives the reply live over the WebSocket. Every state is audited like every page.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { VIEWPORTS, checkPage, fill, launch, person, signUpAs, type ViewportName } from "./browser";

const baseURL = inject("baseURL");

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * One person per viewport for the whole file (sign-ups are limited per address, and the other e2e
 * files sign up people too), with one project; each test opens a conversation of its own.
 */
async function signedUp(viewport: ViewportName) {
  const who = await person(browser, baseURL, viewport);
  const run = `${viewport}-${Date.now().toString(36)}`;
  await signUpAs(who.page, `Dana ${viewport}`, `dana-${run}@example.com`, "correct horse battery");
  await fill(who.page, {
    "Project name": `Bakery (${viewport})`,
    Description: "Fresh bread by subscription.",
  });
  await who.page.getByRole("button", { name: "Create project" }).click();
  await who.page.waitForURL(/\/projects\/[0-9A-Z]{26}$/);
  return { ...who, projectUrl: who.page.url() };
}

async function openConversation(page: Page, projectUrl: string) {
  await page.goto(projectUrl);
  await page.getByRole("button", { name: "Start a conversation" }).click();
  await page.waitForURL(/\/conversations\/[0-9A-Z]{26}/);
}

/** Saved assistant replies (the one being written has no id yet). */
const replies = (page: Page) => page.locator(".message.assistant[data-id]");
const composerFocused = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name === "content");

describe.each(Object.keys(VIEWPORTS) as ViewportName[])("at %s size", (viewport) => {
  let dana: Awaited<ReturnType<typeof signedUp>>;
  beforeAll(async () => {
    dana = await signedUp(viewport);
  });

  it("streams replies without reloading, formats Markdown as it streams, and keeps the composer ready", async () => {
    const { page, problems } = dana;
    await openConversation(page, dana.projectUrl);
    await page.evaluate(() => {
      (window as unknown as { __stillHere: boolean }).__stillHere = true;
    });

    // Enter sends; Shift+Enter adds a line instead.
    const box = page.getByLabel("Your message");
    await box.click();
    await box.pressSequentially("Crumb");
    await box.press("Shift+Enter");
    expect(await box.inputValue()).toBe("Crumb\n");
    await box.press("Backspace");
    await box.press("Enter");
    await expect.poll(() => replies(page).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator(".message.user").first().textContent()).toContain("Crumb");
    await expect.poll(() => composerFocused(page)).toBe(true);
    await checkPage(page, problems, viewport, "40-chat-first-reply");

    // "menu" answers with a numbered list: it is a list while it streams, never raw "1." text.
    await box.fill("menu");
    await box.press("Enter");
    const writing = page.locator(".message.writing");
    await expect.poll(() => writing.locator(".prose ol li").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await writing.count()).toBe(1);
    await checkPage(page, problems, viewport, "41-chat-streaming");
    await expect.poll(() => replies(page).count(), { timeout: 20_000 }).toBe(2);
    expect(await replies(page).last().locator("ol li").count()).toBeGreaterThan(5);
    await expect.poll(() => composerFocused(page)).toBe(true);

    // Signed by the guide that wrote it, at a time in the reader's zone (not the server's "UTC").
    expect(await replies(page).last().locator(".who").textContent()).toBe("Product guide");
    expect(await replies(page).last().locator("time").textContent()).not.toContain("UTC");

    // Not one reload.
    expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(
      true,
    );

    // The composer stays on screen however long the history is.
    const inView = await page.getByRole("button", { name: "Send", exact: true }).boundingBox();
    expect(inView && inView.y + inView.height).toBeLessThanOrEqual(VIEWPORTS[viewport].height);
    await checkPage(page, problems, viewport, "42-chat-two-replies");
  });

  it("stops a reply and keeps what it wrote, regenerates the last reply, edits the last message, copies", async () => {
    const { context, page, problems } = dana;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await openConversation(page, dana.projectUrl);
    const box = page.getByLabel("Your message");
    await box.fill("hello");
    await box.press("Enter");
    await expect.poll(() => replies(page).count(), { timeout: 20_000 }).toBe(1);

    // Stop while the long menu streams: the part written so far stays, marked stopped.
    await box.fill("menu");
    await box.press("Enter");
    const writing = page.locator(".message.writing");
    await expect.poll(() => writing.locator("li").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await expect.poll(() => replies(page).count(), { timeout: 20_000 }).toBe(2);
    const stopped = replies(page).last();
    expect(await stopped.locator(".stopped").count()).toBe(1);
    const partial = await stopped.locator("ol li").count();
    expect(partial).toBeGreaterThan(0);
    await expect.poll(() => composerFocused(page)).toBe(true);
    expect(await page.getByRole("button", { name: "Stop", exact: true }).isVisible()).toBe(false);
    await checkPage(page, problems, viewport, "45-chat-stopped");

    // Regenerate: the stopped reply is replaced by a whole new one.
    const stoppedId = await stopped.getAttribute("data-id");
    await stopped.getByRole("button", { name: "Regenerate" }).click();
    // The old reply goes first (removed), then the new one is written and saved. One snapshot of the
    // list per poll: counting and reading the last id in two steps could see two different moments.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const ids = [...document.querySelectorAll<HTMLElement>(".message.assistant[data-id]")].map(
              (li) => li.dataset.id,
            );
            return {
              count: ids.length,
              last: ids.at(-1),
              writing: document.querySelectorAll(".writing").length,
            };
          }),
        { timeout: 20_000 },
      )
      .toEqual({ count: 2, last: expect.not.stringMatching(`^${stoppedId}$`), writing: 0 });
    expect(await replies(page).count()).toBe(2);
    expect(await replies(page).last().locator("ol li").count()).toBeGreaterThan(partial);
    expect(await page.locator(".stopped").count()).toBe(0);

    // Edit the last message in the composer and run it again.
    const lastUser = page.locator(".message.user[data-id]").last();
    const userId = await lastUser.getAttribute("data-id");
    await lastUser.getByRole("button", { name: "Edit" }).click();
    expect(await box.inputValue()).toBe("menu");
    await box.fill("status");
    await box.press("Enter");
    await expect.poll(() => lastUser.textContent(), { timeout: 20_000 }).toContain("status");
    await expect
      .poll(() => replies(page).last().textContent(), { timeout: 20_000 })
      .toContain("Where we are");
    expect(await page.locator(`.message.user[data-id="${userId}"]`).count()).toBe(1);
    expect(await page.locator(".message").count()).toBe(4);
    await checkPage(page, problems, viewport, "46-chat-edited");

    // Copy gives the Markdown, not the rendered text.
    await page.locator(".message.user[data-id]").first().getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("hello");
    expect(await page.getByText(/messages left today/).textContent()).toMatch(
      /^\d+ of \d+ messages left today$/,
    );
  });

  it("follows a generation job live on a card, then opens the artifact beside the chat", async () => {
    const { page, problems } = dana;
    await openConversation(page, dana.projectUrl);
    await page.evaluate(() => {
      (window as unknown as { __stillHere: boolean }).__stillHere = true;
    });
    // Every state the card shows, in order, as the job's news arrives.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __cardStates: string[] }).__cardStates = seen;
      new MutationObserver(() => {
        const card = document.querySelector(".job-card");
        const state = card && `${card.className}|${card.children[1]?.textContent}`;
        if (state && seen.at(-1) !== state) seen.push(state);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const box = page.getByLabel("Your message");
    await box.fill("generate prd anyway");
    await box.press("Enter");
    const card = page.locator(".job-card");
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => card.getAttribute("class"), { timeout: 30_000 }).toContain("done");
    // Queued (or writing, with its percentage) first, then done: progress shown live, not only the end.
    const states = await page.evaluate(() => (window as unknown as { __cardStates: string[] }).__cardStates);
    expect(states[0], states.join(" → ")).toMatch(/^job-card running\|(Queued…|Writing… \d+%)$/);
    expect(states.at(-1), states.join(" → ")).toMatch(/^job-card done\|Ready, version 1\.$/);
    expect(await card.textContent()).toContain("Product requirements document");
    expect(await card.textContent()).toContain("Ready, version 1");
    expect(await card.locator("progress").getAttribute("value")).toBe("100");
    await checkPage(page, problems, viewport, "47-chat-job-done");

    // Open: the artifact beside the chat on a desktop, over it on a phone; Escape brings focus back.
    await card.getByRole("button", { name: "Open" }).click();
    const panel = page.locator("[data-panel]");
    await expect.poll(() => panel.isVisible()).toBe(true);
    const body = page.frameLocator("[data-panel-frame]").locator(".artifact-body h2");
    await expect.poll(() => body.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const box2 = await panel.boundingBox();
    if (viewport === "phone") expect(box2?.width).toBe(VIEWPORTS.phone.width);
    else {
      expect(box2!.x).toBeGreaterThan(VIEWPORTS.desktop.width / 3);
      // The conversation stays in view beside it.
      expect(await page.getByLabel("Your message").isVisible()).toBe(true);
    }
    await checkPage(page, problems, viewport, "48-chat-panel");
    await page.keyboard.press("Escape");
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Open");
    expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(
      true,
    );

    // The panel's own page, audited like every page.
    const src = await page.locator("[data-panel-frame]").getAttribute("src");
    const view = await dana.context.newPage();
    await view.goto(src!);
    await checkPage(view, [], viewport, "49-artifact-panel-view");
    await view.close();
  });

  it("switches to the light theme, remembers it, and keeps the header to one row", async () => {
    const { page, problems } = dana;
    await openConversation(page, dana.projectUrl);
    await page.getByLabel("Theme").selectOption("light");
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe("rgb(255, 255, 255)");
    await checkPage(page, problems, viewport, "50-chat-light");
    // Remembered: the server renders the next page light from the first byte.
    await expect
      .poll(async () => (await page.context().cookies()).some((c) => c.name === "uxprt-theme"))
      .toBe(true);
    await page.goto("/");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await checkPage(page, problems, viewport, "51-landing-light");
    // The header is one row: on a phone its links fold into a menu.
    const header = await page.locator(".site-header").boundingBox();
    expect(header!.height).toBeLessThan(80);
    if (viewport === "phone") {
      await page.getByText("Menu", { exact: true }).click();
      expect(await page.getByRole("link", { name: "Dashboard" }).isVisible()).toBe(true);
      await checkPage(page, problems, viewport, "52-nav-menu-open");
    }
    await page.getByLabel("Theme").selectOption("system");
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("system");
  });

  it("shows a second tab the message and its reply live", async () => {
    const { context, page, problems } = dana;
    await openConversation(page, dana.projectUrl);
    const other = await context.newPage();
    await other.goto(page.url());
    await other.evaluate(() => {
      (window as unknown as { __stillHere: boolean }).__stillHere = true;
    });

    await page.getByLabel("Your message").fill("Loafly");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => replies(other).count(), { timeout: 20_000 }).toBe(1);
    expect(await other.locator(".message.user").first().textContent()).toContain("Loafly");
    // Each event once, though it came on two channels to the sending tab.
    await expect.poll(() => replies(page).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator(".message").count()).toBe(2);
    expect(await other.locator(".message").count()).toBe(2);
    expect(await other.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(
      true,
    );
    await checkPage(other, problems, viewport, "43-chat-second-tab");
    await other.close();
  });

  it("runs a ten-turn conversation from the keyboard alone without one reload", async () => {
    const { page, problems } = dana;
    await openConversation(page, dana.projectUrl);
    await page.evaluate(() => {
      (window as unknown as { __stillHere: boolean }).__stillHere = true;
    });
    const turns = [
      "People in small towns want fresh bread, but the nearest bakery is a long drive away.",
      "Deliver fresh bread every Saturday and keep families ordering week after week.",
      "500 households ordering every week within a year.",
      "A budget of 20,000 euros, two bakers and one van.",
      "What is a persona, and do I need one?",
      "Busy families in small towns, aged 30 to 50.",
      "Stale supermarket bread and no time to bake.",
      "They shop once a week and order most things on their phones.",
      "Web and phones.",
      "menu",
    ];
    // Ten messages is a whole minute's allowance (CHAT_MESSAGES_PER_MINUTE, counted per UTC minute):
    // start in a fresh minute, after the messages the tests before sent.
    await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 500));
    await page.getByLabel("Your message").focus();
    for (const [i, words] of turns.entries()) {
      // Typed where the focus is: after each reply it must be back in the composer, unasked.
      expect(await composerFocused(page)).toBe(true);
      const before = await replies(page).count();
      await page.keyboard.type(words);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".message.user").count(), { timeout: 20_000 }).toBe(i + 1);
      // Answered (a turn may also bring a notice, e.g. research posted when a stage begins).
      await expect
        .poll(
          async () =>
            (await replies(page).count()) > before && (await page.locator(".message.writing").count()) === 0,
          { timeout: 20_000 },
        )
        .toBe(true);
      await expect.poll(() => composerFocused(page)).toBe(true);
    }
    expect(await page.locator(".message.user").count()).toBe(turns.length);
    expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(
      true,
    );
    const send = await page.getByRole("button", { name: "Send", exact: true }).boundingBox();
    expect(send && send.y + send.height).toBeLessThanOrEqual(VIEWPORTS[viewport].height);
    await checkPage(page, problems, viewport, "44-chat-ten-turns");
  }, 240_000);
});
