/**
 * Forms that refuse what was sent show themselves again with what was typed and a message: a blank
 * title or name (spaces alone), a search the schema refuses, and an upload too large to be sent
 * (read without its file).
 */
import { describe, expect, it } from "vitest";
import { TestBrowser } from "../../test/browser";
import { MAX_UPLOAD_BYTES } from "../features/creations/routes";
import { api, creationForm, problem, signUp } from "../../test/helpers";
import { PAGE_CSP } from "./routes";

/** A multipart body with a known length, its fields in the given order (as a browser sends a form). */
function multipart(parts: [name: string, value: string | { file: string; bytes: number }][]) {
  const boundary = "----uxprt-test-boundary";
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const [name, value] of parts) {
    const head =
      typeof value === "string"
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.file}"\r\nContent-Type: image/png\r\n\r\n`;
    chunks.push(
      enc.encode(head),
      typeof value === "string" ? enc.encode(value) : new Uint8Array(value.bytes),
    );
    chunks.push(enc.encode("\r\n"));
  }
  chunks.push(enc.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

describe("blank fields", () => {
  it("the API refuses a name or title of spaces alone with 422 naming the field", async () => {
    const s = await signUp("blank-api");
    const cases = [
      ["/projects", { name: " \t " }, "name"],
      ["/creations", { title: "  " }, "title"],
    ] as const;
    for (const [path, fields, field] of cases) {
      const init =
        path === "/projects"
          ? { method: "POST", token: s.accessToken, json: fields }
          : { method: "POST", token: s.accessToken, body: creationForm(fields) };
      const res = await api(path, init);
      expect(res.status, path).toBe(422);
      const errors = (await problem(res)).errors ?? [];
      expect(errors).toEqual([
        { field, message: `The ${field} cannot be empty (spaces alone do not count)` },
      ]);
    }
  });

  it("pages show the form again with the message, keeping what was typed", async () => {
    const b = new TestBrowser();
    await b.signUp("Blank filler");
    await b.page("/dashboard");
    const project = await b.submit("/projects/new", { name: " \t ", description: "Kept as typed" });
    expect(project.status).toBe(422);
    const html = await project.text();
    expect(html).toContain("The name cannot be empty (spaces alone do not count)");
    expect(html).toContain("Kept as typed");

    await b.page("/gallery/new");
    const form = new FormData();
    form.set("title", "   ");
    form.set("description", "A description worth keeping");
    const upload = await b.submit("/gallery/new", form);
    expect(upload.status).toBe(422);
    const page = await upload.text();
    expect(page).toContain("The title cannot be empty (spaces alone do not count)");
    expect(page).toContain("A description worth keeping");
    // The browser refuses an empty title before sending, too.
    expect(page).toMatch(/<input[^>]*name="title"[^>]*required/);
  });
});

describe("searches a page cannot run", () => {
  it("show the search again with the reason beside the field, as typed", async () => {
    const b = new TestBrowser();
    await b.signUp("Long searcher");
    const words = "one two three four five six seven eight nine";
    const library = await b.fetch(`/artifacts?q=${encodeURIComponent(words)}&type=prd`);
    expect(library.status).toBe(422);
    const html = await library.text();
    expect(html).toContain("This search cannot be run. Check the fields.");
    expect(html).toMatch(/id="field-q-error">Search with at most 8 words</);
    expect(html).toContain(`value="${words}"`);
    const gallery = await b.fetch(`/gallery?tag=${encodeURIComponent("not a tag!")}`);
    expect(gallery.status).toBe(422);
    const page = await gallery.text();
    expect(page).toMatch(/id="field-tag-error">Tags are 1–32 characters/);
    expect(page).toContain('value="not a tag!"');
  });
});

describe("an upload too large to send", () => {
  it("shows the upload form again, styled, with what was typed and the reason", async () => {
    const b = new TestBrowser();
    await b.signUp("Big uploader");
    await b.page("/gallery/new");
    const { body, type } = multipart([
      ["_csrf", b.csrf],
      ["title", "My huge <b>poster</b>"],
      ["description", "Line one\r\nLine two"],
      ["tags", "poster, big"],
      ["image", { file: "huge.png", bytes: MAX_UPLOAD_BYTES + 1024 }],
    ]);
    const res = await b.fetch("/gallery/new", { method: "POST", body, headers: { "Content-Type": type } });
    expect(res.status).toBe(413);
    // The page CSP lets the page load its own stylesheet (the old 413 page had none).
    expect(res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    const html = await res.text();
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/app-[\w-]+\.css"/);
    expect(html).toContain("Upload a creation");
    expect(html).toContain('value="My huge &lt;b&gt;poster&lt;/b&gt;"');
    expect(html).toContain("Line one\r\nLine two");
    expect(html).toContain('value="poster, big"');
    expect(html).toContain("Choose an image of at most 5 MB.");
    // Signed in still, with a fresh form to send again.
    expect(html).toContain('name="_csrf"');
  });

  it("without the page's CSRF token it is the plain refusal, still a styled page", async () => {
    const b = new TestBrowser();
    await b.signUp("Forged uploader");
    const { body, type } = multipart([
      ["_csrf", "not-a-token"],
      ["title", "Forged"],
      ["image", { file: "huge.png", bytes: MAX_UPLOAD_BYTES + 1024 }],
    ]);
    const res = await b.fetch("/gallery/new", { method: "POST", body, headers: { "Content-Type": type } });
    expect(res.status).toBe(403);
    expect(res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    expect(await res.text()).not.toContain("Forged");
  });

  it("any other too-large form gets the styled error page", async () => {
    const b = new TestBrowser();
    await b.signUp("Long writer");
    await b.page("/dashboard");
    const res = await b.submit("/projects/new", { name: "x", description: "y".repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    expect(await res.text()).toContain("Too large");
  });
});
