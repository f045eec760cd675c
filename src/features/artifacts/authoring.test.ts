import { describe, expect, it } from "vitest";
import { openAICompatible } from "../../lib/llm/openai";
import { BRIEFS, briefFacts } from "../../../test/briefs";
import { completionStream, fakeServer, sseResponse } from "../../../test/fake-fetch";
import { authorWithModel } from "./authoring";
import { writeArtifact } from "./writer";

const facts = briefFacts(BRIEFS.software);
const references = [
  {
    title: "Kubernetes autoscaling explained",
    url: "https://example.org/k8s",
    note: "Autoscalers add replicas under CPU load.",
  },
  {
    title: "Forgotten leftovers and food waste at home",
    url: "https://example.org/waste",
    note: "Households waste a third of food.",
  },
];

/** A model server that answers each request with the next scripted document, streamed in pieces. */
function scripted(...answers: string[]) {
  let n = 0;
  const server = fakeServer(() =>
    sseResponse(completionStream(answers[n++]!.match(/[\s\S]{1,40}/g) ?? []), [13]),
  );
  const model = openAICompatible({ baseUrl: "https://llm.test/v1", model: "writer", fetch: server.fetch });
  return { server, model };
}

/** The offline draft with its diagram replaced: what a model that broke the diagram would answer. */
const withDiagram = (src: string) =>
  writeArtifact({ type: "flowchart", facts }).body.replace(
    /```mermaid\n[\s\S]*?```/,
    `\`\`\`mermaid\n${src}\n\`\`\``,
  );

// The first Mermaid parse loads Mermaid, which takes seconds in the test runner.
describe("writing an artifact with a model", { timeout: 60_000 }, () => {
  it("sends the facts, the draft, the research and the instructions on the wire, and saves a valid answer", async () => {
    const good = writeArtifact({ type: "personas", facts, references }).body.replace(
      "proto-personas",
      "provisional personas",
    );
    const { server, model } = scripted(good);
    const w = await authorWithModel(model, {
      type: "personas",
      facts,
      references,
      instructions: "focus on parents",
    });
    expect(w.body).toContain("provisional personas");
    expect(w.note).toBe("Written by openai-compatible:writer.");
    expect(server.seen).toHaveLength(1);
    const sent = (await server.seen[0]!.json()) as {
      messages: { role: string; content: string }[];
      stream: boolean;
    };
    expect(sent.stream).toBe(true);
    expect(sent.messages[0]!.role).toBe("system");
    expect(sent.messages[0]!.content).toContain("About these personas; Personas; How to validate");
    const user = sent.messages[1]!.content;
    expect(user).toContain("- Target audience: Parents aged 28–45 in cities");
    // Only the research the draft cites, numbered as the draft numbers it.
    expect(user).toContain(
      "[1] Forgotten leftovers and food waste at home — https://example.org/waste: Households waste a third of food.",
    );
    expect(user).not.toContain("example.org/k8s");
    expect(user).toContain("## What the user asked for this version\n\nfocus on parents");
    expect(user).toContain("## The draft to start from\n\n_User personas for Pantry Pal");
  });

  it("asks once to repair a diagram Mermaid cannot parse, with the parser's error, and saves the repair", async () => {
    const broken = withDiagram("flowchart TD\n  start --> ");
    const fixed = withDiagram('flowchart TD\n  start(["Start"]) --> done(["End"])');
    const { server, model } = scripted(broken, fixed);
    const w = await authorWithModel(model, { type: "flowchart", facts });
    expect(server.seen).toHaveLength(2);
    const repair = (await server.seen[1]!.json()) as { messages: { role: string; content: string }[] };
    expect(repair.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(repair.messages[2]!.content).toContain("start --> ");
    expect(repair.messages[3]!.content).toMatch(/Mermaid block 1 does not parse: Parse error on line/);
    expect(w.body).toContain('start(["Start"]) --> done(["End"])');
    expect(w.note).toContain("repaired once");
  });

  it("saves the offline draft with a note when the repair fails too, never the broken diagram", async () => {
    const { server, model } = scripted(
      withDiagram("flowchart TD\n  a -->"),
      "## Diagram\n\nno diagram at all",
    );
    const w = await authorWithModel(model, { type: "flowchart", facts });
    expect(server.seen).toHaveLength(2);
    expect(w.body).toContain('start(["Start"])');
    expect(w.body).toContain("The language model's version did not pass the checks");
    expect(w.note).toMatch(/^Offline draft: /);
  });

  it("rejects an answer that drops a required section or a citation", async () => {
    const draft = writeArtifact({ type: "personas", facts, references }).body;
    const dropped = draft
      .replace("## How to validate", "## Validation")
      .replace(/\n## References[\s\S]*$/, "\n");
    const { server, model } = scripted(dropped, dropped);
    await authorWithModel(model, { type: "personas", facts, references });
    const repair = (await server.seen[1]!.json()) as { messages: { content: string }[] };
    expect(repair.messages[3]!.content).toContain("These required sections are missing");
    expect(repair.messages[3]!.content).toContain("How to validate");
    expect(repair.messages[3]!.content).toContain("[1] https://example.org/waste");
  });

  it("checks a wireframe layout's JSON", async () => {
    const draft = writeArtifact({ type: "wireframe", facts }).body;
    const bad = draft.replace(/"viewport": "mobile"/, '"viewport": "watch"');
    const { server, model } = scripted(bad, draft);
    const w = await authorWithModel(model, { type: "wireframe", facts });
    const repair = (await server.seen[1]!.json()) as { messages: { content: string }[] };
    expect(repair.messages[3]!.content).toMatch(/Wireframe block 1 is not a valid layout: viewport/);
    expect(w.note).toContain("repaired once");
  });
});
