/**
 * The offline guide's words: a TurnPlan rendered as a reply, deterministically. Used as the reply
 * when no language model is configured, and given to a configured model as the reference answer it
 * rephrases, so both say the same things.
 */
import {
  AGENTS,
  ARTIFACT_TYPES,
  ARTIFACTS,
  FACTS,
  STAGES,
  stageFacts,
  stageSpec,
  type FactId,
} from "./catalogue";
import { kindKnowledge } from "../../lib/knowledge";
import type { GenerationOutcome } from "./generation";
import { kindStageFacts, questionFor } from "./kinds";
import type { ResearchOutcome } from "./research";
import type { TurnPlan } from "./guide";
import { isKnown, readiness, type PipelineState } from "./state";

const ACKS = ["Got it", "Thanks", "Noted", "Great"];
const short = (v: string, n = 80) => (v.length > n ? `${v.slice(0, n - 1).trimEnd()}…` : v);
const quote = (v: string) => `“${short(v.replace(/\s+/g, " ").replace(/[.!]+$/, ""))}”`;
const label = (id: FactId) => FACTS[id].label.toLowerCase();
// Labels contain "and" ("Pricing and revenue"), so three or more take an Oxford comma.
const list = (xs: string[]) =>
  xs.length <= 2 ? xs.join(" and ") : `${xs.slice(0, -1).join(", ")}, and ${xs[xs.length - 1]}`;

function questions(s: PipelineState, ids: FactId[]): string {
  if (ids.length === 1) return questionFor(s.kind, ids[0]!);
  return `Two questions:\n${ids.map((id, i) => `${i + 1}. ${questionFor(s.kind, id)}`).join("\n")}`;
}

function menu(s: PipelineState, plan: TurnPlan): string {
  const mine = new Set(AGENTS[plan.agent].stages);
  const rows = ARTIFACT_TYPES.map((t, i) => {
    const r = readiness(s, t);
    const mark = r.ready ? "ready" : `needs ${r.missing.length} more`;
    return `${i + 1}. ${ARTIFACTS[t].title} (stage ${ARTIFACTS[t].stage}, ${mark})${mine.has(ARTIFACTS[t].stage) ? " *" : ""}`;
  });
  return `Here is what we can make. Pick a number or a name; * marks my specialty.\n${rows.join("\n")}`;
}

function status(s: PipelineState): string {
  const lines = STAGES.map(({ number, name }) => {
    const facts = kindStageFacts(s.kind, number);
    const known = facts.filter((f) => isKnown(s, f)).length;
    return `${number === s.stage ? "→" : " "} ${number}. ${name}: ${known}/${facts.length} answered`;
  });
  const ready = ARTIFACT_TYPES.filter((t) => readiness(s, t).ready).map((t) => ARTIFACTS[t].title);
  return `Where we are:\n${lines.join("\n")}${ready.length ? `\nReady to generate: ${list(ready)}.` : ""}`;
}

const HELP =
  "You can answer in your own words, or say: “skip” (this question), “skip stage”, “back”, “stage 3”, " +
  "“change <fact>” (e.g. “change success metrics”), “menu”, “generate prd”, “research <topic>”, “status”, “continue”, " +
  "or pick a style: “step by step”, “questions first”, “be proactive”, “menu mode”. " +
  "You can also state facts directly, one per line, like “Metrics: 1,000 users”.";

export interface RenderContext {
  state: PipelineState;
  /** The generation hook's answer when the plan asked for generation. */
  generation?: GenerationOutcome;
  /** The research hook's answer when the plan asked for research. */
  research?: ResearchOutcome;
}

/** What became of the artifact the user asked for: started, unavailable, or still missing facts. */
export function generationNews(plan: TurnPlan, generation: GenerationOutcome | undefined): string[] {
  const out: string[] = [];
  if (plan.generate) {
    const title = ARTIFACTS[plan.generate.type].title;
    const gaps = plan.generate.missing.length
      ? ` It will list ${list(plan.generate.missing.map(label))} as open questions.`
      : "";
    out.push(
      !generation || generation.status === "unavailable"
        ? `I can't generate the ${title} here yet: ${generation?.detail ?? "artifact generation is not available in this workspace"}. Everything it needs is recorded in the brief, so nothing is lost.${gaps}`
        : `I've started the ${title}; I'll post here when it is ready.${gaps}`,
    );
  }
  if (plan.blocked) {
    const title = ARTIFACTS[plan.blocked.type].title;
    out.push(
      `The ${title} still needs your ${list(plan.blocked.missing.map(label))}. Let's fill those in, or say “generate ${ARTIFACTS[plan.blocked.type].aliases[0]} anyway” to get it with open questions.`,
    );
  }
  return out;
}

/** What became of the research this turn asked for. */
export function researchNews(query: string, auto: boolean, outcome: ResearchOutcome | undefined): string {
  if (!outcome || outcome.status === "unavailable")
    return `I couldn't start research on ${quote(query)}: ${outcome?.detail ?? "research is not available in this workspace"}. I'll work from what you tell me.`;
  const where = outcome.local ? "in the built-in UX knowledge base and your own artifacts" : "on the web";
  return auto
    ? `To ground this stage, I'm researching ${quote(query)} ${where}; I'll post what I find here, and this stage's artifacts will cite it.`
    : `I'm researching ${quote(query)} ${where}; I'll post what I find here.`;
}

export function renderReply(plan: TurnPlan, { state: s, generation, research }: RenderContext): string {
  const out: string[] = [];
  const agent = AGENTS[plan.agent];
  if (plan.welcome) {
    out.push(
      `Hi! I'm the ${agent.name}. ${agent.persona} Together we'll walk through five stages: ${STAGES.map((x) => `${x.number}) ${x.name}`).join("; ")}. I'll ask one or two questions at a time and you can say “help” whenever you like.`,
    );
    const name = s.facts.productName;
    if (name?.source === "project")
      out.push(
        `I'll call the product ${quote(name.value)}, after the project; say “change name” to rename it.`,
      );
  } else if (plan.handoff) {
    out.push(`${agent.name} here: I've read everything gathered so far. ${agent.persona}`);
  }

  if (plan.kind) {
    const k = kindKnowledge(plan.kind.kind);
    out.push(
      plan.kind.inferred
        ? `I'll treat this as a ${k.label}${plan.kind.signals.length ? ` (you mentioned ${list(plan.kind.signals.map((x) => `“${x}”`))})` : ""}, so my questions and suggestions fit one; if it's something else, say so (e.g. “it's a newsletter”).`
        : `Understood: a ${k.label}. I'll ask what fits one${k.software ? "" : ", and leave out data models and system diagrams unless you ask for them"}.`,
    );
  }
  if (plan.undone.length)
    out.push(
      `Sorry about that: I've taken it back out of your ${list(plan.undone.map(label))}.${plan.undone.every((id) => s.facts[id]) ? " It holds what it held before." : ""}`,
    );
  if (plan.retracted.length)
    out.push(`Removed ${list(plan.retracted.map((r) => `${quote(r.value)} from your ${label(r.id)}`))}.`);
  if (plan.retractMissed)
    out.push(`I couldn't find ${quote(plan.retractMissed)} in the brief, so nothing was removed.`);
  if (plan.recorded.length) {
    const noted = plan.recorded.map(({ id }) => {
      const f = s.facts[id]!;
      return `${FACTS[id].label}: ${f.items && f.items.length > 1 ? f.items.map((i) => quote(i)).join(", ") : quote(f.value)}`;
    });
    const verb = plan.accepted
      ? "Recorded the suggestions"
      : plan.corrected.length
        ? "Corrected"
        : ACKS[s.turns % ACKS.length];
    out.push(`${verb}. ${noted.join(". ")}.`);
  }
  if (plan.nothingToAccept)
    out.push("There's nothing suggested to use yet: ask me for ideas (e.g. “what should my metrics be?”).");
  for (const a of plan.answers) out.push(a.text);
  if (plan.clarify) {
    const c = plan.clarify.candidates;
    out.push(
      c.length
        ? `I understood ${quote(plan.clarify.value)}, but I'm not sure where it belongs in the brief: is it your ${list(c.map(label)).replace(/ and ([^,]*)$/, " or $1")}? Say which (e.g. “that's the ${label(c[0]!)}”), or carry on.`
        : `I understood ${quote(plan.clarify.value)}, but I'm not sure which part of the brief it belongs to. Say which (e.g. “that's the audience”), or put a label in front, like “Goals: …”.`,
    );
  }
  if (plan.skipped.length && plan.stageChange?.why !== "skipped")
    out.push(
      `Skipping ${list(plan.skipped.map(label))} for now; it will show as an open question until we come back to it.`,
    );
  if (plan.unclear)
    out.push(
      "I didn't catch anything to record there. Answer in your own words, put a label in front (like “Goals: …”), or ask me anything.",
    );
  if (plan.style) out.push(`Switched to ${plan.style.replace(/-/g, " ")}.`);

  const change = plan.stageChange;
  if (change) {
    const to = stageSpec(change.to);
    if (change.why === "complete") {
      const settled = plan.completedStages.map((n) => `stage ${n}`);
      out.push(`That settles ${list(settled)}. On to stage ${to.number}, ${to.name}. ${to.intro}`);
    } else if (change.why === "skipped") {
      out.push(
        `Skipping the rest of stage ${change.from}; it stays in the brief as open questions. On to stage ${to.number}, ${to.name}. ${to.intro}`,
      );
    } else {
      out.push(`${change.why === "back" ? "Back to" : "Jumping to"} stage ${to.number}, ${to.name}.`);
    }
  } else if (plan.completedStages.length) {
    out.push(`That settles ${list(plan.completedStages.map((n) => `stage ${n}`))}.`);
  }

  if (plan.research) out.push(researchNews(plan.research.query, plan.research.auto, research));

  if (plan.review) {
    const facts = stageFacts(plan.review).map(
      (id) => `- ${FACTS[id].label}: ${short(s.facts[id]?.value ?? "(open)")}`,
    );
    out.push(
      `Everything in stage ${plan.review} is answered:\n${facts.join("\n")}\nSay “change <item>” to edit one, or “continue” to move on.`,
    );
  }
  if (plan.status) out.push(status(s));
  if (plan.help) out.push(HELP);
  if (plan.menu) out.push(menu(s, plan));

  out.push(...generationNews(plan, generation));
  if (!plan.blocked && plan.focus && plan.intent === "focus")
    out.push(`Let's work on the ${ARTIFACTS[plan.focus].title}.`);
  if (plan.offer.length) {
    const titles = plan.offer.map((t) => ARTIFACTS[t].title);
    out.push(
      `Ready to generate: ${list(titles)}. Say “generate ${ARTIFACTS[plan.offer[0]!].aliases[0]}” whenever you want it.`,
    );
  }

  if (plan.explain) {
    const f = FACTS[plan.explain];
    out.push(
      `By ${label(plan.explain)} I mean: ${questionFor(s.kind, plan.explain)} For example: ${f.example} If you don't know yet, say “skip”.`,
    );
  } else if (plan.revisiting) {
    const current = s.facts[plan.revisiting];
    out.push(
      `${current ? `Right now your ${label(plan.revisiting)} is ${quote(current.value)}. ` : ""}${questionFor(s.kind, plan.revisiting)}`,
    );
  } else if (plan.ask.length) {
    out.push(questions(s, plan.ask));
  }
  if (plan.finished && !plan.ask.length)
    out.push("That covers all five stages. Generate whatever you need, or say “stage N” to revisit one.");
  if (plan.suggestions.length)
    out.push(`You could say: ${plan.suggestions.map((x) => `“${x}”`).join(", ")}.`);
  // Never an empty reply: say where things stand.
  if (!out.length)
    out.push(
      plan.finished || !s.pending.length
        ? "We've covered the stages. Ask me anything, generate an artifact (“menu” lists them), or say “stage N” to revisit one."
        : questions(s, s.pending),
    );
  return out.join("\n\n");
}
