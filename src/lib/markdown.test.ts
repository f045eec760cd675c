import { describe, expect, it } from "vitest";
import { htmlDocument, plainText, renderMarkdown, renderStreamingMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders Markdown structure", () => {
    const html = renderMarkdown("# Goals\n\n- **Fast** checkout\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(html).toContain("<h1>Goals</h1>");
    expect(html).toContain("<li><strong>Fast</strong> checkout</li>");
    expect(html).toContain("<td>1</td>");
  });

  it("escapes raw HTML and drops script URLs", () => {
    const html = renderMarkdown(
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [ok](https://example.com)",
    );
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">ok</a>');
  });

  it("turns mermaid fences into diagram blocks with escaped text", () => {
    const html = renderMarkdown("```mermaid\nflowchart TD\n  A[<b>x</b>] --> B\n```");
    expect(html).toBe('<pre class="mermaid">flowchart TD\n  A[&lt;b&gt;x&lt;/b&gt;] --&gt; B\n</pre>\n');
  });

  it("escapes the title of an HTML document", () => {
    expect(htmlDocument("<i>t</i>", "")).toContain("<title>&lt;i&gt;t&lt;/i&gt;</title>");
  });
});

describe("plainText", () => {
  it("turns an artifact body into text for search snippets: no marks, pipes or diagram syntax", () => {
    const text = plainText(
      [
        "## Goals",
        "",
        "- **Cut** food waste, see [the study](https://example.org)",
        "",
        "| Metric | Target |",
        "| --- | --- |",
        "| Weekly users | 1,000 |",
        "",
        "```mermaid",
        'flowchart TD\n  a(["Start"]) -->|"yes"| b["Add items"]',
        "```",
        "",
        "```wireframe",
        '{"screen": "Fridge", "viewport": "mobile", "regions": [{"kind": "main", "label": "Items", "items": []}]}',
        "```",
      ].join("\n"),
    );
    expect(text).toContain("Goals");
    expect(text).toContain("Cut food waste, see the study");
    expect(text).toContain("Weekly users · 1,000");
    expect(text).toContain("Start · yes · Add items");
    expect(text).toContain("Fridge");
    expect(text).not.toMatch(/[|*#`[\]{}]|-->|flowchart|viewport|https:/);
  });
});

describe("renderStreamingMarkdown", () => {
  it("shows formatting that is opened but not yet closed, never its raw markers", () => {
    expect(renderStreamingMarkdown("A **bold cla")).toBe("<p>A <strong>bold cla</strong></p>\n");
    expect(renderStreamingMarkdown("Run `npm")).toBe("<p>Run <code>npm</code></p>\n");
    expect(renderStreamingMarkdown("See [the docs](https://exa")).toBe("<p>See the docs</p>\n");
    expect(renderStreamingMarkdown("Intro\n\n- one\n-")).toBe(renderMarkdown("Intro\n\n- one\n"));
  });

  it("closes an open code fence so its text stays code", () => {
    expect(renderStreamingMarkdown("```ts\nconst a = 1")).toBe(renderMarkdown("```ts\nconst a = 1\n```"));
  });

  it("renders finished text exactly as renderMarkdown and escapes like it", () => {
    const done = "# Goals\n\n- **Fast** checkout, [docs](https://example.com)";
    expect(renderStreamingMarkdown(done)).toBe(renderMarkdown(done));
    expect(renderStreamingMarkdown("<img src=x onerror=alert(1)> **x")).not.toContain("<img");
  });
});
