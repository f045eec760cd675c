/**
 * Offline understanding of one user message: cut it into clauses (clauses.ts), tell what each one
 * does (an answer, a question, a command, a correction, a retraction, an acceptance of suggestions,
 * a change of the project's kind, or talk about the talk), and file every answer under the fact it
 * is about (cues.ts), whatever was asked last. Pure functions: the dialogue manager (guide.ts)
 * applies the pieces to the state.
 *
 * Technique: hand-written rules rather than an NLP library. What matters here is a closed set of
 * speech acts and ~30 facts in one domain; libraries such as compromise tag parts of speech well but
 * would still need these rules on top, cost ~200 KB of bundle, and split "$6.99" or "1,800" the way
 * we must not. Every rule is visible and the corpus tests (understand.test.ts) pin them down.
 */
import { FACT_IDS, FACTS, type FactId } from "./catalogue";
import { type Clause, splitClauses } from "./clauses";
import { scoreClause } from "./cues";
import { productName } from "./extract";
import { findFact, parseIntent, type Intent } from "./intents";
import { inferKind, isProjectKind, type ProjectKind } from "../../lib/knowledge";

export type Piece =
  | {
      kind: "answer";
      text: string;
      fact: FactId;
      value: string;
      /** How the fact was chosen: a "Label:", a lead-in naming it, its keywords, the open question, or the clause before. */
      how: "labelled" | "lead" | "keywords" | "asked" | "continued" | "model";
      /** Said as a correction ("actually, …"): replaces what the fact held. */
      replace: boolean;
      /** Introduced as a repetition ("like I said, …"): not added again if the brief has it. */
      restated?: boolean;
    }
  | { kind: "unfiled"; text: string; value: string; candidates: FactId[] }
  | { kind: "question"; text: string }
  | { kind: "command"; text: string; intent: Intent }
  /** "no wait, it's Y": Y replaces the clause before, or the fact recorded last. */
  | { kind: "correction"; text: string; value: string }
  /** Removes the clause before ("previous"), the last turn's answers ("last-turn"), or what a phrase names. */
  | {
      kind: "retraction";
      text: string;
      target: "previous" | "last-turn" | { phrase: string; from?: FactId };
      /** "Cut food waste" may be a goal: if the brief holds nothing it names, it is this answer instead. */
      otherwise?: Piece[];
    }
  | { kind: "accept"; text: string }
  | { kind: "project-kind"; text: string; projectKind: ProjectKind }
  | { kind: "meta"; text: string };

export interface UnderstandContext {
  pending: readonly FactId[];
  menuOpen: boolean;
  isKnown: (id: FactId) => boolean;
  /** The stage being worked on, preferred when two facts are equally likely. */
  stage: number;
}

const LEAD_FILLER =
  /^(?:(?:well|so|um+|uh+|er+m?|hmm+|hm+|ok(?:ay)?|oh|ah|alright|yeah|yes|yep|sure|honestly|basically|anyway|i think|i guess|i suppose|i'?d say|to be honest|tbh|in short|good question|great question|let me think|let me see|let'?s see|so yeah|and|but|also|plus|oh and)\b[,.:;!]*\s+)+/i;
const META_LEAD =
  /^(?:i (?:kind of |sort of |already |just |basically )*(?:said|mentioned|told you)(?: (?:that|this|it))?(?: (?:already|before|earlier|above))?|like i (?:said|mentioned)(?: (?:before|earlier|above))?|as i (?:said|mentioned)(?: (?:before|earlier|above))?|as (?:mentioned|said)(?: (?:before|earlier|above))?|same as (?:above|before)|as above|again)\s*[,.:;-]?\s*(?:but\b[,:]?\s*)?/i;
const TRAIL_FILLER =
  /(?:,?\s+(?:i think|i guess|i suppose|probably|or so|or something(?: like that)?|and stuff|and so on|you know|haha|lol|tbh|for now|i'?d say))+\s*([.!?]*)$/i;
/** Whole clauses that are talk about the talk, not content. */
const META_ONLY =
  /^(?:(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there| all| everyone| team| guys)?|i'?d (?:like|love) (?:some )?help(?: with (?:my|our|a|this) (?:project|idea|product|business))?|i need (?:some )?help(?: with (?:my|our|a|this) (?:project|idea|product|business))?|can you help(?: me)?(?: with (?:my|our|a|this) (?:project|idea|product|business))?|ok(?:ay)?|right|alright|cool|great|nice|perfect|thanks|thank you|good|yeah|hmm+|hm+|oh|ah|let me think|good question|interesting|i see|got it|makes sense|fair enough|same as (?:above|before)|like i said(?: before)?|as i said|see above|as above|you know|that'?s it|that'?s all|that'?s about it)[\s,.!]*)+$/i;

const POLITE_LEAD =
  /^(?:(?:ok(?:ay)?|so|now|alright|great|cool|perfect|thanks|thank you|good|right|and|then|hey|hi|well|yes|yeah)[,!.]?\s+)*(?:(?:could|can|would|will) you(?: please)?(?: go ahead and)?\s+|please\s+|kindly\s+|i'?d (?:like|love) (?:you )?to\s+|i (?:want|need) (?:you )?to\s+|would you mind\s+|go ahead and\s+|time to\s+)?/i;
const POLITE_TRAIL =
  /(?:,?\s+(?:now|next|please|for now|for me|then|already|too|as well|if you can|when you can|when you'?re ready|thanks|thank you|straight away|right away|already|today))*[\s?.!]*$/i;
const LETS_COMMAND =
  /^let'?s\s+(?=(?:go|skip|move|generate|create|make|write|draft|research|jump|switch|look|check|start over|see|do stage|continue|carry on)\b)/i;

/** Short phrases that are commands only when they are the whole message ("not sure", "yes"). */
const WHOLE_MESSAGE_ONLY = new Set<Intent["kind"]>(["skip", "resume"]);

function commandOf(text: string, ctx: UnderstandContext, whole: boolean): Intent | undefined {
  let t = text.replace(POLITE_LEAD, "").replace(POLITE_TRAIL, "").replace(LETS_COMMAND, "").trim();
  if (!t) return undefined;
  // "skip the onboarding part for now" skips what is being asked; naming a stage skips the stage.
  const skip = t.match(
    /^skip\s+(?:over\s+)?(?:the\s+|this\s+|that\s+)?(.+?)(?:\s+(?:part|bit|question|section|one|step))?$/i,
  );
  if (skip && !/^(?:this |the )?stage$/i.test(skip[1]!) && !/^(?:to )?stage\s/i.test(skip[1]!))
    return { kind: "skip" };
  t = t.replace(/^go\s+back\s+to\s+the\s+(?=stage)/i, "go back to ");
  const intent = parseIntent(t, { menuOpen: ctx.menuOpen, pending: [...ctx.pending] });
  if (intent.kind === "answer" || intent.kind === "explain") return undefined;
  if (!whole && WHOLE_MESSAGE_ONLY.has(intent.kind)) return undefined;
  return intent;
}

const RETRACT_BARE =
  /^(?:(?:actually|no|nope|oh|hmm+|wait|sorry|ugh|ok(?:ay)?)[,.!]?\s+)*(?:scratch that|strike that|forget (?:that|it|this)|drop (?:that|it|this)|never ?mind(?: that)?|ignore (?:that|this|it)|delete (?:that|this)|remove (?:that|this)|cancel that|take that back|not that|actually no|no,? not that)(?: (?:one|part|bit|idea|last (?:bit|part|one)))?(?: (?:for now|please|then))?[\s.!]*$/i;
const RETRACT_LEAD =
  /^(?:actually no|scratch that|strike that|forget that|never ?mind|drop that|ignore that)[,.;:!]?\s+(\S.*)$/i;
const NOT_MY_ANSWER =
  /^(?:(?:no|wait|sorry|hmm+)[,.!]?\s+)*(?:that (?:was(?:n'?t| not)|is(?:n'?t| not))|that'?s not)\s+(?:my |an |the |what i )?(?:answer|meant|mean|an answer|right|what i (?:meant|said)|it)\b.*$/i;
const RETRACT_NAMED =
  /^(?:(?:actually|no|oh|ok(?:ay)?|and|also|wait|hmm+)[,.!]?\s+)*(?:please\s+)?(?:forget|ignore|drop|remove|delete|scrap|cut|take out|scratch|strike|lose)\s+(?:what i said about|the part about|the bit about|about|the idea of|the)?\s*(.+?)(?:\s+(?:from|in|out of|off)\s+(?:the\s+|my\s+)?(.+?))?(?:,?\s+(?:it'?s|that'?s) (?:not (?:happening|needed|in scope|a thing)|out)|\s+for now|\s+please|\s+after all|\s+then|\s+entirely|\s+completely)*[\s.!]*$/i;
const NOT_DOING =
  /^(?:(?:actually|oh|ok(?:ay)?|and)[,.]?\s+)*(?:we'?re |i'?m |we are |i am )?(?:not (?:doing|building|including|offering|selling|making|having)|no longer (?:doing|building|including|offering|selling|making))\s+(?:the |a |an |any )?(.+?)(?:\s+(?:any ?more|after all|for now|at all))*[\s.!]*$/i;

const CORRECTION =
  /^(?:(?:no|nope|oh|oops|sorry|wait|actually|hmm+|correction|sorry,? i meant)[,.!:]?\s+)+(?:i meant\s+|i mean\s+|make that\s+|rather\s+|it'?s\s+(?:actually\s+)?|it is\s+(?:actually\s+)?|it should be\s+|that should be\s+|should be\s+|change (?:it|that) to\s+)(.+)$/i;
const CORRECTION_PLAIN = /^(?:i meant|sorry,? i meant|make that|correction:)\s+(.+)$/i;

const ACCEPT =
  /^(?:(?:ok(?:ay)?|yes|yeah|yep|sure|great|perfect|sounds good|good|nice|love it|cool|fine)[,.!]?\s+)*(?:(?:please\s+)?(?:use|take|add|record|keep|save|go with|i'?ll take|we'?ll take|let'?s (?:use|go with|take)) (?:those|them|these|that|it|the suggestions?|your suggestions?|all of (?:them|those|these)|those suggestions)|(?:those|these|they|that) (?:are|is|sound|sounds|look|looks) (?:good|great|fine|perfect|right)(?:,? use (?:them|those|it))?)(?: (?:please|then|thanks|thank you))?[\s.!]*$/i;

const KIND_CHANGE = [
  /^(?:(?:actually|no|oh|wait|well)[,.]?\s+)*(?:it'?s|this is|we'?re|i'?m|the project is|it is)\s+(?:actually\s+|really\s+|more\s+(?:of\s+)?)?(?:not (?:an? |really )?(?:app|software|software product|tech product|saas)[,;]?\s*(?:but\s+|it'?s\s+|rather\s+)*)?(?:an? |more (?:of )?an? )?(.+?)[\s.!]*$/i,
  /^(?:change|set|switch) (?:the )?(?:project )?(?:kind|type) to (?:an? )?(.+?)[\s.!]*$/i,
  /^treat (?:it|this) as (?:an? )?(.+?)[\s.!]*$/i,
];

function kindChange(text: string): ProjectKind | undefined {
  for (const re of KIND_CHANGE) {
    const m = text.match(re);
    if (!m) continue;
    const rest = m[1]!.toLowerCase().trim();
    if (isProjectKind(rest.replace(/\s+/g, "-"))) return rest.replace(/\s+/g, "-") as ProjectKind;
    // Only a short statement of kind ("it's a shop, not an app"); a longer one is a description.
    if (rest.split(/\s+/).length > 4 && !re.source.startsWith("^(?:change")) continue;
    const guess = inferKind(rest);
    if (guess) return guess.kind;
  }
  return undefined;
}

const QUESTION_START =
  /^(?:what|how|which|why|where|when|who)(?:'s|'re| (?:is|are|was|should|would|could|do|does|did|can|will|kind|sort|type|about|much|many|else|exactly|goes|comes))\b|^(?:should|do|does|can|could|would|is|are|will|did|any)\s+(?:i|we|you|it|they|there|my|our|this|that|people|users|customers|readers|ideas|suggestions|tips|thoughts|advice)\b|^(?:any (?:ideas|suggestions|tips|advice|thoughts)|ideas for|suggestions for|tips for|thoughts on|what about|how about|explain|tell me (?:about|what|how|which|why))\b/i;

function isQuestion(text: string): boolean {
  if (QUESTION_START.test(text)) return true;
  return /\?\s*$/.test(text) && /\b(?:you|should|would|could|i|we|my|our)\b/i.test(text) && text.length < 200;
}

const LABELLED = /^\s*([A-Za-z][A-Za-z &/'-]{1,40}?)\s*[:=]\s*(.+)$/;

/** "an app called Pantry Pal for parents": the name, and the sentence without it. */
const CALLED =
  /\b(?:called|named)\s+(["“][^"”]{1,80}["”]|['‘][^'’]{1,80}['’]|[A-Z0-9][\w'&.-]*(?:\s+(?:[A-Z0-9][\w'&.-]*|&|of|the|and))*)/;

function stripFiller(text: string): string {
  let t = text.trim().replace(LEAD_FILLER, "");
  t = t.replace(META_LEAD, "");
  t = t.replace(TRAIL_FILLER, "$1");
  return t.replace(/^[,;:\s-]+/, "").trim();
}

/** The value a clause gives its fact, with the cue's lead-in cut and whitespace tidied. */
function factValue(fact: FactId, text: string, lead?: string): string {
  let v = lead && /[\s:,-]$/.test(lead) ? text.slice(lead.length).replace(LEAD_FILLER, "") : text;
  v = v.replace(/^(?:that|to)\s+(?=\S)/i, (m) => (fact === "goals" || fact === "problem" ? "" : m));
  // A name ends where the sentence goes on: "Pantry Pal, a kitchen helper".
  if (fact === "productName" && lead)
    return productName(v.split(/[,;!]|\.(?:\s|$)|\s+(?:and|but|because|which|for|—|–|-)\s/)[0]!);
  if (fact === "productName") return productName(v);
  return v
    .replace(/\s+/g, " ")
    .replace(/^[,;:\s-]+|[,;:\s-]+$/g, "")
    .trim();
}

/**
 * Of several facts that fit equally well, prefer the one being asked, then one not known yet, then
 * one of the current stage, then the earliest.
 */
function choose(scores: { id: FactId; score: number }[], ctx: UnderstandContext): FactId | undefined {
  const top = scores[0]?.score;
  if (!top) return undefined;
  const rank = (id: FactId) =>
    (ctx.pending.includes(id) ? 0 : 100) +
    (ctx.isKnown(id) ? 10 : 0) +
    (FACTS[id].stage === ctx.stage ? 0 : 1);
  return scores
    .filter((s) => s.score === top)
    .map((s) => s.id)
    .sort((a, b) => rank(a) - rank(b) || FACT_IDS.indexOf(a) - FACT_IDS.indexOf(b))[0];
}

/**
 * With two questions open, "1. … 2. …", two lines, or two sentences answer them in order (the way
 * people answer a numbered pair of questions).
 */
function splitTwo(text: string): [string, string] | undefined {
  const numbered = text.match(/^\s*(?:1[.)]|a[.)])\s*([\s\S]+?)\s*(?:^|\s)(?:2[.)]|b[.)])\s*([\s\S]+)$/m);
  if (numbered) return [numbered[1]!, numbered[2]!];
  const lines = text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 2 && !lines.every((l) => /^[-*•]/.test(l))) return [lines[0]!, lines[1]!];
  return undefined;
}

/** What one message says, piece by piece, in the order said. */
export function understand(message: string, ctx: UnderstandContext): Piece[] {
  if (ctx.pending.length >= 2 && !/^\s*[A-Za-z][A-Za-z &/'-]{1,40}?\s*[:=]/m.test(message)) {
    const two = splitTwo(message);
    if (two) return two.flatMap((part, i) => understandOne(part, { ...ctx, pending: [ctx.pending[i]!] }));
  }
  return understandOne(message, ctx);
}

function understandOne(message: string, ctx: UnderstandContext): Piece[] {
  const clauses = splitClauses(message);
  const pieces: Piece[] = [];
  const whole = clauses.length === 1;
  let previous: Extract<Piece, { kind: "answer" }> | undefined;
  let previousClause: Clause | undefined;
  // Bullets after a line that named a fact ("Features:\n- a\n- b") belong to that fact.
  let bulletFact: FactId | undefined;

  for (const clause of clauses) {
    const raw = clause.text.trim();
    const sameLine = previousClause?.line === clause.line || (clause.bullet && previousClause?.bullet);
    previousClause = clause;
    const piece = classify(raw, clause, ctx, whole, {
      previous: sameLine || clause.bullet ? previous : undefined,
      bulletFact,
    });
    for (const p of piece === undefined ? [] : Array.isArray(piece) ? piece : [piece]) {
      // "actually no, drop that" is one retraction said twice.
      if (p.kind === "retraction" && pieces.at(-1)?.kind === "retraction" && typeof p.target === "string")
        continue;
      if (p.kind === "answer") previous = p;
      else if (p.kind !== "meta") previous = undefined;
      if (!clause.bullet) bulletFact = p.kind === "answer" && p.value === "" ? p.fact : undefined;
      pieces.push(p);
    }
  }
  // A "Label:" line whose items follow as bullets carries no value of its own.
  return pieces.filter((p) => p.kind !== "answer" || p.value !== "");
}

function classify(
  raw: string,
  clause: Clause,
  ctx: UnderstandContext,
  whole: boolean,
  context: { previous?: Extract<Piece, { kind: "answer" }>; bulletFact?: FactId },
): Piece | Piece[] | undefined {
  if (clause.bullet && context.bulletFact)
    return {
      kind: "answer",
      text: raw,
      fact: context.bulletFact,
      value: raw,
      how: "labelled",
      replace: false,
    };

  const labelled = raw.match(LABELLED);
  const labelFact = labelled ? findFact(labelled[1]!) : undefined;
  if (labelled && labelFact) {
    const value = labelFact === "productName" ? productName(labelled[2]!) : labelled[2]!.trim();
    return { kind: "answer", text: raw, fact: labelFact, value, how: "labelled", replace: false };
  }
  if (/^\s*([A-Za-z][A-Za-z &/'-]{1,40}?)\s*:\s*$/.test(raw)) {
    const id = findFact(raw.replace(/:\s*$/, ""));
    if (id) return { kind: "answer", text: raw, fact: id, value: "", how: "labelled", replace: false };
  }

  if (META_ONLY.test(raw)) {
    // "yes" / "ok" alone may still be a command ("yes" = carry on).
    const intent = whole ? commandOf(raw, ctx, whole) : undefined;
    return intent ? { kind: "command", text: raw, intent } : { kind: "meta", text: raw };
  }
  if (NOT_MY_ANSWER.test(raw)) return { kind: "retraction", text: raw, target: "last-turn" };
  // "scratch that, not the supermarket ones": the retraction names what it takes back.
  const led = raw.match(RETRACT_LEAD);
  if (led) {
    const rest = led[1]!.trim();
    const not = rest.match(
      /^(?:not|no)\s+(?:the\s+|those\s+|that\s+)?(.+?)(?:\s+ones?)?(?:\s*[,;].*)?[.!]*$/i,
    );
    if (not) return { kind: "retraction", text: raw, target: { phrase: not[1]! } };
    const back: Piece = {
      kind: "retraction",
      text: raw,
      target: context.previous ? "previous" : "last-turn",
    };
    const next = classify(rest, { ...clause, text: rest }, ctx, false, { ...context, previous: undefined });
    return [back, ...(next === undefined ? [] : [next].flat())];
  }
  if (RETRACT_BARE.test(raw))
    return { kind: "retraction", text: raw, target: context.previous ? "previous" : "last-turn" };
  if (ACCEPT.test(raw)) return { kind: "accept", text: raw };

  const intent = commandOf(raw, ctx, whole);
  if (intent) return { kind: "command", text: raw, intent };

  const named = raw.match(RETRACT_NAMED) ?? raw.match(NOT_DOING);
  if (named && !/^(?:a |an )?(?:lot|bit|few)\b/i.test(named[1]!)) {
    const from = named[2] ? findFact(named[2]) : undefined;
    const phraseFact = findFact(named[1]!);
    const target = { phrase: named[1]!, ...(from || phraseFact ? { from: from ?? phraseFact } : {}) };
    // Verbs that also describe goals and features ("cut food waste", "remove friction").
    const ambiguous =
      /^(?:(?:actually|no|oh|ok(?:ay)?|and|also|wait|hmm+)[,.!]?\s+)*(?:please\s+)?(?:drop|remove|delete|scrap|cut|take out|lose)\s+(?!what i said|the part|the bit|about)/i.test(
        raw,
      );
    if (!ambiguous) return { kind: "retraction", text: raw, target };
    const answer = fileAnswer(stripFiller(raw), ctx, context.previous, false);
    return { kind: "retraction", text: raw, target, otherwise: [answer].flat() };
  }

  const correction = raw.match(CORRECTION) ?? raw.match(CORRECTION_PLAIN);
  if (correction) return { kind: "correction", text: raw, value: stripFiller(correction[1]!) };

  const projectKind = kindChange(raw);
  if (projectKind) return { kind: "project-kind", text: raw, projectKind };

  const stripped = stripFiller(raw);
  if (!stripped) return { kind: "meta", text: raw };
  const restated = META_LEAD.test(raw.replace(LEAD_FILLER, ""));
  // A statement that opens by naming a fact is an answer, even when it starts like a question
  // ("What makes us different is …").
  const statement = !/\?\s*$/.test(stripped) && scoreClause(stripped, FACT_IDS).some((x) => x.lead);
  if (!statement && isQuestion(stripped)) return { kind: "question", text: raw };

  const replace = /^(?:actually|correction|update|to be precise|in fact)\b/i.test(raw);
  const text = stripped
    .replace(/^(?:actually|correction|update|to be precise|in fact)[,:]?\s+/i, "")
    .replace(/\?$/, "");

  // "an app called Pantry Pal for parents": the name is one piece, the rest another.
  const called = text.match(CALLED);
  if (called && !/^(?:it'?s |it is |we'?re |the \w+ is )?(?:called|named)\b/i.test(text)) {
    const name = called[1]!.replace(/^["“'‘]|["”'’]$/g, "").trim();
    const rest = `${text.slice(0, called.index)}${text.slice(called.index! + called[0].length)}`
      .replace(/\s+/g, " ")
      .replace(/\s+([,.;])/g, "$1")
      .trim();
    const pieces: Piece[] = [
      { kind: "answer", text, fact: "productName", value: name, how: "lead", replace: true },
    ];
    const restPiece =
      rest.split(/\s+/).length >= 3 ? fileAnswer(rest, ctx, context.previous, replace) : undefined;
    if (restPiece) pieces.push(...[restPiece].flat());
    return pieces;
  }
  const filed = fileAnswer(text, ctx, context.previous, replace);
  if (!restated) return filed;
  return [filed].flat().map((p) => (p.kind === "answer" ? { ...p, restated: true } : p));
}

/** "… and we'll charge $5", "…, but they hate …": a conjunction that starts a new statement. */
const NEW_STATEMENT =
  /(?:,\s*|\s+)(?:and|but|plus|while|so)\s+(?=(?:we|we'?ll|we'?re|i|i'?ll|i'?m|they|they'?re|it|it'?ll|it'?s|our|my|their|the (?:brand|look|voice|tone|price|pricing|name|goal|audience|mission|budget|deadline|design)|people|users|customers|readers|success|pricing)\b)|,\s+(?=(?:we|we'?ll|i'?ll|they|our|my|their)\s+(?!and\b))/i;

/** Files one answer clause, or its parts when it joins statements about different facts. */
function fileAnswer(
  text: string,
  ctx: UnderstandContext,
  previous: Extract<Piece, { kind: "answer" }> | undefined,
  replace: boolean,
): Piece | Piece[] {
  const parts = text
    .split(NEW_STATEMENT)
    .map((p) => p.trim())
    .filter((p) => p.split(/\s+/).length >= 2);
  if (parts.length > 1) {
    const filed: Piece[] = [];
    let before = previous;
    for (const part of parts) {
      const p = fileOne(part, ctx, before, replace);
      filed.push(p);
      if (p.kind === "answer") before = p;
    }
    const facts = new Set(filed.map((p) => (p.kind === "answer" ? p.fact : undefined)).filter(Boolean));
    const cued = filed.some((p) => p.kind === "answer" && (p.how === "lead" || p.how === "keywords"));
    if (facts.size >= 2 && cued) return filed;
  }
  return fileOne(text, ctx, previous, replace);
}

/** Files one answer clause under a fact, or leaves it unfiled with the likeliest candidates. */
function fileOne(
  text: string,
  ctx: UnderstandContext,
  previous: Extract<Piece, { kind: "answer" }> | undefined,
  replace: boolean,
): Piece {
  const scores = scoreClause(text, FACT_IDS);
  const leads = scores.filter((s) => s.lead);
  const answer = (fact: FactId, how: Extract<Piece, { kind: "answer" }>["how"], lead?: string): Piece => ({
    kind: "answer",
    text,
    fact,
    value: factValue(fact, text, lead),
    how,
    replace,
  });
  if (leads.length) {
    const id = choose(leads, ctx)!;
    return answer(id, "lead", leads.find((s) => s.id === id)!.lead);
  }
  const best = choose(scores, ctx);
  const bestScore = scores[0]?.score ?? 0;
  if (previous) {
    const previousScore = scores.find((s) => s.id === previous.fact)?.score ?? 0;
    if (best && best !== previous.fact && bestScore >= 2 && previousScore === 0)
      return answer(best, "keywords");
    return answer(previous.fact, "continued");
  }
  const asked = ctx.pending[0];
  if (asked) {
    const askedScore = scores.find((s) => s.id === asked)?.score ?? 0;
    if (best && best !== asked && bestScore >= 2 && askedScore === 0) return answer(best, "keywords");
    return answer(asked, "asked");
  }
  if (best && bestScore >= 2) return answer(best, "keywords");
  return {
    kind: "unfiled",
    text,
    value: factValue("problem", text),
    candidates: scores.slice(0, 3).map((s) => s.id),
  };
}
