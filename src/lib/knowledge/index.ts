/**
 * The built-in UX knowledge, offline: per kind of project (software, subscription app, marketplace,
 * shop, content business, service, physical product) the metrics worth tracking, typical pains,
 * competitor categories, pricing patterns, screens, first features, channels, costs, which artifacts
 * to show investors or developers first, persona archetypes, journey stages, brand values, voice
 * examples, a starting palette and launch phases; plus short answers to general UX questions.
 *
 * A plain data-and-functions module with no feature imports: the guide answers questions from it and
 * the artifact writers derive their proposals from it. Everything in it is a suggestion to validate.
 */
import { KIND_KNOWLEDGE } from "./kinds";
import { PROJECT_KINDS, type KindKnowledge, type ProjectKind } from "./types";

export * from "./types";
export { GENERAL_TOPICS, generalAnswer, type GeneralTopic } from "./general";

export const kindKnowledge = (kind: ProjectKind): KindKnowledge => KIND_KNOWLEDGE[kind];

export const isProjectKind = (value: unknown): value is ProjectKind =>
  typeof value === "string" && (PROJECT_KINDS as readonly string[]).includes(value);

/** Whether the kind is software, so data models, system context and integrations apply by default. */
export const isSoftware = (kind: ProjectKind): boolean => KIND_KNOWLEDGE[kind].software;

export interface KindGuess {
  kind: ProjectKind;
  /** Sum of the weights of the signals found; 2 or more is a confident guess. */
  score: number;
  /** The signals found, for "I took this to be a shop because you mentioned …". */
  signals: string[];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const SIGNALS = PROJECT_KINDS.map((kind) => ({
  kind,
  patterns: KIND_KNOWLEDGE[kind].signals.map((signal) => ({
    signal,
    // "/month" may follow a digit ("$4.99/month"); a word must start at a word boundary.
    re: new RegExp(
      `${/^[a-z]/.test(signal) ? "(?:^|[^a-z0-9])" : ""}${escapeRe(signal)}(?:s|es)?(?![a-z0-9])`,
      "i",
    ),
  })),
}));

/** More specific kinds win ties: a subscription app is also software. */
const TIE_ORDER: readonly ProjectKind[] = [
  "marketplace",
  "subscription-app",
  "content",
  "physical-product",
  "service",
  "shop",
  "software",
];

/** "it's a newsletter", "I run a small shop", "we're building a marketplace": a kind said outright. */
const STATED =
  /\b(?:it'?s|it is|this is|i run|we run|i have|we have|i own|i'?m (?:building|making|starting|launching|opening)|we'?re (?:building|making|starting|launching|opening)|i want to (?:build|make|start|launch|open)|building|launching|starting)\s+(?:an?|my|our)?\s*/i;

/**
 * The kind a text describes, from the signals of each kind; undefined when nothing points anywhere.
 * A kind named within a few words of "it's a …" or "I run a …" counts three times.
 */
export function inferKind(text: string): KindGuess | undefined {
  const lower = text.toLowerCase().replace(/[’`]/g, "'");
  const stated = lower.match(STATED);
  const statedAt = stated ? (stated.index ?? 0) + stated[0].length : -1;
  const guesses = new Map<ProjectKind, KindGuess>();
  for (const { kind, patterns } of SIGNALS) {
    let score = 0;
    const found: string[] = [];
    for (const { signal, re } of patterns) {
      const m = re.exec(lower);
      if (!m) continue;
      found.push(signal);
      const at = m.index + (m[0].length - m[0].trimStart().length);
      // Within a few words after "it's a": "it's a small online shop".
      score += statedAt >= 0 && at >= statedAt - 1 && at <= statedAt + 30 ? 3 : 1;
    }
    if (score) guesses.set(kind, { kind, score, signals: found });
  }
  // A subscription app and a marketplace are software too: the software signals count for them.
  const soft = guesses.get("software");
  if (soft)
    for (const kind of ["subscription-app", "marketplace"] as const) {
      const g = guesses.get(kind);
      if (g)
        guesses.set(kind, { kind, score: g.score + soft.score, signals: [...g.signals, ...soft.signals] });
    }
  let best: KindGuess | undefined;
  for (const g of guesses.values())
    if (
      !best ||
      g.score > best.score ||
      (g.score === best.score && TIE_ORDER.indexOf(g.kind) < TIE_ORDER.indexOf(best.kind))
    )
      best = g;
  return best;
}
