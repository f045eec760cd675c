/**
 * Headless Chromium driven by playwright-core, plus the checks every page gets: no console errors or
 * CSP violations, an axe-core accessibility audit (serious and critical findings fail), and a
 * screenshot in test-results/e2e/ for people to look at.
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import { join } from "node:path";
import axe from "axe-core";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
export const SHOTS = "test-results/e2e";

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

const runnable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The browser to drive. `E2E_BROWSER=npm` forces the one inside the @sparticuz/chromium package
 * (a Chromium build shipped in the package itself, brotli-compressed, unpacked to the temp
 * directory on first use: no download, no root, no system package), `E2E_BROWSER=/path` a given
 * one; by default a system Chromium when there is one, else the package's. So `npm ci && npm test`
 * passes on a fresh machine with no browser at all.
 */
export async function chromiumPath(): Promise<{ path: string; from: string }> {
  const asked = process.env.E2E_BROWSER ?? "";
  if (asked && asked !== "npm") return { path: asked, from: "E2E_BROWSER" };
  if (asked !== "npm" && runnable(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, from: "system" };
  // The package unpacks the NSS libraries it ships (al2023.tar.br) and points LD_LIBRARY_PATH at
  // them only when it believes it runs on Amazon Linux 2023 (as on Lambda); a machine without a
  // system browser lacks those libraries too, so ask for them always. Its glibc needs are older
  // than any current distribution's.
  process.env.AWS_LAMBDA_JS_RUNTIME ??= "nodejs20.x";
  const { default: packaged } = await import("@sparticuz/chromium");
  return { path: await packaged.executablePath(), from: "@sparticuz/chromium" };
}

export async function launch(): Promise<Browser> {
  const { path } = await chromiumPath();
  // playwright-core gives every launch a fresh temporary --user-data-dir of its own (it refuses one in args).
  return chromium.launch({
    executablePath: path,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A browser context (its own cookie jar: one signed-in person) whose pages are watched for errors. */
export async function person(
  browser: Browser,
  baseURL: string,
  viewport: ViewportName,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    isMobile: viewport === "phone",
    hasTouch: viewport === "phone",
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // A page's own error status (a form shown again with 422, the 404 page) is asserted by the tests.
    const ownStatus = m.text().startsWith("Failed to load resource") && m.location().url === page.url();
    if (m.type() === "error" && !ownStatus) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // Deleting and admin changes ask first; a person would say yes.
  page.on("dialog", (d) => void d.accept());
  return { context, page, problems };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * page itself keeps its real policy during the audit.
 */
export async function audit(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    // Frames (the chat's artifact panel) are pages of their own, audited when a test opens them.
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
      iframes: false,
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The checks every page gets; `name` names the screenshot. */
export async function checkPage(
  page: Page,
  problems: string[],
  viewport: ViewportName,
  name: string,
): Promise<void> {
  await page.waitForLoadState("load");
  const dir = join(SHOTS, viewport);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  const serious = await audit(page);
  expect(serious, `accessibility of ${name} (${viewport})`).toEqual([]);
  expect(problems, `console of ${name} (${viewport})`).toEqual([]);
  // Nothing wider than the viewport: no sideways scrolling on a phone.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow of ${name} (${viewport})`).toBeLessThanOrEqual(0);
}

/** Fills fields by their visible labels. */
export async function fill(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields))
    await page.getByLabel(label, { exact: true }).fill(value);
}

export async function signUpAs(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup");
  await fill(page, { "Display name": name, Email: email, Password: password });
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL(/\/dashboard/);
}

/** The main navigation's links are in view: on a phone they fold into a menu, opened here. */
export async function openNav(page: Page): Promise<void> {
  const menu = page.locator(".nav-menu > summary");
  if (await menu.isVisible()) {
    if ((await menu.locator("xpath=..").getAttribute("open")) === null) await menu.click();
  }
}
