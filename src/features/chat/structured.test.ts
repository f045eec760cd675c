/**
 * A configured model understands the turn: it is offered the `record_turn` tool and its call is
 * validated before anything changes. These tests speak the real wire formats: the Chat Completions
 * stream with tool-call deltas and [DONE], and Workers AI's function-calling answer.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { chunkedBody, fakeServer } from "../../../test/fake-fetch";
import { giveConsent, newConversation, newProject, say } from "../../../test/chat";
import { api, signUp } from "../../../test/helpers";
import { chatRuntime } from "../../lib/llm/model";
import { openAICompatible } from "../../lib/llm/openai";
import { workersAi, type AiRunner } from "../../lib/llm/workers-ai";

afterEach(() => vi.restoreAllMocks());

/** A streamed completion whose only content is a call of `name`, its arguments cut in fragments. */
function toolCallStream(name: string, args: string, fragment = 9) {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += fragment) parts.push(args.slice(i, i + fragment));
  return [
    chunk({
      role: "assistant",
      content: null,
      tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name, arguments: "" } }],
    }),
    ...parts.map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
    chunk({}, "tool_calls"),
    "data: [DONE]\n\n",
  ].join("");
}

const sse = (text: string) =>
  new Response(chunkedBody(text, [13]), { headers: { "Content-Type": "text/event-stream" } });

async function setUp(name: string, respond: (body: any, n: number) => Response) {
  const bodies: any[] = [];
  const server = fakeServer(async (req) => {
    const body = await req.json();
    bodies.push(body);
    return respond(body, bodies.length);
  });
  vi.spyOn(chatRuntime, "model").mockReturnValue(
    openAICompatible({ baseUrl: "https://llm.test/v1", model: "test-model", fetch: server.fetch }),
  );
  const me = await signUp(name);
  await giveConsent(me.accessToken, "external-model");
  const project = await newProject(me.accessToken, "Sprout");
  const conv = await newConversation(me.accessToken, project.id);
  const brief = async () =>
    (await (await api(`/projects/${project.id}/brief`, { token: me.accessToken })).json()) as any;
  const facts = async () =>
    Object.fromEntries((await brief()).stages.flatMap((s: any) => s.facts.map((f: any) => [f.id, f.value])));
  return { me, conv, bodies, brief, facts };
}

describe("a model that understands the turn", () => {
  it("records the facts it proposes, under any stage, and the user reads its reply", async () => {
    const args = JSON.stringify({
      facts: [
        { id: "problem", value: "People forget to water their plants" },
        { id: "pricing", value: "$3.99 a month" },
      ],
      reply: "Noted the problem and the price. What are the main goals?",
    });
    const t = await setUp("structured-user", () => sse(toolCallStream("record_turn", args)));
    const { frames, reply } = await say(
      t.me.accessToken,
      t.conv.id,
      "Plants die because people forget them; $3.99 a month",
    );
    expect(reply).toBe("Noted the problem and the price. What are the main goals?");
    expect(frames.filter((f) => f.event === "token").length).toBeGreaterThan(1);
    const facts = await t.facts();
    expect(facts.problem).toBe("People forget to water their plants");
    expect(facts.pricing).toBe("$3.99 a month");

    const sent = t.bodies[0];
    expect(sent).toMatchObject({ model: "test-model", stream: true });
    expect(sent.tools[0]).toMatchObject({ type: "function", function: { name: "record_turn" } });
    expect(sent.tool_choice).toEqual({ type: "function", function: { name: "record_turn" } });
    expect(sent.messages[0].role).toBe("system");
    expect(sent.messages[0].content).toContain("- productName: Sprout");
    expect(sent.messages[0].content).toContain("- problem: What problem does it solve");
    expect(sent.messages.at(-1)).toEqual({
      role: "user",
      content: "Plants die because people forget them; $3.99 a month",
    });
  });

  it("checks every proposal: unknown facts, questions stored as facts and unknown artifacts change nothing", async () => {
    const args = JSON.stringify({
      facts: [
        { id: "problem", value: "Plants die" },
        { id: "favouriteColour", value: "green" },
        { id: "goals", value: "what should my goals be?" },
      ],
      generate: "business-plan",
      move: "stage",
      stage: 9,
      reply: "I've generated your business plan!",
    });
    const t = await setUp("structured-checked", () => sse(toolCallStream("record_turn", args)));
    const { frames, reply } = await say(t.me.accessToken, t.conv.id, "Plants die. What should my goals be?");
    const facts = await t.facts();
    expect(facts.problem).toBe("Plants die");
    expect(facts.goals).toBeUndefined();
    expect(frames.some((f) => f.event === "generation")).toBe(false);
    expect((await t.brief()).currentStage.number).toBe(1);
    // The claim in its words is the model's; nothing was generated, and no error.
    expect(reply).toContain("business plan");
    expect(frames.some((f) => f.event === "error")).toBe(false);
  });

  it("honours a generation request: the code starts it and says what happened", async () => {
    const args = JSON.stringify({
      facts: [
        { id: "audience", value: "Renters aged 22–35" },
        { id: "userGoals", value: "Keep plants alive" },
        { id: "painPoints", value: "Generic advice" },
        { id: "behaviours", value: "Google it" },
      ],
      generate: "personas",
      reply: "On it.",
    });
    const t = await setUp("structured-generate", () => sse(toolCallStream("record_turn", args)));
    const { frames, reply } = await say(
      t.me.accessToken,
      t.conv.id,
      "Renters 22–35 who want to keep plants alive, hate generic advice and google it. Could you generate the personas now?",
    );
    const news = frames.find((f) => f.event === "generation");
    expect(news?.data).toMatchObject({ artifactType: "personas" });
    expect(reply).toMatch(/^On it\.\n\n/);
    expect(reply).toMatch(/User personas/);
  });

  it("falls back to offline understanding when the structured answer is malformed or missing", async () => {
    const answers = [
      sse(toolCallStream("record_turn", '{"facts": [{"id": "problem", "val')),
      sse(
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "Sure! Tell me more." } }] })}\n\ndata: [DONE]\n\n`,
      ),
    ];
    const t = await setUp("structured-fallback", (_b, n) => answers[n - 1] ?? answers[1]!);
    const first = await say(
      t.me.accessToken,
      t.conv.id,
      "The problem is that people forget to water plants.",
    );
    expect(first.frames.some((f) => f.event === "error")).toBe(false);
    expect(first.reply).toContain("What are the main goals");
    expect((await t.facts()).problem).toBe("people forget to water plants.");
    const second = await say(t.me.accessToken, t.conv.id, "Zero dead plants");
    expect(second.reply).toContain("How will you measure success?");
    expect((await t.facts()).goals).toBe("Zero dead plants");
  });
});

describe("Workers AI function calling", () => {
  it("reads the traditional {response, tool_calls: [{name, arguments}]} answer", async () => {
    const runs: any[] = [];
    const ai: AiRunner = {
      run: async (model, inputs) => {
        runs.push({ model, inputs });
        return {
          response: null,
          tool_calls: [
            {
              name: "record_turn",
              arguments: {
                facts: [{ id: "audience", value: "Renters aged 22–35" }],
                reply: "Renters it is. What are they trying to achieve?",
              },
            },
          ],
        };
      },
    };
    vi.spyOn(chatRuntime, "model").mockReturnValue(workersAi(ai, "@hf/nousresearch/hermes-2-pro-mistral-7b"));
    const me = await signUp("workers-ai-tools");
    await giveConsent(me.accessToken, "external-model");
    const project = await newProject(me.accessToken, "Sprout");
    const conv = await newConversation(me.accessToken, project.id);
    const { reply } = await say(me.accessToken, conv.id, "It's for renters aged 22–35");
    expect(reply).toBe("Renters it is. What are they trying to achieve?");
    expect(runs[0].inputs.tools[0]).toMatchObject({ name: "record_turn", parameters: { type: "object" } });
    expect(runs[0].inputs.stream).toBeUndefined();
    const brief = (await (
      await api(`/projects/${project.id}/brief`, { token: me.accessToken })
    ).json()) as any;
    expect(brief.stages[1].facts).toEqual([
      { id: "audience", label: "Target audience", value: "Renters aged 22–35" },
    ]);
  });
});
