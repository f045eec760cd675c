import { describe, expect, it } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, settled, signUp } from "../../../test/helpers";

type Search = { status: string; provider: string; results: { title: string; url: string; source: string }[] };
type Conversation = { messages: { items: { content: string; agent: string }[] } };

async function history(token: string, conversationId: string) {
  return ((await (await api(`/conversations/${conversationId}`, { token })).json()) as Conversation).messages
    .items;
}

/** A new user with no configuration, in the guided chat. */
describe("research in the guided chat", () => {
  // Many turns and two jobs: on a loaded machine this takes longer than the 5 s default.
  it("researches when stage 2 begins and on request, posts the results, and the personas cite them", {
    timeout: 30_000,
  }, async () => {
    const me = await signUp("designer");
    const t = me.accessToken;
    const project = await newProject(t, "Pantry Pal");
    const conv = await newConversation(t, project.id, { agent: "design" });
    for (const answer of [
      "hi",
      "Busy parents throw away food they forget about.",
      "Waste less food",
      "30% less waste",
      "Two developers, four months",
    ])
      await say(t, conv.id, answer);

    // Stage 2 began with the last answer, and the guide started research on its own, once.
    const afterwards = await say(t, conv.id, "skip");
    const history1 = await history(t, conv.id);
    const announced = history1.find((m) => m.content.includes("To ground this stage, I'm researching"));
    expect(announced?.content).toContain(
      "“Target audience and personas: Busy parents throw away food they forget about”",
    );
    expect(afterwards.reply).not.toContain("To ground this stage");
    await expect
      .poll(
        async () =>
          (await history(t, conv.id)).some((m) =>
            m.content.startsWith("Research on “Target audience and personas"),
          ),
        { timeout: 10_000, interval: 100 },
      )
      .toBe(true);
    const news = (await history(t, conv.id)).find((m) =>
      m.content.startsWith("Research on “Target audience and personas"),
    )!;
    expect(news.agent).toBe("design");
    expect(news.content).toMatch(/found \d+ results/);
    expect(news.content).toContain("](uxprt://kb/methods/personas) (local-kb)");

    // On request, with the event on the reply's stream.
    const asked = await say(t, conv.id, "research interview questions for parents");
    expect(asked.reply).toContain(
      "I'm researching “interview questions for parents” in the built-in UX knowledge base and your own artifacts",
    );
    const event = asked.frames.find((f) => f.event === "research")!.data as {
      status: string;
      jobId: string;
      query: string;
    };
    expect(event).toMatchObject({ status: "started", query: "interview questions for parents" });
    const search = await settled<Search>(t, `/research/${event.jobId}`);
    expect(search).toMatchObject({ status: "succeeded", provider: "local" });
    expect(search.results.map((r) => r.url)).toContain("uxprt://kb/methods/user-interviews");

    // The personas cite the stored results as [n], with a references section linking them.
    const generated = await say(t, conv.id, "generate personas anyway");
    const started = generated.frames.find((f) => f.event === "generation")!.data as {
      jobId: string;
      artifactId: string;
    };
    expect((await settled<{ status: string }>(t, `/jobs/${started.jobId}`)).status).toBe("succeeded");
    const personas = (await (await api(`/artifacts/${started.artifactId}`, { token: t })).json()) as {
      body: string;
    };
    // Each cited note supports a line of the document: the method notes of both searches, after the
    // lines about proto-personas and about interviewing; numbered in reading order, each listed once.
    const [text, list] = personas.body.split("## References\n\n") as [string, string];
    const references = list.trim().split("\n");
    expect(references.length).toBeGreaterThanOrEqual(2);
    expect(references.length).toBeLessThanOrEqual(8);
    for (const [i, ref] of references.entries())
      expect(ref).toMatch(new RegExp(`^${i + 1}\\. \\[[^\\]]+\\]\\(uxprt://kb/[a-z]+/[a-z0-9-]+\\)$`));
    const line = (url: string) => {
      const n = references.findIndex((r) => r.endsWith(`(${url})`)) + 1;
      return text.split("\n").find((l) => n > 0 && l.includes(`[${n}]`));
    };
    expect(line("uxprt://kb/methods/proto-personas")).toMatch(/These are \*\*proto-personas\*\*/);
    expect(line("uxprt://kb/methods/user-interviews")).toMatch(/^2\. Interview them about the last time/);
    const marks = [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(marks).toEqual([...marks].sort((a, b) => a - b));
    // Method notes are guidance, not findings about the project.
    expect(personas.body).not.toContain("## Research findings");

    // A requirements document is not a research artifact: no references.
    const prd = await api(`/projects/${project.id}/artifacts`, {
      method: "POST",
      token: t,
      json: { type: "prd" },
    });
    const prdJob = (await prd.json()) as { jobId: string; artifactId: string };
    await settled(t, `/jobs/${prdJob.jobId}`);
    expect(
      ((await (await api(`/artifacts/${prdJob.artifactId}`, { token: t })).json()) as { body: string }).body,
    ).not.toContain("## References");
  });
});
