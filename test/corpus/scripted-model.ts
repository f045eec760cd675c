/**
 * A scripted model for the corpus: an OpenAI-compatible server (a fetch stand-in) that answers each
 * turn the way a model that understood it would, with a streamed `record_turn` tool call. What it
 * proposes comes from the corpus' expected brief: each clause of the message that contains an
 * expected phrase is proposed under that fact (without an item the same message takes back), a
 * phrase the brief must not hold is retracted when the message takes it back, a generation request
 * is passed on, a question gets an answer with suggestions (from the knowledge base, as a model
 * would give its own) and "use those" records them. Every `malformedEvery`-th turn its arguments are
 * cut short, so the fallback to offline understanding is measured too.
 */
import { isProjectKind } from "../../src/lib/knowledge";
import { answerQuestion } from "../../src/features/pipeline/answer";
import type { FactId } from "../../src/features/pipeline/catalogue";
import { splitClauses } from "../../src/features/pipeline/clauses";
import { initialState, splitItems } from "../../src/features/pipeline/state";
import type { CorpusConversation } from "./guide";

const has = (text: string, phrase: string) => text.toLowerCase().includes(phrase.toLowerCase());
const TAKE_BACK = /\b(?:forget|drop|scratch|remove|not)\b/i;

/** The value with what the message takes back left out ("X, Y and Z — drop that" → "X, Y"). */
function without(value: string, phrases: string[]): string {
  let v = value.replace(/^(?:no wait,?\s*|actually,?\s*)?(?:it'?s\s+)?/i, "");
  for (const p of phrases) {
    v = v.replace(new RegExp(`,?\\s*(?:not|instead of)\\s+[^,.]*${p}[^,.]*`, "i"), "");
    if (has(v, p))
      v = splitItems(v)
        .filter((item) => !has(item, p))
        .join(", ");
  }
  return v.trim();
}

export function scriptedServer(conv: CorpusConversation, malformedEvery = 0) {
  let turn = 0;
  let suggested: { fact: FactId; items: string[] } | undefined;
  /** Facts proposed so far: a later clause that merely mentions a fact's phrase is not it again. */
  const proposed = new Set<FactId>();
  const kind = isProjectKind(conv.kinds[0]) ? conv.kinds[0] : undefined;

  /** The arguments a model that understood turn `index` would send. */
  function argumentsFor(index: number): Record<string, unknown> {
    const t = conv.turns[index]!;
    if (t.question) {
      const answer = answerQuestion(t.say, { ...initialState(conv.project, 0), ...(kind ? { kind } : {}) });
      suggested = answer.suggestion;
      return { reply: answer.text };
    }
    if (/^use those\b/i.test(t.say) && suggested) {
      const facts = [{ id: suggested.fact, value: suggested.items.join(", ") }];
      suggested = undefined;
      return { facts, reply: "Recorded those." };
    }
    const facts: { id: FactId; value: string; replace?: boolean }[] = [];
    const retract: { id: FactId; value: string }[] = [];
    const takesBack = TAKE_BACK.test(t.say);
    const correcting = takesBack || /\b(?:no wait|actually|i meant)\b/i.test(t.say);
    const expected = Object.entries(conv.expected) as [FactId, { has: string[]; not?: string[] }][];
    // Each clause is about one fact: the one whose phrase it contains (the longest, when several).
    for (const clause of splitClauses(t.say).map((c) => c.text.replace(/\?$/, ""))) {
      const match = expected
        .flatMap(([id, want]) =>
          want.has.filter((p) => has(clause, p)).map((p) => ({ id, length: p.length })),
        )
        .filter((m) => correcting || !proposed.has(m.id) || facts.some((f) => f.id === m.id))
        .sort((a, b) => b.length - a.length)[0];
      if (!match) continue;
      const gone = takesBack ? (conv.expected[match.id]!.not ?? []).filter((p) => has(t.say, p)) : [];
      facts.push({ id: match.id, value: without(clause, gone), ...(gone.length ? { replace: true } : {}) });
    }
    for (const f of facts) proposed.add(f.id);
    // Taken back from what an earlier message said.
    if (takesBack)
      for (const [id, want] of expected)
        for (const p of want.not ?? [])
          if (has(t.say, p) && !facts.some((f) => f.id === id)) retract.push({ id, value: p });
    return {
      facts: facts.filter((f) => f.value),
      ...(retract.length ? { retract } : {}),
      ...(t.generate ? { generate: t.generate } : {}),
      reply: "Noted. What's next on your mind?",
    };
  }

  const fetch = (async () => {
    const index = turn++;
    let args = JSON.stringify(argumentsFor(index));
    if (malformedEvery && (index + 1) % malformedEvery === 0)
      args = args.slice(0, Math.floor(args.length / 2));
    return new Response(toolCallStream(args), { headers: { "Content-Type": "text/event-stream" } });
  }) as typeof globalThis.fetch;
  return { fetch };
}

function toolCallStream(args: string) {
  const chunk = (delta: Record<string, unknown>) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
  const parts = args.match(/[\s\S]{1,24}/g) ?? [];
  return [
    chunk({
      role: "assistant",
      tool_calls: [
        { index: 0, id: "call_0", type: "function", function: { name: "record_turn", arguments: "" } },
      ],
    }),
    ...parts.map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
    "data: [DONE]\n\n",
  ].join("");
}
