/**
 * The pipeline state of one project: where the guide is, what it has learned, what it is waiting
 * for. Pure data plus pure functions over it; the owner's Durable Object stores it as JSON.
 *
 * A fact is "known" once answered and "skipped" when the user passed on it; skipped facts stay
 * missing (an artifact shows them as open questions) but the guide stops asking for them until the
 * user revisits their stage.
 */
import type { ProjectKind } from "../../lib/knowledge";
import { ARTIFACTS, FACTS, stageFacts, type ArtifactType, type FactId, type StageNumber } from "./catalogue";
import { kindStageFacts } from "./kinds";

export const STYLES = ["step-by-step", "menu", "questions-first", "proactive"] as const;
export type Style = (typeof STYLES)[number];

export interface FactValue {
  value: string;
  /** The answer split into items, for list facts (features, metrics, …). */
  items?: string[];
  at: number;
  source: "user" | "project";
  /** Items the user took back ("drop the web dashboard"): an artifact lists them as non-goals. */
  retracted?: string[];
}

export interface PipelineState {
  v: 1;
  stage: StageNumber;
  style: Style;
  /** The artifact chosen from the menu, whose missing facts come first; null in stage order. */
  focus: ArtifactType | null;
  /** The facts asked in the last reply, which the next answer fills. */
  pending: FactId[];
  /** True right after the menu was shown, so a bare number picks an entry. */
  menuOpen: boolean;
  facts: Partial<Record<FactId, FactValue>>;
  skipped: FactId[];
  skippedStages: StageNumber[];
  /** Artifacts already offered, so an offer is made once and not every turn. */
  offered: ArtifactType[];
  /** Stages whose research already ran when they began (absent in states saved before research existed). */
  researched?: StageNumber[];
  /** Generation requests handed to the generation hook, newest last. */
  requested: { type: ArtifactType; at: number; status: string }[];
  turns: number;
  updatedAt: number;
  /** The project's kind: inferred from the first messages, or said by the user (which then sticks). */
  kind?: ProjectKind;
  kindSource?: "inferred" | "user";
  /** Suggestions the guide made last, which "use those" records. */
  suggestion?: { fact: FactId; items: string[] };
  /** What the last recording turn changed, so "scratch that" / "that wasn't my answer" can undo it. */
  lastRecorded?: { id: FactId; before: FactValue | null }[];
  /** What the user took back, newest last (the PRD's non-goals can list it). */
  retracted?: { id: FactId; value: string; at: number }[];
  /** A sentence the guide could not place; the next message may say which fact it belongs to. */
  unfiled?: { value: string; candidates: FactId[] };
}

/** The state of a project the guide has not talked about yet; its name is a good first product name. */
export function initialState(projectName: string | undefined, now: number): PipelineState {
  return {
    v: 1,
    stage: 1,
    style: "step-by-step",
    focus: null,
    pending: [],
    menuOpen: false,
    facts: projectName ? { productName: { value: projectName, at: now, source: "project" } } : {},
    skipped: [],
    skippedStages: [],
    offered: [],
    requested: [],
    turns: 0,
    updatedAt: now,
  };
}

export const isKnown = (s: PipelineState, id: FactId) => s.facts[id] !== undefined;
export const isSkipped = (s: PipelineState, id: FactId) => s.skipped.includes(id);

/** Facts of `ids` that are neither known nor skipped, in order: what the guide still asks for. */
export const askable = (s: PipelineState, ids: readonly FactId[]) =>
  ids.filter((id) => !isKnown(s, id) && !isSkipped(s, id));

export interface Readiness {
  type: ArtifactType;
  /** Every needed fact is known. */
  ready: boolean;
  /** Needed facts not known (skipped ones included). */
  missing: FactId[];
  /** Nothing left to ask: every missing fact was skipped, so it can be generated with open questions. */
  askedAll: boolean;
}

export function readiness(s: PipelineState, type: ArtifactType): Readiness {
  const missing = ARTIFACTS[type].needs.filter((id) => !isKnown(s, id));
  return { type, ready: missing.length === 0, missing, askedAll: missing.every((id) => isSkipped(s, id)) };
}

/** Every fact of the stage the project's kind asks is known or skipped. */
export const stageSettled = (s: PipelineState, n: StageNumber) =>
  askable(s, kindStageFacts(s.kind, n)).length === 0;

/**
 * Splits a list answer into items: lines, bullets, semicolons, or commas and a final "and". A comma
 * inside a number ("1,800") or inside parentheses does not split.
 */
export function splitItems(value: string): string[] {
  const lines = value
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, "").trim())
    .filter(Boolean);
  const parts =
    lines.length > 1
      ? lines
      : value
          .split(/;|,(?![^(]*\))(?!(?<=\d,)\d{3}(?!\d))|\s+and\s+(?=[^,]*$)/i)
          .map((p) => p.trim())
          .filter(Boolean);
  return parts
    .map((p) => p.replace(/[.!]+$/, "").slice(0, 200))
    .filter(Boolean)
    .slice(0, 12);
}

export const MAX_FACT_CHARS = 1000;

export function recordFact(s: PipelineState, id: FactId, raw: string, now: number): FactValue {
  const value = raw.trim().slice(0, MAX_FACT_CHARS);
  const entry: FactValue = {
    value,
    at: now,
    source: "user",
    ...(FACTS[id].list ? { items: splitItems(value) } : {}),
    ...(s.facts[id]?.retracted?.length ? { retracted: s.facts[id]!.retracted } : {}),
  };
  s.facts[id] = entry;
  s.skipped = s.skipped.filter((f) => f !== id);
  s.pending = s.pending.filter((f) => f !== id);
  return entry;
}

/**
 * Records what one turn said about a fact. An answer to the question asked, a correction, or a new
 * product name replaces the value; anything else volunteered about a known fact is added to it (new
 * items for a list, a further sentence otherwise).
 */
export function mergeFact(
  s: PipelineState,
  id: FactId,
  parts: readonly string[],
  replace: boolean,
  now: number,
): FactValue {
  const said = parts.map((p) => p.trim()).filter(Boolean);
  const joined = said.join(said.every((p) => /[.!?]$/.test(p)) ? " " : "; ");
  const old = s.facts[id];
  if (!old || replace || id === "productName" || old.source !== "user") {
    const entry = recordFact(s, id, joined, now);
    if (FACTS[id].list && said.length > 1) entry.items = said.flatMap(splitItems).slice(0, 12);
    return entry;
  }
  if (!FACTS[id].list) return recordFact(s, id, `${old.value.replace(/\s+$/, "")} ${joined}`, now);
  const items = [...(old.items ?? splitItems(old.value))];
  for (const item of said.flatMap(splitItems))
    if (!items.some((i) => i.toLowerCase() === item.toLowerCase())) items.push(item);
  const entry = recordFact(s, id, `${old.value.replace(/[.;,\s]+$/, "")}; ${joined}`, now);
  entry.items = items.slice(0, 12);
  return entry;
}

export function skipFacts(s: PipelineState, ids: readonly FactId[]) {
  for (const id of ids) if (!s.skipped.includes(id) && !isKnown(s, id)) s.skipped.push(id);
  s.pending = s.pending.filter((f) => !ids.includes(f));
}

export function enterStage(s: PipelineState, n: StageNumber) {
  s.stage = n;
  s.focus = null;
  s.pending = [];
  s.menuOpen = false;
}

/** Going back to a stage on purpose asks its skipped facts again; moving forward does not. */
export function revisitStage(s: PipelineState, n: StageNumber) {
  enterStage(s, n);
  const facts = stageFacts(n);
  s.skipped = s.skipped.filter((f) => !facts.includes(f));
  s.skippedStages = s.skippedStages.filter((x) => x !== n);
}

export const cloneState = (s: PipelineState): PipelineState => structuredClone(s);

/**
 * The facts as an artifact is written from them: the guide keeps what the user took back in
 * `retracted` (with the fact it came from), the writer reads `FactValue.retracted` (the PRD's
 * non-goals); this is the one place that carries the first into the second. A retraction can empty
 * its fact (the guide then deletes it), and the writer must not see an empty fact as answered, so
 * such a retraction rides on another fact: the writer lists retractions of all facts together.
 * An item the user said again after taking it back is in scope again and is left out.
 */
export function artifactFacts(s: PipelineState): Partial<Record<FactId, FactValue>> {
  const facts = structuredClone(s.facts);
  const said = Object.values(facts).map((f) => f!.value.toLowerCase());
  for (const r of s.retracted ?? []) {
    const value = r.value.trim();
    if (!value || said.some((v) => v.includes(value.toLowerCase()))) continue;
    const holder = facts[r.id] ?? Object.values(facts)[0];
    if (!holder) continue;
    if (!holder.retracted?.includes(value)) holder.retracted = [...(holder.retracted ?? []), value];
  }
  return facts;
}
