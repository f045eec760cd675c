import { describe, expect, it } from "vitest";
import { BRIEFS, briefFacts } from "../../../../test/briefs";
import { kbUrl } from "../../research/kb/types";
import { validateArtifact } from "../validate";
import { writeArtifact } from "../writer";
import { citeWhereSupported } from "./citations";

const kb = (id: string, title: string) => ({ title, url: kbUrl(id), note: "A note." });
const checkout = kb("practice/checkout-costs", "Checkout: shipping costs and abandoned carts");
const interviews = kb("methods/user-interviews", "User interviews");
const unrelated = {
  title: "Kubernetes autoscaling explained",
  url: "https://example.org/k8s",
  note: "Horizontal pod autoscalers scale replicas on CPU load.",
};
const breakage = {
  title: "Why ceramics arrive broken",
  url: "https://example.org/breakage",
  note: "Most ceramics broken in transit were packed without double boxing.",
};

/** Lines of a body that carry a citation mark, with their marks. */
const citedLines = (body: string) =>
  body.split("\n").filter((l) => /\[\d+\]$/.test(l) && !/^\d+\. \[/.test(l));

describe("citations support the line they follow", () => {
  it("cites a shop's checkout note after the frustration it explains, and drops what supports nothing", () => {
    const w = writeArtifact({
      type: "personas",
      facts: briefFacts(BRIEFS.shop),
      references: [unrelated, interviews, checkout, breakage],
    });
    const order = (urls: string[]) =>
      urls.sort((a, b) => w.body.indexOf(`](${a})`) - w.body.indexOf(`](${b})`));
    expect(w.references?.map((r) => r.url)).toEqual(order([checkout.url, breakage.url, interviews.url]));
    const lines = citedLines(w.body);
    const n = w.references!.indexOf(checkout) + 1;
    expect(lines.find((l) => l.endsWith(`[${n}]`))).toMatch(/shipping costs discovered at checkout/);
    const b = w.references!.indexOf(breakage) + 1;
    expect(lines.find((l) => l.includes(`[${b}]`) && !l.startsWith("- Most"))).toMatch(
      /ceramics arrive broken/,
    );
    // Numbers follow reading order, and only cited sources are listed.
    const marks = [...w.body.split("## Research findings")[0]!.matchAll(/\[(\d+)\]/g)].map((m) =>
      Number(m[1]),
    );
    expect(marks).toEqual([...marks].sort((x, y) => x - y));
    expect(w.body).not.toContain(unrelated.url);
    const i = w.references!.indexOf(interviews) + 1;
    expect(lines.find((l) => l.endsWith(`[${i}]`))).toMatch(/^2\. Interview them about the last time/);
    // An outside source's finding is listed; a knowledge-base note is guidance, not a finding.
    expect(w.body).toContain(`## Research findings\n\n- ${breakage.note} [${b}]`);
    expect(w.body).not.toContain("- A note.");
  });

  it("never cites a note written for another kind of project", () => {
    const sections = [
      { title: "Checkout", body: "Shipping costs appear late at checkout, so carts are abandoned." },
    ];
    expect(citeWhereSupported(sections, [checkout], "shop").cited).toEqual([checkout]);
    expect(citeWhereSupported(sections, [checkout], "content").cited).toEqual([]);
    expect(citeWhereSupported(sections, [checkout], "content").sections[0]!.body).not.toMatch(/\[1\]/);
  });

  it("cites nothing in a software brief's personas that only a shop's notes would support", () => {
    const w = writeArtifact({
      type: "personas",
      facts: briefFacts(BRIEFS.software),
      references: [checkout, unrelated, kb("methods/proto-personas", "Proto-personas")],
    });
    expect(w.references?.map((r) => r.title)).toEqual(["Proto-personas"]);
    expect(citedLines(w.body)).toEqual([expect.stringMatching(/proto-personas/)]);
    expect(w.body).not.toContain("## Research findings");
  });

  it("writes no references section when nothing is supported, and the checks ask only for what is cited", async () => {
    const w = writeArtifact({
      type: "core-values",
      facts: briefFacts(BRIEFS.software),
      references: [unrelated],
    });
    expect(w.references).toBeUndefined();
    expect(w.body).not.toContain("## References");
    expect(
      await validateArtifact("core-values", w.body, { references: w.references, draft: w.body }),
    ).toEqual([]);
  });
});
