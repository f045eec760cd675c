/** The project, chat and artifact pages without a browser: forms that work without script, escaping, ownership. */
import { describe, expect, it } from "vitest";
import { TestBrowser } from "../../test/browser";
import { DIAGRAM_PAGE_CSP, PAGE_CSP } from "./routes";

const HOSTILE = `<img src=x onerror=alert(1)>`;
const idFrom = (res: Response) => res.headers.get("Location")!.match(/[0-9A-Z]{26}/)![0];

async function pageOk(b: TestBrowser, path: string, status = 200) {
  const { res, html } = await b.page(path);
  expect(res.status, path).toBe(status);
  expect(res.headers.get("Content-Security-Policy"), path).toBe(PAGE_CSP);
  expect(html, path).not.toContain("<img src=x");
  expect(html, path).not.toMatch(/<[a-z][^>]*\s(on[a-z]+|style)=/i);
  return html;
}

describe("project, chat and artifact pages", () => {
  it("create a project, talk without script, generate, and keep everything owner-only and escaped", async () => {
    const b = new TestBrowser();
    await b.signUp();
    await b.page("/dashboard");
    const created = await b.submit("/projects/new", { name: HOSTILE, description: "" });
    expect(created.status).toBe(303);
    const projectId = idFrom(created);
    const projectHtml = await pageOk(b, `/projects/${projectId}`);
    expect(projectHtml).toContain("&lt;img src=x");
    expect(projectHtml).toContain(`/api/v1/projects/${projectId}/export`);
    expect(await pageOk(b, "/dashboard")).toMatch(/facts known/);

    const started = await b.submit(`/projects/${projectId}/conversations`, { title: "", agent: "design" });
    expect(started.status).toBe(303);
    const conversationId = idFrom(started);
    await pageOk(b, `/conversations/${conversationId}`);
    const sent = await b.submit(`/conversations/${conversationId}/messages`, {
      content: `**Leafswap** ${HOSTILE}`,
    });
    expect(sent.status).toBe(303);
    const chatHtml = await pageOk(b, `/conversations/${conversationId}`);
    // The user's Markdown is rendered, their markup escaped, and the guide has answered.
    expect(chatHtml).toContain("<strong>Leafswap</strong>");
    expect(chatHtml.match(/class="message assistant"/g)?.length).toBe(1);
    const switched = await b.submit(`/conversations/${conversationId}/agent`, { agent: "brand" });
    expect(switched.status).toBe(303);
    expect(await pageOk(b, `/conversations/${conversationId}`)).toMatch(/<option value="brand" selected/);
    expect((await b.submit(`/conversations/${conversationId}/messages`, { content: " " })).status).toBe(422);

    const generated = await b.submit(`/projects/${projectId}/generate`, { type: "prd" });
    expect(generated.status).toBe(303);
    const artifactId = idFrom(generated);
    expect(generated.headers.get("Location")).toBe(`/artifacts/${artifactId}`);
    await pageOk(b, `/artifacts/${artifactId}`);
    await pageOk(b, "/artifacts?q=anything&view=grid");
    await pageOk(b, "/artifacts?type=prd&sort=name");
    await pageOk(b, "/artifacts?type=nope", 422);
    expect((await b.submit(`/projects/${projectId}/generate`, { type: "nope" })).status).toBe(422);
    expect((await b.submit(`/artifacts/${artifactId}/revert`, { version: "x" })).status).toBe(400);

    // Another user sees none of it.
    const other = new TestBrowser();
    await other.signUp("Other");
    for (const path of [
      `/projects/${projectId}`,
      `/conversations/${conversationId}`,
      `/artifacts/${artifactId}`,
      `/artifacts/${artifactId}/edit`,
    ])
      await pageOk(other, path, 404);
    expect((await other.submit(`/conversations/${conversationId}/messages`, { content: "hi" })).status).toBe(
      404,
    );

    // Signed out, the pages ask for sign-in.
    const anon = await new TestBrowser().fetch(`/projects/${projectId}`);
    expect(anon.status).toBe(303);
  });

  it("an artifact with a Mermaid diagram loads the diagram script, and only that page relaxes style-src", async () => {
    const b = new TestBrowser();
    await b.signUp();
    await b.page("/dashboard");
    const projectId = idFrom(await b.submit("/projects/new", { name: "Diagrams", description: "" }));
    const artifactId = idFrom(await b.submit(`/projects/${projectId}/generate`, { type: "prd" }));
    await expect
      .poll(async () => (await b.page(`/artifacts/${artifactId}`)).html, { timeout: 10_000, interval: 200 })
      .toContain("Version 1");
    const plain = await b.page(`/artifacts/${artifactId}`);
    expect(plain.res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    expect(plain.html).not.toMatch(/diagrams-[\w-]+\.js/);
    const edit = await b.page(`/artifacts/${artifactId}/edit`);
    expect(edit.res.status).toBe(200);
    const saved = await b.submit(`/artifacts/${artifactId}/edit`, {
      body: "```mermaid\nflowchart TD\n  A --> B\n```\n",
      title: "",
      note: "",
    });
    expect(saved.status).toBe(303);
    const drawn = await b.page(`/artifacts/${artifactId}`);
    expect(drawn.res.headers.get("Content-Security-Policy")).toBe(DIAGRAM_PAGE_CSP);
    expect(DIAGRAM_PAGE_CSP).toContain("script-src 'self';");
    expect(drawn.html).toMatch(/<script type="module" src="\/assets\/diagrams-[\w-]+\.js"/);
    expect(drawn.html).toContain('<pre class="mermaid">flowchart TD');
  });

  it("an artifact's page shows why a diff is refused instead of failing", async () => {
    const b = new TestBrowser();
    await b.signUp();
    await b.page("/dashboard");
    const projectId = idFrom(await b.submit("/projects/new", { name: "Long doc", description: "" }));
    const artifactId = idFrom(await b.submit(`/projects/${projectId}/generate`, { type: "prd" }));
    await expect
      .poll(async () => (await b.page(`/artifacts/${artifactId}`)).html, { timeout: 10_000, interval: 200 })
      .toContain("Version 1");
    for (const tag of ["alpha", "beta"]) {
      await b.page(`/artifacts/${artifactId}/edit`);
      const body = Array.from({ length: 3000 }, (_, i) => `${tag} ${i}`).join("\n");
      expect((await b.submit(`/artifacts/${artifactId}/edit`, { body, title: "", note: "" })).status).toBe(
        303,
      );
    }
    const html = await pageOk(b, `/artifacts/${artifactId}?from=2&to=3`);
    expect(html).toMatch(/differ in more than 1,000 lines/);
    expect(html).not.toContain('class="diff"');
  });
});
