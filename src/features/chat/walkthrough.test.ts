import { describe, expect, it } from "vitest";
import { newConversation, newProject, say } from "../../../test/chat";
import { api, signUp } from "../../../test/helpers";
import { FACTS } from "../pipeline/catalogue";

/** A new user's first session with the offline guide, then a return visit in a new conversation. */
describe("the offline guide, end to end", () => {
  // A dozen turns and a generation job: on a loaded machine this takes longer than the 5 s default.
  it("walks a project from stage 1 to a PRD-ready brief, and resumes where it stopped", {
    timeout: 30_000,
  }, async () => {
    const me = await signUp("founder");
    const t = me.accessToken;
    const project = await newProject(t, "Pantry Pal");
    const conv = await newConversation(t, project.id);

    const script: [string, string][] = [
      ["Hi, I'd like help with my project", FACTS.problem.question],
      ["Busy parents throw away food because they forget what is in the fridge.", FACTS.goals.question],
      ["Cut food waste at home, and make weekly planning take five minutes", FACTS.successMetrics.question],
      ["1,000 weekly active households; 30% less food thrown away", FACTS.constraints.question],
      ["Two developers, launch in four months, must work offline", FACTS.audience.question],
      ["Parents aged 28-45 in cities, both working", FACTS.userGoals.question],
      ["Know what to cook tonight, shop once a week, waste less", FACTS.painPoints.question],
      ["skip", FACTS.behaviours.question],
      ["skip stage", FACTS.keyFeatures.question],
      [
        "Fridge inventory by photo, expiry reminders, weekly meal plan, shared shopping list",
        FACTS.userFlows.question,
      ],
    ];
    for (const [message, nextQuestion] of script) {
      const { reply } = await say(t, conv.id, message);
      expect(reply, `after "${message}"`).toContain(nextQuestion);
    }

    const brief = (await (await api(`/projects/${project.id}/brief`, { token: t })).json()) as any;
    expect(brief.currentStage).toEqual({ number: 3, name: "Requirement documents (PRD, FRD, DRD, ERD)" });
    expect(brief.stages.map((s: any) => s.status)).toEqual([
      "done",
      "skipped",
      "current",
      "not-started",
      "not-started",
    ]);
    expect(brief.stages[0].facts.map((f: any) => [f.id, f.value])).toEqual([
      ["productName", "Pantry Pal"],
      ["problem", "Busy parents throw away food because they forget what is in the fridge."],
      ["goals", "Cut food waste at home, and make weekly planning take five minutes"],
      ["successMetrics", "1,000 weekly active households; 30% less food thrown away"],
      ["constraints", "Two developers, launch in four months, must work offline"],
    ]);
    expect(brief.stages[1].missing.find((m: any) => m.id === "painPoints")).toMatchObject({ skipped: true });
    expect(brief.stages[2].facts[0].items).toEqual([
      "Fridge inventory by photo",
      "expiry reminders",
      "weekly meal plan",
      "shared shopping list",
    ]);
    expect(brief.stages[2].artifacts.find((a: any) => a.type === "prd")).toEqual({
      type: "prd",
      title: "Product requirements document",
      ready: true,
      missing: [],
    });
    expect(brief.nextStep).toMatchObject({ action: "answer", facts: ["userFlows"] });

    // Asking for the PRD starts a generation job; the conversation hears when it is done.
    const generate = await say(t, conv.id, "generate the PRD");
    const started = generate.frames.find((f) => f.event === "generation")?.data as {
      status: string;
      jobId: string;
      artifactId: string;
    };
    expect(started).toMatchObject({ artifactType: "prd", status: "started" });
    expect(generate.reply).toContain("I've started the Product requirements document");
    await expect
      .poll(
        async () =>
          ((await (await api(`/jobs/${started.jobId}`, { token: t })).json()) as { status: string }).status,
        { timeout: 10_000, interval: 100 },
      )
      .toBe("succeeded");
    const prd = (await (await api(`/artifacts/${started.artifactId}`, { token: t })).json()) as {
      title: string;
      body: string;
    };
    expect(prd.title).toBe("Product requirements document: Pantry Pal");
    expect(prd.body).toContain("I want fridge inventory by photo");
    expect(prd.body).toContain("Busy parents throw away food");
    expect(prd.body).not.toContain("Open question: Key features");
    const history = (await (await api(`/conversations/${conv.id}`, { token: t })).json()) as {
      messages: { items: { content: string }[] };
    };
    // The news follows the reply that announced the job, even when the job finished first.
    expect(history.messages.items[0]!.content).toContain(`[open it](/artifacts/${started.artifactId})`);
    expect(history.messages.items[1]!.content).toContain("I've started the Product requirements document");

    // Days later, in a new conversation with another agent: the guide picks up the same question.
    const later = await newConversation(t, project.id, { agent: "design" });
    const resumed = await say(t, later.id, "where were we?");
    expect(resumed.reply).toContain(FACTS.userFlows.question);
    const answered = await say(t, later.id, "Sign up, add items, get reminders, plan the week");
    expect(answered.reply).toContain(FACTS.platforms.question);
  });
});
