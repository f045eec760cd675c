/**
 * Free questions answered offline, with substance, from the built-in knowledge base
 * (src/lib/knowledge) and the project's kind: "what should my metrics be?", "how should I price
 * it?", "what screens do I need?", "what do I show investors first?". Where the answer is a list
 * the brief could hold, it is offered as a suggestion the user can accept with "use those"; nothing
 * is recorded until then.
 */
import { generalAnswer, kindKnowledge, type KindKnowledge } from "../../lib/knowledge";
import { ARTIFACTS, type ArtifactType, FACTS, type FactId, isArtifactType } from "./catalogue";
import { questionFor } from "./kinds";
import type { PipelineState } from "./state";

export interface Answer {
  topic: string;
  text: string;
  /** Items the user may accept as the value of a fact. */
  suggestion?: { fact: FactId; items: string[] };
}

interface Topic {
  id: string;
  match: RegExp;
  answer: (k: KindKnowledge, question: string) => Answer;
}

const named = (xs: readonly { name: string; why: string }[]) => xs.map((x) => `- ${x.name}: ${x.why}`);
const title = (t: string) => (isArtifactType(t) ? ARTIFACTS[t as ArtifactType].title : t);
const accept = (fact: FactId) =>
  `These are suggestions, not recorded. Say “use those” to record them as your ${FACTS[fact].label.toLowerCase()}, or tell me your own.`;

const suggest = (
  topic: string,
  fact: FactId,
  intro: string,
  lines: string[],
  items: string[],
  after = "",
): Answer => ({
  topic,
  text: `${intro}\n${lines.join("\n")}${after ? `\n${after}` : ""}\n${accept(fact)}`,
  suggestion: { fact, items },
});

/** Checked in order: the first that matches answers. */
const TOPICS: readonly Topic[] = [
  {
    id: "artifacts-first",
    match:
      /\b(?:investors?|pitch|vcs?|angels?|funding|raise)\b|\b(?:developers?|devs|engineers?|agency|freelancer|builder|dev team)\b.*\b(?:first|show|give|hand|need)\b|\b(?:show|give|hand|send)\b.*\b(?:developers?|devs|engineers?|agency)\b/i,
    answer: (k, question) => {
      const dev = /\b(?:developers?|devs|engineers?|agency|builder|dev team)\b/i.test(question);
      const list = dev ? k.artifactsFirst.developers : k.artifactsFirst.investors;
      return {
        topic: "artifacts-first",
        text: `For a ${k.label}, I'd show ${dev ? "a developer" : "investors"} these first, in this order:\n${list
          .map((t, i) => `${i + 1}. ${title(t)}`)
          .join(
            "\n",
          )}\n${k.artifactsFirst.why} Say “generate ${isArtifactType(list[0]!) ? ARTIFACTS[list[0] as ArtifactType].aliases[0] : list[0]}” to start with the first.`,
      };
    },
  },
  {
    id: "metrics",
    match:
      /\b(?:metrics?|kpis?|measure|measuring|track|north star|success look|how (?:do|will|would) i know)\b/i,
    answer: (k) =>
      suggest(
        "metrics",
        "successMetrics",
        `Suggested metrics for a ${k.label} (suggestions), most important first:`,
        named(k.metrics.slice(0, 4)),
        k.metrics.slice(0, 3).map((m) => m.name),
        "Pick one as the north star and give each a target and a date.",
      ),
  },
  {
    id: "pricing",
    match:
      /\b(?:pric\w*|charge|how much (?:should|do|can|would)|monetis\w*|monetiz\w*|make money|revenue|business model|subscription price)\b/i,
    answer: (k) =>
      suggest(
        "pricing",
        "pricing",
        `Pricing patterns that work for a ${k.label} (suggestions):`,
        k.pricingPatterns.map((p) => `- ${p.name}: ${p.detail}`),
        [
          k.pricingPatterns
            .slice(0, 2)
            .map((p) => p.name)
            .join(" plus "),
        ],
        "Anchor on what customers pay for today's alternative, and test a higher price than feels comfortable.",
      ),
  },
  {
    id: "competitors",
    match: /\b(?:competitors?|competition|compete|alternatives?|who else|rivals?)\b/i,
    answer: (k) =>
      suggest(
        "competitors",
        "competitors",
        `Where a ${k.label}'s competition usually comes from (suggested categories to fill in with names):`,
        named(k.competitorCategories),
        k.competitorCategories.map((c) => c.name),
        "Compare them on the jobs your audience cares about, not on feature counts.",
      ),
  },
  {
    id: "pain-points",
    match:
      /\b(?:pain ?points?|pains|frustrat\w*|struggle|problems? (?:do|would|might|will) (?:they|people|users|customers))\b/i,
    answer: (k) =>
      suggest(
        "pain-points",
        "painPoints",
        `Typical pains for a ${k.label}'s customers (suggestions to check in interviews):`,
        k.painPoints.map((p) => `- ${p}`),
        k.painPoints.slice(0, 3),
      ),
  },
  {
    id: "screens",
    match: /\b(?:screens?|pages?|views|sitemap|what (?:do|should) i (?:need to )?(?:build|design))\b/i,
    answer: (k) =>
      suggest(
        "screens",
        "pages",
        `The ${k.software ? "screens" : "pages"} a first version of a ${k.label} usually needs (suggestions):`,
        k.screens.map((x) => `- ${x}`),
        [...k.screens],
      ),
  },
  {
    id: "features",
    match: /\b(?:features?|mvp|first version|v1|what should it (?:do|have|include)|scope)\b/i,
    answer: (k) =>
      suggest(
        "features",
        "keyFeatures",
        `What a first version of a ${k.label} usually includes (suggestions):`,
        k.features.map((x) => `- ${x}`),
        [...k.features],
        "Keep the first version to the shortest path to the first win; write the rest down as non-goals.",
      ),
  },
  {
    id: "channels",
    match:
      /\b(?:channels?|marketing|promote|advertis\w*|reach (?:them|people|customers|users|readers)|get (?:my first |the first |more )?(?:users|customers|readers|subscribers|clients|buyers)|grow(?:th)?|launch)\b/i,
    answer: (k) =>
      suggest(
        "channels",
        "channels",
        `Channels that usually reach a ${k.label}'s customers (suggestions):`,
        k.channels.map((x) => `- ${x}`),
        k.channels.slice(0, 3),
        `A launch in phases: ${k.launchPhases.map((p) => `${p.name} (${p.weeks}): ${p.focus}`).join("; ")}.`,
      ),
  },
  {
    id: "costs",
    match: /\b(?:costs?|expenses|spend|budget for)\b/i,
    answer: (k) =>
      suggest(
        "costs",
        "costs",
        `Costs to plan for in a ${k.label} (suggestions):`,
        k.costs.map((x) => `- ${x}`),
        [...k.costs],
      ),
  },
  {
    id: "voice",
    match: /\b(?:voice|tone|sound like|how should (?:it|we|the brand) (?:sound|talk|write))\b/i,
    answer: (k) => ({
      topic: "voice",
      text: `A voice that suits a ${k.label} (a suggestion): ${k.brand.voice}\nExamples:\n${k.brand.voiceExamples
        .map((v) => `- ${v.situation}: “${v.line}”`)
        .join("\n")}\n${accept("voice")}`,
      suggestion: { fact: "voice", items: [k.brand.voice] },
    }),
  },
  {
    id: "values",
    match: /\b(?:values?|brand|personality|adjectives)\b/i,
    answer: (k) =>
      suggest(
        "values",
        "coreValues",
        `Values that often fit a ${k.label} (suggestions), each with what it rules in:`,
        named(k.brand.values),
        k.brand.values.map((v) => v.name),
        `A personality to match: ${k.brand.personality.join(", ")}.`,
      ),
  },
  {
    id: "visuals",
    match: /\b(?:colou?rs?|palette|logo|fonts?|typography|look)\b/i,
    answer: (k) => ({
      topic: "visuals",
      text: `A starting palette for a ${k.label} (a suggestion): ${k.brand.palette
        .map((p) => `${p.name} ${p.hex} (${p.role})`)
        .join(
          ", ",
        )}. Check body text against its background reaches a contrast of 4.5:1.\n${accept("visualIdentity")}`,
      suggestion: {
        fact: "visualIdentity",
        items: [k.brand.palette.map((p) => `${p.name} ${p.hex}`).join(", ")],
      },
    }),
  },
  {
    id: "personas",
    match: /\b(?:personas?|audience|who (?:should|is|are) (?:it|my|our|the)|target)\b/i,
    answer: (k) => ({
      topic: "personas",
      text: `Persona archetypes common for a ${k.label} (suggestions to validate):\n${k.personaArchetypes
        .map((p) => `- ${p.name}: ${p.situation}; wants to ${p.goal}; frustrated by ${p.frustration}`)
        .join("\n")}\nTell me which is closest to your audience, in your own words.`,
    }),
  },
  {
    id: "journey",
    match: /\b(?:journey|funnel|onboarding)\b/i,
    answer: (k) => ({
      topic: "journey",
      text: `A ${k.label}'s journey usually runs: ${k.journeyStages.join(" → ")}. For each stage note what people do, feel, where it hurts, and your opportunity.`,
    }),
  },
];

/** The topic of a question, without answering it (for the bench and the model's context). */
export const questionTopic = (question: string): string | undefined =>
  TOPICS.find((t) => t.match.test(question))?.id ?? generalAnswer(question)?.id;

/** Answers a free question; never empty. */
export function answerQuestion(question: string, s: PipelineState): Answer {
  const k = kindKnowledge(s.kind ?? "software");
  // "What do you mean?", "why?", "an example?": about the open question itself.
  const asked = s.pending[0];
  if (
    asked &&
    /^(?:what do you mean|what does that mean|meaning|why|examples?|give me an example|for example|e ?g|explain|can you explain|i don'?t understand|huh|like what)\b/i.test(
      question.trim(),
    )
  ) {
    return {
      topic: "explain",
      text: `By ${FACTS[asked].label.toLowerCase()} I mean: ${questionFor(s.kind, asked)} For example: ${FACTS[asked].example} If you don't know yet, say “skip”.`,
    };
  }
  const topic = TOPICS.find((t) => t.match.test(question));
  if (topic) return topic.answer(k, question);
  const general = generalAnswer(question);
  if (general) return { topic: general.id, text: general.answer };
  // Nothing specific: still useful, about the project's kind and the question open now.
  const hint = asked
    ? ` For your ${FACTS[asked].label.toLowerCase()}, an example answer would be ${FACTS[asked].example}`
    : "";
  return {
    topic: "fallback",
    text: `I don't have a ready answer to that offline. What I can help with for a ${k.label}: metrics, pricing, competitors, pains, screens, channels, brand values and voice, and which artifacts to show investors or developers first — ask about any of them.${hint}`,
  };
}
