import { describe, expect, it } from "vitest";
import { htmlDocument, renderMarkdown } from "./markdown";

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
