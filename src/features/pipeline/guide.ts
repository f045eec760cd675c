/**
 * The guide's dialogue manager: given the pipeline state and one user message, decide what happens
 * this turn (record answers, skip, go back, jump, offer or request generation) and what to ask
 * next. It returns the new state and a TurnPlan; a language model (or the offline renderer) only
 * puts the plan into words. Deterministic and free of I/O, so every path is unit-tested.
 *
 * Styles: step-by-step asks one question at a time in stage order and offers each stage's artifacts
 * when the stage is settled; proactive does the same and always suggests next steps; menu lets the
 * user pick one artifact and asks only what it needs, then shows the menu again; questions-first
 * asks two at a time and holds every offer until the interview is over.
 */
import {
  AGENTS,
  ARTIFACTS,
  STAGE_NUMBERS,
  stageArtifacts,
  stageFacts,
  stageSpec,
  type AgentId,
  type ArtifactType,
  type FactId,
  type StageNumber,
} from "./catalogue";
import { extractFacts } from "./extract";
import { parseIntent, type Intent } from "./intents";
import { MAX_QUERY_CHARS, stageQuery } from "./research";
import {
  askable,
  cloneState,
  enterStage,
  readiness,
  recordFact,
  revisitStage,
  skipFacts,
  stageSettled,
  type PipelineState,
  type Style,
} from "./state";

export interface TurnPlan {
  agent: AgentId;
  intent: Intent["kind"];
  /** The first turn of the project. */
  welcome: boolean;
  /** The conversation's agent changed since its last reply. */
  handoff: boolean;
  recorded: { id: FactId; value: string }[];
  skipped: FactId[];
  stageChange?: { from: StageNumber; to: StageNumber; why: "complete" | "skipped" | "back" | "jump" };
  completedStages: StageNumber[];
  /** The questions of this reply (zero to two), also left pending in the state. */
  ask: FactId[];
  revisiting?: FactId;
  explain?: FactId;
  /** A stage revisited whose facts are all known: show them for editing. */
  review?: StageNumber;
  focus: ArtifactType | null;
  offer: ArtifactType[];
  /** The user asked for an artifact that can be generated: the caller runs the generation hook. */
  generate?: { type: ArtifactType; missing: FactId[] };
  /** The user asked for an artifact that still needs answers. */
  blocked?: { type: ArtifactType; missing: FactId[] };
  /** Research to run this turn: asked for by the user, or because a research stage began (`auto`). */
  research?: { query: string; auto: boolean };
  menu: boolean;
  status: boolean;
  help: boolean;
  style?: Style;
  /** An answer arrived with no question open and no "label: value" in it. */
  unclear: boolean;
  /** Every stage is settled. */
  finished: boolean;
  suggestions: string[];
}

export interface TurnContext {
  agent: AgentId;
  agentChanged: boolean;
  now: number;
}

const questionsPerTurn = (style: Style) => (style === "step-by-step" || style === "proactive" ? 1 : 2);

function ask(s: PipelineState, plan: TurnPlan, facts: FactId[]) {
  s.pending = facts.slice(0, questionsPerTurn(s.style));
  plan.ask = [...s.pending];
}

function offer(s: PipelineState, plan: TurnPlan, types: ArtifactType[]) {
  for (const t of types) {
    const r = readiness(s, t);
    if ((r.ready || r.askedAll) && !s.offered.includes(t) && plan.generate?.type !== t) {
      s.offered.push(t);
      plan.offer.push(t);
    }
  }
}

/** The first unsettled stage after `from`, wrapping round to earlier ones a jump left behind. */
function nextUnsettled(s: PipelineState, from: StageNumber): StageNumber | undefined {
  const order = [...STAGE_NUMBERS.filter((n) => n > from), ...STAGE_NUMBERS.filter((n) => n < from)];
  return order.find((n) => !stageSettled(s, n));
}

/** Decides the next questions: the open ones, else the focused artifact's, else the stage's. */
export function advance(s: PipelineState, plan: TurnPlan) {
  if (s.pending.length) return void (plan.ask = [...s.pending]);
  if (s.focus) {
    const missing = askable(s, ARTIFACTS[s.focus].needs);
    if (missing.length) return ask(s, plan, missing);
    offer(s, plan, [s.focus]);
    s.focus = null;
    if (s.style === "menu") {
      plan.menu = true;
      s.menuOpen = true;
      return;
    }
  }
  for (;;) {
    const missing = askable(s, stageFacts(s.stage));
    if (missing.length) return ask(s, plan, missing);
    const done = s.stage;
    if (!plan.completedStages.includes(done)) plan.completedStages.push(done);
    if (s.style !== "questions-first") offer(s, plan, stageArtifacts(done));
    const next = nextUnsettled(s, done);
    if (!next) {
      plan.finished = true;
      return offer(s, plan, STAGE_NUMBERS.flatMap(stageArtifacts));
    }
    plan.stageChange = {
      from: plan.stageChange?.from ?? done,
      to: next,
      why: plan.stageChange?.why ?? "complete",
    };
    enterStage(s, next);
  }
}

function goTo(s: PipelineState, plan: TurnPlan, to: StageNumber, why: "back" | "jump") {
  plan.stageChange = { from: s.stage, to, why };
  revisitStage(s, to);
  const missing = askable(s, stageFacts(to));
  if (missing.length) ask(s, plan, missing);
  else plan.review = to;
}

/** A research stage that begins (not one gone back to) is researched once per project. */
function researchNewStage(s: PipelineState, plan: TurnPlan) {
  const change = plan.stageChange;
  if (
    plan.research ||
    !change ||
    change.why === "back" ||
    !stageSpec(change.to).research ||
    s.researched?.includes(change.to)
  )
    return;
  s.researched = [...(s.researched ?? []), change.to];
  plan.research = { query: stageQuery(s, change.to), auto: true };
}

function suggest(s: PipelineState, plan: TurnPlan): string[] {
  const out: string[] = [];
  for (const t of plan.offer.slice(0, 2)) out.push(`generate ${ARTIFACTS[t].aliases[0]}`);
  const agentStages = AGENTS[plan.agent].stages;
  const proactive = s.style === "proactive" || plan.finished || plan.stageChange?.why === "complete";
  if ((plan.welcome || plan.handoff || proactive) && !agentStages.includes(s.stage) && !plan.finished)
    out.push(`stage ${agentStages.find((n) => !stageSettled(s, n)) ?? agentStages[0]}`);
  if (proactive) {
    if (plan.ask.length) out.push("skip");
    if (s.stage > 1) out.push("back");
    out.push("status", "menu");
  }
  return [...new Set(out)].slice(0, 4);
}

export function emptyPlan(agent: AgentId, intent: Intent["kind"] = "resume"): TurnPlan {
  return {
    agent,
    intent,
    welcome: false,
    handoff: false,
    recorded: [],
    skipped: [],
    completedStages: [],
    ask: [],
    focus: null,
    offer: [],
    menu: false,
    status: false,
    help: false,
    unclear: false,
    finished: false,
    suggestions: [],
  };
}

/** One turn of the guide: the state after the user's message and the plan of the reply. */
export function planTurn(
  prev: PipelineState,
  text: string,
  ctx: TurnContext,
): { state: PipelineState; plan: TurnPlan } {
  const s = cloneState(prev);
  const intent = parseIntent(text, s);
  const plan = emptyPlan(ctx.agent, intent.kind);
  plan.welcome = prev.turns === 0;
  plan.handoff = ctx.agentChanged && !plan.welcome;
  s.turns += 1;
  s.updatedAt = ctx.now;
  s.menuOpen = false;
  let settle = true;

  switch (intent.kind) {
    case "answer": {
      for (const { id, value } of extractFacts(text, s.pending)) {
        recordFact(s, id, value, ctx.now);
        plan.recorded.push({ id, value: s.facts[id]!.value });
      }
      plan.unclear = plan.recorded.length === 0 && !plan.welcome;
      break;
    }
    case "skip":
      plan.skipped = [...s.pending];
      skipFacts(s, s.pending);
      break;
    case "skip-stage": {
      const from = s.stage;
      plan.skipped = askable(s, stageFacts(from));
      skipFacts(s, plan.skipped);
      if (plan.skipped.length && !s.skippedStages.includes(from)) s.skippedStages.push(from);
      s.pending = [];
      s.focus = null;
      const to = nextUnsettled(s, from);
      if (to) {
        plan.stageChange = { from, to, why: "skipped" };
        enterStage(s, to);
      }
      break;
    }
    case "back":
      goTo(s, plan, Math.max(1, s.stage - 1) as StageNumber, "back");
      settle = false;
      break;
    case "stage":
      goTo(s, plan, intent.stage, intent.stage < s.stage ? "back" : "jump");
      settle = false;
      break;
    case "focus":
      s.focus = intent.artifact;
      s.pending = [];
      break;
    case "generate": {
      const r = readiness(s, intent.artifact);
      if (r.ready || r.askedAll || intent.force) {
        plan.generate = { type: intent.artifact, missing: r.missing };
        s.requested.push({ type: intent.artifact, at: ctx.now, status: "requested" });
        if (!s.offered.includes(intent.artifact)) s.offered.push(intent.artifact);
      } else {
        plan.blocked = { type: intent.artifact, missing: r.missing };
        s.focus = intent.artifact;
        s.pending = [];
      }
      break;
    }
    case "revisit":
      s.pending = [intent.fact];
      plan.revisiting = intent.fact;
      plan.ask = [intent.fact];
      settle = false;
      break;
    case "style":
      s.style = intent.style;
      plan.style = intent.style;
      if (intent.style === "menu") {
        plan.menu = true;
        s.menuOpen = true;
        plan.ask = [...s.pending];
        settle = false;
      } else {
        // Re-ask in the new rhythm (one or two at a time).
        s.pending = [];
      }
      break;
    case "menu":
      s.style = "menu";
      plan.menu = true;
      s.menuOpen = true;
      plan.ask = [...s.pending];
      settle = false;
      break;
    case "status":
      plan.status = true;
      break;
    case "resume":
      break;
    case "explain":
      plan.explain = s.pending[0];
      plan.ask = [...s.pending];
      settle = false;
      break;
    case "help":
      plan.help = true;
      plan.ask = [...s.pending];
      settle = false;
      break;
    case "research":
      plan.research = {
        query: intent.topic.slice(0, MAX_QUERY_CHARS) || stageQuery(s, s.stage),
        auto: false,
      };
      break;
  }

  if (settle && !plan.unclear) advance(s, plan);
  researchNewStage(s, plan);
  if (plan.unclear) plan.ask = [...s.pending];
  plan.focus = s.focus;
  plan.suggestions = suggest(s, plan);
  return { state: s, plan };
}
