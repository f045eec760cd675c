/**
 * What a user message asks the guide to do: a command (skip, back, menu, generate the PRD, …) or an
 * answer. Commands are recognised only as whole short messages, so an answer that merely contains
 * "skip" or "back" ("people skip breakfast") is never mistaken for one.
 */
import {
  ARTIFACT_TYPES,
  ARTIFACTS,
  FACT_IDS,
  FACTS,
  type ArtifactType,
  type FactId,
  type StageNumber,
} from "./catalogue";
import type { PipelineState, Style } from "./state";

export type Intent =
  | { kind: "help" }
  | { kind: "status" }
  | { kind: "resume" }
  | { kind: "menu" }
  | { kind: "skip" }
  | { kind: "skip-stage" }
  | { kind: "back" }
  | { kind: "stage"; stage: StageNumber }
  | { kind: "focus"; artifact: ArtifactType }
  | { kind: "generate"; artifact: ArtifactType; force: boolean }
  | { kind: "revisit"; fact: FactId }
  | { kind: "style"; style: Style }
  | { kind: "explain" }
  /** "research <topic>"; a bare "research" researches the current stage. */
  | { kind: "research"; topic: string }
  | { kind: "answer" };

/** Longer messages are answers, whatever words they contain. */
const MAX_COMMAND_WORDS = 10;

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[-_/]+/g, " ")
    .replace(/[^a-z0-9'&?+ ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const ARTICLES = /^(?:the|a|an|my|our|this|that)\s+/;
const key = (text: string) => normalize(text).replace(/\?+$/, "").replace(ARTICLES, "").trim();

const artifactNames = new Map<string, ArtifactType>();
for (const t of ARTIFACT_TYPES) {
  for (const name of [t, ARTIFACTS[t].title, ...ARTIFACTS[t].aliases]) artifactNames.set(key(name), t);
}
const factNames = new Map<string, FactId>();
for (const id of FACT_IDS) {
  for (const name of [id.replace(/([A-Z])/g, " $1"), FACTS[id].label, ...FACTS[id].aliases])
    factNames.set(key(name), id);
}

/** "the lean canvas", "PRD document", "personas" → an artifact type. */
export function findArtifact(text: string): ArtifactType | undefined {
  const k = key(text);
  return artifactNames.get(k) ?? artifactNames.get(k.replace(/\s+(?:document|doc|diagram|map)$/, ""));
}

/** "success metrics", "the name", "KPIs" → a fact. */
export const findFact = (text: string): FactId | undefined => factNames.get(key(text));

const NUMBER_WORDS: Record<string, StageNumber> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
  "5": 5,
};

const STYLE_PHRASES: [RegExp, Style][] = [
  [/^(?:step by step|one (?:question )?at a time|guide me|guided)(?: mode| please)?$/, "step-by-step"],
  [
    /^(?:questions first|ask (?:me )?everything(?: first)?|all (?:the )?questions(?: first)?|q ?& ?a(?: first)?|interview me)(?: mode| please)?$/,
    "questions-first",
  ],
  [
    /^(?:be proactive|proactive(?: mode)?|suggest(?: next steps)?|suggestions|what (?:should i do )?next\??|what now\??)$/,
    "proactive",
  ],
  [/^(?:menu mode|use the menu)$/, "menu"],
];

export function parseIntent(text: string, state: Pick<PipelineState, "menuOpen" | "pending">): Intent {
  const t = normalize(text);
  if (!t || t.split(" ").length > MAX_COMMAND_WORDS) return { kind: "answer" };
  const bare = t.replace(/^(?:please|ok(?:ay)?|now|so|and|then|hey|hi),?\s+/, "").replace(/\s+please$/, "");

  if (/^(?:help|commands|what can i (?:say|do)|how does this work)\??$/.test(bare)) return { kind: "help" };
  if (
    /^(?:status|progress|summary|brief|(?:show|give) (?:me )?(?:the )?(?:brief|summary|progress|status)|what do you know(?: so far)?\??)$/.test(
      bare,
    )
  )
    return { kind: "status" };
  for (const [re, style] of STYLE_PHRASES) if (re.test(bare)) return { kind: "style", style };
  if (
    /^(?:menu|show (?:me )?(?:the )?menu|artifacts|list (?:the )?artifacts|options|what can you (?:make|generate|create|do)\??)$/.test(
      bare,
    )
  )
    return { kind: "menu" };
  if (
    /^(?:skip|pass|skip (?:it|this|that|this one|this question|for now)|i don'?t know|dunno|not sure|no idea|later|ask me later|next question)$/.test(
      bare,
    )
  )
    return { kind: "skip" };
  if (/^(?:skip (?:this |the )?stage|next stage|move on|let'?s move on|skip ahead)$/.test(bare))
    return { kind: "skip-stage" };
  if (/^(?:(?:go )?back|previous(?: stage)?|go to (?:the )?previous stage|last stage)$/.test(bare))
    return { kind: "back" };
  if (
    /^(?:resume|continue|go on|carry on|where (?:were|was) (?:we|i)\??|where did (?:we|i) (?:stop|leave off)\??|yes|yep|sure|let'?s go|go ahead|next)$/.test(
      bare,
    )
  ) {
    // With a question open, "next" means "skip this one"; otherwise it means "carry on".
    return bare === "next" && state.pending.length ? { kind: "skip" } : { kind: "resume" };
  }

  const stage = bare.match(
    /^(?:(?:go|jump|skip|move|take me)\s+)?(?:back\s+)?(?:to\s+)?stage\s*(one|two|three|four|five|[1-5])$/,
  );
  if (stage) return { kind: "stage", stage: NUMBER_WORDS[stage[1]!]! };

  if (/^(?:research|search (?:the web )?for|look up)\b/.test(bare)) {
    // The topic keeps the user's own spelling and punctuation: it is what gets searched and shown.
    const topic =
      text
        .trim()
        .match(/^(?:please\s+)?(?:research|search\s+(?:the\s+web\s+)?for|look\s+up)\b[\s:,-]*(.*)$/i)?.[1] ??
      "";
    return { kind: "research", topic: topic.trim() };
  }

  const generate = bare.match(
    /^(?:generate|create|make|write|draft|build|produce)\s+(?:me\s+)?(.+?)(\s+anyway)?(?:\s+now)?$/,
  );
  if (generate) {
    const artifact = findArtifact(generate[1]!);
    if (artifact) return { kind: "generate", artifact, force: Boolean(generate[2]) };
  }

  const revisit = bare.match(/^(?:change|edit|update|revisit|fix|correct|redo|go back to|back to)\s+(.+)$/);
  if (revisit) {
    const fact = findFact(revisit[1]!);
    if (fact) return { kind: "revisit", fact };
    const artifact = findArtifact(revisit[1]!);
    if (artifact) return { kind: "focus", artifact };
  }

  if (state.menuOpen && /^\d{1,2}$/.test(bare)) {
    const artifact = ARTIFACT_TYPES[Number(bare) - 1];
    if (artifact) return { kind: "focus", artifact };
  }
  // A product may well be called "Canvas" or "Journey": while its name is asked, a bare word is the answer.
  if (
    state.pending.includes("productName") &&
    !/^(?:let'?s|lets|work|focus|jump|go|switch|start|open|i)\b/.test(bare)
  )
    return { kind: "answer" };
  const focus = bare.match(
    /^(?:(?:let'?s|lets)\s+(?:do|work on|start(?: with)?|focus on)\s+|work on\s+|focus on\s+|jump to\s+|go to\s+|switch to\s+|start(?: with)?\s+|open\s+|i (?:want|need)\s+|i'?d like\s+)?(.+)$/,
  );
  const artifact = focus && findArtifact(focus[1]!);
  if (artifact) return { kind: "focus", artifact };

  if (
    /^(?:what do you mean|what does that mean|meaning|why|examples?|give me an example|for example|e ?g|explain|can you explain|i don'?t understand|huh|\?)\??$/.test(
      bare,
    )
  )
    return { kind: "explain" };
  // A short question is a question about the question, not an answer to it.
  if (bare.endsWith("?") && bare.split(" ").length <= 8) return { kind: "explain" };
  return { kind: "answer" };
}
