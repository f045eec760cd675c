/**
 * Cutting a message into the pieces a person put in it: lines, sentences, and the clauses people
 * join with a dash or a comma when they change what they are doing mid-sentence ("a calorie
 * tracker — actually no, drop that", "that's the list, could you generate the PRD now?").
 *
 * Meaning is kept: decimals and thousands ("$6.99", "1,800"), ranges ("28–45"), abbreviations
 * ("e.g.", "vs."), quoted names and bullet lists are never cut.
 */

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|approx|incl|mr|mrs|ms|dr|st|no|nr|ca|cf|min|max|avg)\.$/i;

/** Where a clause starts that does something else than the one before it. */
const TURNS = [
  "actually no",
  "actually,? no",
  "no wait",
  "wait,? no",
  "oh wait",
  "scratch that",
  "strike that",
  "forget that",
  "forget what i said",
  "never ?mind",
  "ignore that",
  "drop that",
  "oh,? and",
  "oh,? also",
  "also,",
  "by the way",
  "btw",
  "and could you",
  "and can you",
  "could you",
  "can you",
  "would you",
  "will you",
  "please",
  "let'?s",
  "lets",
  "ok(?:ay)?,? (?:so|now|please|let'?s|then)",
  "so could you",
  "what about",
  "how about",
  "what (?:should|would|do|does|is|are)",
  "how (?:should|would|do|does|much|many)",
  "any (?:ideas|suggestions|tips)",
  "do you (?:think|have|know)",
  "that was(?:n'?t| not)",
  "that'?s not",
  "i meant",
  "sorry,? i meant",
];
const TURN_AFTER_COMMA = new RegExp(`\\s*[,;]\\s+(?=(?:${TURNS.join("|")})\\b)`, "i");
/** A spaced dash between words (not "28 – 45", which is a range). */
const DASH = /(?<!\d)\s+(?:—|–|--|-)\s+(?!\d)|(?<=\p{L})—(?=\p{L})/u;

/** Quoted spans stay whole: they are swapped for placeholders while cutting. */
function protectQuotes(text: string): { text: string; restore: (s: string) => string } {
  const quoted: string[] = [];
  const out = text.replace(/["“][^"“”]{1,200}["”]|(?<![\p{L}])['‘][^'‘’]{1,100}['’](?![\p{L}])/gu, (m) => {
    quoted.push(m);
    return `\u0000${quoted.length - 1}\u0000`;
  });
  return { text: out, restore: (s) => s.replace(/\u0000(\d+)\u0000/g, (_, i) => quoted[Number(i)]!) };
}

function sentences(line: string): string[] {
  const out: string[] = [];
  let current = "";
  // A sentence ends at . ! ? (or an ellipsis) followed by a space, unless it is an abbreviation.
  for (const part of line.split(/(?<=[.!?…])\s+/)) {
    current = current ? `${current} ${part}` : part;
    if (!ABBREVIATIONS.test(current)) {
      out.push(current);
      current = "";
    }
  }
  if (current) out.push(current);
  return out;
}

/** A line that is one item of a bullet or numbered list. */
const BULLET = /^\s*(?:[-*•]|\d{1,2}[.)])\s+/;

export interface Clause {
  text: string;
  /** The clause is one line of a bullet list; consecutive ones belong together. */
  bullet: boolean;
  /** Index of the line it came from, so callers can tell clauses of one line from the next. */
  line: number;
}

/** The message cut into clauses, in order, trimmed, none empty. */
export function splitClauses(message: string): Clause[] {
  const { text, restore } = protectQuotes(message.replace(/\r\n?/g, "\n"));
  const out: Clause[] = [];
  text.split("\n").forEach((rawLine, line) => {
    const l = rawLine.trim();
    if (!l) return;
    if (BULLET.test(l)) {
      out.push({ text: restore(l.replace(BULLET, "").trim()), bullet: true, line });
      return;
    }
    for (const sentence of sentences(l))
      for (const dashed of sentence.split(DASH))
        for (const clause of dashed.split(TURN_AFTER_COMMA)) {
          const t = restore(clause.trim());
          if (t) out.push({ text: t, bullet: false, line });
        }
  });
  return out;
}
