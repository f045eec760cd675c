/**
 * The pieces every writer builds with: the facts as lists, tables whose cells cannot break the
 * Markdown, the proposal mark, and a document builder that never repeats a paragraph.
 *
 * What goes beyond the user's words is a proposal: it carries PROPOSAL (or sits in a section or row
 * marked as one), and the document's opening line says what the mark means, so a reader never
 * mistakes the writer's suggestion for something the user said.
 */
import type { FactId } from "../../pipeline/catalogue";
import type { FactValue } from "../../pipeline/state";

export type Facts = Partial<Record<FactId, FactValue>>;

export const PROPOSAL = "*(proposal)*";
export const PROPOSAL_LEGEND = `Items marked ${PROPOSAL} are the writer's suggestions from UX practice, not things you said: validate them before relying on them.`;

/** A fact as items: a list fact's items, or the one value; "none" counts as nothing. */
export const items = (f: FactValue | undefined): string[] =>
  (f?.items?.length ? f.items : f ? [f.value] : [])
    .map((s) => s.trim())
    .filter((s) => s && !/^none\.?$/i.test(s));

export const text = (f: FactValue | undefined): string | undefined => f?.value.trim() || undefined;

export const bullets = (xs: readonly string[]) => xs.map((x) => `- ${x}`).join("\n");
export const numbered = (xs: readonly string[]) => xs.map((x, i) => `${i + 1}. ${x}`).join("\n");

/** Table cell text: one line, pipes escaped. */
export const cell = (s: string) =>
  s
    .replace(/\r?\n+/g, " ")
    .replace(/\|/g, "\\|")
    .trim() || " ";

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${headers.map(cell).join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${headers.map((_, i) => cell(r[i] ?? "")).join(" | ")} |`),
  ].join("\n");
}

export const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
export const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
/** Ends a clause as a sentence. */
export const sentence = (s: string) => {
  const t = upperFirst(s.trim());
  return /[.!?…]$/.test(t) ? t : `${t}.`;
};
const stripEnd = (s: string) => s.trim().replace(/[.!?]+$/, "");
export const clause = (s: string) => lowerFirst(stripEnd(s));

/** Verbs that open the phrases people use for habits, goals and features ("shop on Saturdays"). */
const VERBS = new Set(
  "add avoid browse build buy check choose compare cook create cut discover do find follow get grow have keep know learn listen make manage order pay plan post read save scan see sell share shop spend start stop subscribe track understand use visit waste watch write book become cancel bring reach double launch open send take try".split(
    " ",
  ),
);

/** Whether a phrase starts with a verb ("shop once a week") rather than a noun ("expiry reminders"). */
export const isVerbPhrase = (s: string) =>
  VERBS.has(
    clause(s)
      .replace(/^to\s+/, "")
      .split(/\s+/)[0] ?? "",
  );

/** A habit after "people who …": "who shop on Saturdays", "who use shopping lists in WhatsApp". */
export const who = (habit: string) =>
  `who ${isVerbPhrase(habit) ? clause(habit).replace(/^to\s+/, "") : `use ${clause(habit)}`}`;

/** A goal after "so that": "so that I can waste less", "so that less food is wasted". */
export const soThat = (goal: string) =>
  isVerbPhrase(goal) ? `I can ${clause(goal).replace(/^to\s+/, "")}` : clause(goal);

/** A feature as something one does: "shop once a week" stays, "expiry reminders" → "use expiry reminders". */
export const doing = (feature: string) =>
  isVerbPhrase(feature) ? clause(feature).replace(/^to\s+/, "") : `use ${clause(feature)}`;

/** A stable small number from a string, so the same brief always gets the same names. */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The i-th of xs, cycling; undefined for an empty list. */
export const nth = <T>(xs: readonly T[], i: number): T | undefined =>
  xs.length ? xs[i % xs.length] : undefined;

/** Splits xs into n groups round-robin, so every group gets something when xs has at least n items. */
export function deal<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  for (const [i, x] of xs.entries()) out[i % n]!.push(x);
  return out;
}

export interface DocSection {
  title: string;
  body: string;
}

/**
 * Joins sections into Markdown. A paragraph (or table, or list) already written in an earlier
 * section is dropped, so a fact that feeds two sections is written once; a section left empty says
 * where its content is instead of repeating it.
 */
export function assemble(intro: readonly string[], sections: readonly DocSection[]): string {
  const seen = new Set<string>();
  const out: string[] = [...intro];
  for (const s of sections) {
    const blocks = s.body
      .split(/\n{2,}/)
      .map((b) => b.trim())
      .filter(Boolean)
      .filter((b) => {
        if (b.startsWith("#")) return true;
        const key = b.replace(/\s+/g, " ").toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    out.push(`## ${s.title}\n\n${blocks.join("\n\n") || "_Covered in the sections above._"}`);
  }
  return `${out.join("\n\n")}\n`;
}
