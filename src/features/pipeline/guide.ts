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
import { inferKind, type ProjectKind } from "../../lib/knowledge";
import { type Answer, answerQuestion } from "./answer";
import { productName } from "./extract";
import { findFact, type Intent } from "./intents";
import { kindArtifacts, kindStageFacts, offeredFor } from "./kinds";
import { MAX_QUERY_CHARS, stageQuery } from "./research";
import {
  askable,
  cloneState,
  enterStage,
  isKnown,
  mergeFact,
  readiness,
  revisitStage,
  skipFacts,
  splitItems,
  stageSettled,
  type FactValue,
  type PipelineState,
  type Style,
} from "./state";
import { type Proposal, proposalPieces } from "./proposal";
import { type Piece, understand } from "./understand";

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
  /** Free questions the user asked, answered from the knowledge base (or by the model). */
  answers: Answer[];
  /** Facts the user took back this turn, with the value removed. */
  retracted: { id: FactId; value: string }[];
  /** Facts a "that wasn't my answer" put back as they were, asked again. */
  undone: FactId[];
  /** Facts replaced by a correction. */
  corrected: FactId[];
  /** Suggestions accepted with "use those". */
  accepted?: FactId;
  /** A sentence the guide could not place: it says what it understood and asks where it goes. */
  clarify?: { value: string; candidates: FactId[] };
  /** The project's kind was inferred or changed this turn. */
  kind?: { kind: ProjectKind; inferred: boolean; signals: string[] };
  /** "use those" with nothing suggested. */
  nothingToAccept: boolean;
  /** A retraction named something the brief does not hold. */
  retractMissed?: string;
  /** The user repeated something the brief already holds ("like I said, …"). */
  alreadyKnown?: boolean;
  /** Who read the message: the offline rules, or a language model's validated proposal. */
  understoodBy: "offline" | "model";
  /** The model's reply to the user, when a model understood the turn. */
  modelReply?: string;
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
    if (
      (r.ready || r.askedAll) &&
      offeredFor(s.kind, t) &&
      !s.offered.includes(t) &&
      plan.generate?.type !== t
    ) {
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
    const missing = askable(s, kindStageFacts(s.kind, s.stage));
    if (missing.length) return ask(s, plan, missing);
    const done = s.stage;
    if (!plan.completedStages.includes(done)) plan.completedStages.push(done);
    if (s.style !== "questions-first") offer(s, plan, stageArtifacts(done));
    const next = nextUnsettled(s, done);
    if (!next) {
      plan.finished = true;
      return offer(s, plan, kindArtifacts(s.kind));
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
  const missing = askable(s, kindStageFacts(s.kind, to));
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
    answers: [],
    retracted: [],
    undone: [],
    corrected: [],
    nothingToAccept: false,
    understoodBy: "offline",
    finished: false,
    suggestions: [],
  };
}

/** Infers the project's kind from the first messages; a kind the user stated is never overridden. */
function inferProjectKind(s: PipelineState, plan: TurnPlan, text: string, turnsBefore: number) {
  if (s.kindSource === "user" || turnsBefore >= 4) return;
  const guess = inferKind(text);
  if (!guess || guess.kind === s.kind) return;
  // A later message changes an earlier guess only when it says so plainly.
  if (s.kind && guess.score < 3) return;
  s.kind = guess.kind;
  s.kindSource = "inferred";
  plan.kind = { kind: guess.kind, inferred: true, signals: guess.signals.slice(0, 3) };
}

const ORDINALS: Record<string, number> = {
  first: 0,
  "1": 0,
  one: 0,
  second: 1,
  "2": 1,
  two: 1,
  third: 2,
  "3": 2,
  three: 2,
};

/** "that's the audience", "the second one", "goals": which of the offered facts an unplaced sentence is. */
function clarifiedFact(text: string, candidates: readonly FactId[]): FactId | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, "")
    .replace(
      /^(?:(?:it'?s|that'?s|this is|it is|that is|put it (?:under|in|as)|file it (?:under|as)|as|under|about|it was|that was|i meant)\s+)+(?:about\s+)?(?:the\s+|my\s+|our\s+)?/,
      "",
    )
    .replace(/\s+one$/, "");
  const ordinal = ORDINALS[t];
  if (ordinal !== undefined) return candidates[ordinal];
  return findFact(t);
}

const words = (t: string) => t.toLowerCase().match(/[a-z0-9][a-z0-9'-]{2,}/g) ?? [];

/** Most of the words of `value` are already in one fact of the brief. */
function alreadySaid(s: PipelineState, value: string): boolean {
  const w = words(value);
  if (!w.length) return true;
  return Object.values(s.facts).some((f) => {
    const have = new Set(words(f!.value));
    return w.filter((x) => have.has(x)).length / w.length >= 0.5;
  });
}

/** Takes back what the last recording turn changed, and asks those facts again. */
function undoLastTurn(s: PipelineState, plan: TurnPlan) {
  for (const { id, before } of s.lastRecorded ?? []) {
    if (before) s.facts[id] = before;
    else delete s.facts[id];
    plan.undone.push(id);
  }
  s.lastRecorded = undefined;
  if (plan.undone.length) s.pending = plan.undone.slice(0, 1);
}

const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/^(?:the|a|an|my|our|that|this)\s+/, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** "forget what I said about the social feed": removes the items or sentences that mention it. */
function retractPhrase(
  s: PipelineState,
  plan: TurnPlan,
  said: Map<FactId, { parts: string[]; replace: boolean }>,
  target: { phrase: string; from?: FactId },
  now: number,
): boolean {
  const count = plan.retracted.length;
  const phrase = norm(target.phrase);
  const whole = target.from !== undefined && findFact(target.phrase) === target.from;
  const record = (id: FactId, value: string) => {
    plan.retracted.push({ id, value });
    s.retracted = [...(s.retracted ?? []), { id, value, at: now }].slice(-20);
  };
  // Taken back from what this message itself said: the fact, once recorded, lists it (see applyPieces).
  // Said earlier in this very message: drop the items that mention it before they are recorded.
  for (const [id, entry] of said) {
    const kept: string[] = [];
    for (const part of entry.parts) {
      if (!norm(part).includes(phrase)) {
        kept.push(part);
        continue;
      }
      const items = splitItems(part);
      const rest = items.filter((i) => !norm(i).includes(phrase));
      record(id, items.filter((i) => norm(i).includes(phrase)).join("; ") || part);
      if (items.length > 1 && rest.length) kept.push(rest.join(", "));
    }
    entry.parts = kept;
  }
  const ids = target.from ? [target.from] : (Object.keys(s.facts) as FactId[]);
  for (const id of ids) {
    const f = s.facts[id];
    if (f?.source !== "user") continue;
    if (whole) {
      record(id, f.value);
      delete s.facts[id];
      continue;
    }
    const items = f.items ?? [];
    const hit = items.filter(
      (i) => norm(i).includes(phrase) || (norm(i).length > 3 && phrase.includes(norm(i))),
    );
    if (hit.length) {
      const kept = items.filter((i) => !hit.includes(i));
      record(id, hit.join("; "));
      if (kept.length)
        s.facts[id] = {
          ...f,
          items: kept,
          value: kept.join(", "),
          at: now,
          retracted: [...(f.retracted ?? []), ...hit],
        };
      else delete s.facts[id];
      continue;
    }
    if (!items.length && norm(f.value).includes(phrase)) {
      const sentences = f.value.split(/(?<=[.!?;])\s+/);
      const kept = sentences.filter((x) => !norm(x).includes(phrase));
      record(id, sentences.filter((x) => norm(x).includes(phrase)).join(" "));
      if (kept.length) s.facts[id] = { ...f, value: kept.join(" "), at: now };
      else delete s.facts[id];
    }
  }
  const found = plan.retracted.length > count;
  if (!found) plan.retractMissed = target.phrase;
  return found;
}

/**
 * Applies what the message said, piece by piece: answers are gathered per fact and recorded at the
 * end (so a retraction or correction later in the message changes them first), questions are
 * answered, and the first command is returned for the caller to carry out.
 */
function applyPieces(s: PipelineState, plan: TurnPlan, all: Piece[], now: number): Intent | undefined {
  let pieces = all;
  const said = new Map<FactId, { parts: string[]; replace: boolean }>();
  const add = (id: FactId, value: string, replace: boolean) => {
    const entry = said.get(id) ?? { parts: [], replace: false };
    entry.parts.push(value);
    entry.replace ||= replace;
    said.set(id, entry);
  };
  let last: FactId | undefined;
  let command: Intent | undefined;
  const undo = pieces.some((p) => p.kind === "retraction" && p.target === "last-turn");

  // The answer to "which is it?": the sentence the guide could not place goes where the user says.
  const unfiled = s.unfiled;
  s.unfiled = undefined;
  if (unfiled && pieces.length <= 2) {
    const fact = clarifiedFact(pieces[0]?.text ?? "", unfiled.candidates);
    if (fact) {
      add(fact, unfiled.value, false);
      pieces = pieces.slice(1);
    }
  }

  for (const p of pieces) {
    switch (p.kind) {
      case "answer":
        // "Like I said, every Tuesday": a repetition of what the brief already holds adds nothing.
        if (p.restated && alreadySaid(s, p.value)) {
          plan.alreadyKnown = true;
          break;
        }
        add(p.fact, p.value, p.replace);
        last = p.fact;
        break;
      case "unfiled":
        plan.clarify = { value: p.value, candidates: p.candidates };
        s.unfiled = plan.clarify;
        break;
      case "question":
        plan.answers.push(answerQuestion(p.text, s));
        break;
      case "command":
        // "go back — that wasn't my answer" undoes the last answer; it does not leave the stage.
        if (!(undo && p.intent.kind === "back")) command ??= p.intent;
        break;
      case "correction": {
        // "it's Substack, not Beehiiv": the fact that holds Beehiiv gets Substack in its place.
        const swap = p.value.match(/^(.+?),?\s+(?:not|instead of|rather than)\s+(.+?)[.!]*$/i);
        const holder = swap
          ? (Object.keys(s.facts) as FactId[]).find((id) =>
              s.facts[id]!.value.toLowerCase().includes(swap[2]!.toLowerCase()),
            )
          : undefined;
        if (swap && holder) {
          const f = s.facts[holder]!;
          const at = f.value.toLowerCase().indexOf(swap[2]!.toLowerCase());
          const value = `${f.value.slice(0, at)}${swap[1]!.trim()}${f.value.slice(at + swap[2]!.length)}`;
          said.set(holder, { parts: [value], replace: true });
          plan.corrected.push(holder);
          last = holder;
          break;
        }
        const target = last ?? s.lastRecorded?.at(-1)?.id;
        if (!target) {
          plan.clarify = { value: p.value, candidates: [] };
          s.unfiled = plan.clarify;
          break;
        }
        said.set(target, {
          parts: [target === "productName" ? productName(p.value) : p.value],
          replace: true,
        });
        plan.corrected.push(target);
        last = target;
        break;
      }
      case "retraction":
        if (p.target === "previous") {
          // "…, push reminders, and a social feed — actually no, drop that": the last thing said goes.
          const entry = last ? said.get(last) : undefined;
          const part = entry?.parts.pop();
          const items = part ? splitItems(part) : [];
          const removed = items.length > 1 ? items.pop() : part;
          if (entry && items.length > 1) entry.parts.push(items.join(", "));
          if (last && removed) {
            plan.retracted.push({ id: last, value: removed });
            s.retracted = [...(s.retracted ?? []), { id: last, value: removed, at: now }].slice(-20);
          }
          if (last && entry && !entry.parts.length) said.delete(last);
        } else if (p.target === "last-turn") {
          if (!plan.undone.length) undoLastTurn(s, plan);
        } else {
          const found = retractPhrase(s, plan, said, p.target, now);
          if (!found && p.otherwise) {
            plan.retractMissed = undefined;
            for (const a of p.otherwise) if (a.kind === "answer") add(a.fact, a.value, a.replace);
          }
        }
        break;
      case "accept":
        if (s.suggestion) {
          for (const item of s.suggestion.items) add(s.suggestion.fact, item, false);
          plan.accepted = s.suggestion.fact;
          s.suggestion = undefined;
        } else plan.nothingToAccept = true;
        break;
      case "project-kind":
        s.kind = p.projectKind;
        s.kindSource = "user";
        plan.kind = { kind: p.projectKind, inferred: false, signals: [] };
        break;
      case "meta":
        break;
    }
  }

  const before: NonNullable<PipelineState["lastRecorded"]> = [];
  for (const [id, { parts, replace }] of said) {
    if (!parts.length) continue;
    const previous: FactValue | undefined = s.facts[id];
    before.push({ id, before: previous ? structuredClone(previous) : null });
    const entry = mergeFact(s, id, parts, replace || s.pending.includes(id), now);
    // Items this message took back before they were recorded ("…, and a social feed — drop that").
    const gone = plan.retracted.filter((r) => r.id === id).map((r) => r.value);
    const kept = [...(previous?.retracted ?? []), ...gone];
    if (kept.length) entry.retracted = [...new Set(kept)];
    plan.recorded.push({ id, value: s.facts[id]!.value });
  }
  if (before.length) s.lastRecorded = before;
  const suggestion = plan.answers.findLast((a) => a.suggestion)?.suggestion;
  if (suggestion) s.suggestion = suggestion;
  return command;
}

/** One turn of the guide: the state after the user's message and the plan of the reply. */
export function planTurn(
  prev: PipelineState,
  text: string,
  ctx: TurnContext,
  /** A language model's validated proposal: it replaces offline understanding for this turn. */
  proposal?: Proposal,
): { state: PipelineState; plan: TurnPlan } {
  const s = cloneState(prev);
  const plan = emptyPlan(ctx.agent, "answer");
  plan.welcome = prev.turns === 0;
  plan.handoff = ctx.agentChanged && !plan.welcome;
  const menuOpen = s.menuOpen;
  s.turns += 1;
  s.updatedAt = ctx.now;
  s.menuOpen = false;
  inferProjectKind(s, plan, text, prev.turns);
  // The first message usually describes the idea: it answers the question the guide would ask first.
  const pending = s.pending.length
    ? s.pending
    : plan.welcome
      ? askable(s, kindStageFacts(s.kind, s.stage)).slice(0, 1)
      : [];
  const pieces = proposal
    ? proposalPieces(proposal)
    : understand(text, { pending, menuOpen, isKnown: (id) => isKnown(s, id), stage: s.stage });
  if (proposal) {
    plan.understoodBy = "model";
    if (proposal.reply) plan.modelReply = proposal.reply;
  }
  const intent: Intent = applyPieces(s, plan, pieces, ctx.now) ?? { kind: "answer" };
  plan.intent = intent.kind;
  let settle = true;

  switch (intent.kind) {
    case "answer": {
      const understood =
        plan.recorded.length ||
        plan.answers.length ||
        plan.retracted.length ||
        plan.retractMissed ||
        plan.undone.length ||
        plan.accepted ||
        plan.nothingToAccept ||
        plan.kind ||
        plan.clarify ||
        plan.alreadyKnown ||
        pieces.every((p) => p.kind === "meta") ||
        proposal?.reply;
      plan.unclear = !understood && !plan.welcome;
      if (plan.clarify) settle = false;
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
  if (plan.unclear || plan.clarify) plan.ask = [...s.pending];
  plan.focus = s.focus;
  plan.suggestions = suggest(s, plan);
  return { state: s, plan };
}
