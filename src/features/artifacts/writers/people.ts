/** Personas and the user journey: people built from the audience, goals, pains and behaviours. */
import {
  PROPOSAL,
  bullets,
  clause,
  lowerFirst,
  deal,
  doing,
  hash,
  items,
  nth,
  numbered,
  sentence,
  table,
  text,
  upperFirst,
  who,
} from "./doc";
import { ask, type TypeWriter, type WriterContext } from "./context";

const NAMES = ["Maya", "Tom", "Aisha", "Lukas", "Sofia", "Ravi", "Elena", "Sam", "Noor", "Jonas"];
const WOMEN = ["Maya", "Aisha", "Sofia", "Elena", "Noor", "Clara", "Hana", "Lea"];
const MEN = ["Tom", "Lukas", "Ravi", "Sam", "Jonas", "Omar", "Felix", "Daniel"];

/** Names that fit an audience described as women or men; a mix otherwise. */
const namesFor = (audience = "") =>
  /\b(women|woman|mothers|mums|moms|female|girls)\b/i.test(audience)
    ? WOMEN
    : /\b(men|man|fathers|dads|male|boys)\b/i.test(audience)
      ? MEN
      : NAMES;

/** "Parents aged 28–45" → ages inside that range; a practitioner's guess otherwise. */
function ages(audience: string | undefined, n: number): number[] {
  const m = /(\d{2})\s*(?:[–-]|to)\s*(\d{2})/.exec(audience ?? "");
  const [lo, hi] = m ? [Number(m[1]), Number(m[2])] : [25, 55];
  return Array.from({ length: n }, (_, i) => Math.round(lo + ((hi - lo) * (i + 1)) / (n + 1)));
}

export interface Persona {
  name: string;
  age: number;
  tag: string;
  situation: string;
  goals: string[];
  frustrations: string[];
  behaviours: string[];
  quote: string;
  scenario: string;
}

/** Two or three proto-personas: three when there is enough material to make a third one different. */
export function personasOf(ctx: WriterContext): Persona[] {
  const f = ctx.facts;
  const goals = items(f.userGoals);
  const pains = items(f.painPoints);
  const habits = items(f.behaviours);
  const features = items(f.keyFeatures);
  const n = Math.min(goals.length, pains.length) >= 3 || habits.length >= 3 ? 3 : 2;
  const start = hash(ctx.product);
  const byGoal = deal(goals, n);
  const byPain = deal(pains, n);
  const byHabit = deal(habits, n);
  const age = ages(text(f.audience), n);
  return Array.from({ length: n }, (_, i) => {
    const names = namesFor(text(f.audience));
    const name = names[(start + i * 3) % names.length]!;
    const type = ctx.k.archetypes[i % ctx.k.archetypes.length]!;
    const g = byGoal[i]!.length ? byGoal[i]! : goals.slice(0, 1);
    const p = byPain[i]!.length ? byPain[i]! : pains.slice(0, 1);
    const b = byHabit[i]!.length ? byHabit[i]! : habits.slice(0, 1);
    const goal = g[0] ? clause(g[0]) : "get it done quickly";
    const pain = p[0] ? clause(p[0]) : "the old way";
    const quote = [
      `“I just want to ${goal.replace(/^to\s+/, "")}, without ${pain}.”`,
      `“Every time it's the same story: ${pain}.”`,
      `“If it helps me ${goal.replace(/^to\s+/, "")}, I'll make it part of my routine.”`,
    ][i]!;
    const feature = nth(features, i);
    const habit = b[0] ? clause(b[0]) : undefined;
    const scenario = `${habit ? `${name} is one of the people ${who(habit)}.` : `${name} has a busy week.`} After ${pain} once again, ${name} turns to ${ctx.product}${feature ? ` to ${doing(feature)}` : ""}, hoping to ${goal.replace(/^to\s+/, "")}.`;
    return {
      name,
      age: age[i]!,
      tag: lowerFirst(type.name),
      situation: type.situation,
      goals: g,
      frustrations: p,
      behaviours: b,
      quote,
      scenario,
    };
  });
}

export const personas: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const people = personasOf(ctx);
  const blocks = people.map((p) =>
    [
      `### ${p.name}, ${p.age} — ${p.tag}`,
      bullets([
        `**Situation:** ${f.audience ? `${upperFirst(clause(f.audience.value))}; ` : ""}${p.situation} ${PROPOSAL}`,
        `**Goals:** ${p.goals.map(clause).join("; ") || "to be confirmed"}`,
        `**Frustrations:** ${p.frustrations.map(clause).join("; ") || "to be confirmed"}`,
        `**Behaviours:** ${p.behaviours.map(clause).join("; ") || "to be confirmed"}`,
        `**Quote** ${PROPOSAL}: ${p.quote}`,
        `**Scenario** ${PROPOSAL}: ${p.scenario}`,
      ]),
    ].join("\n\n"),
  );
  return [
    {
      title: "About these personas",
      body: [
        f.audience ? `Built from the audience you described: ${sentence(f.audience.value)}` : ask("audience"),
        `These are **proto-personas**: assumptions drawn from the brief, not research. Names, ages, quotes and scenarios are ${PROPOSAL}s that make each person concrete; goals, frustrations and behaviours are your own words, shared out between them.`,
      ].join("\n\n"),
    },
    { title: "Personas", body: blocks.join("\n\n") },
    {
      title: "How to validate",
      body: numbered([
        `Recruit five people who match each persona${items(f.behaviours)[0] ? ` (for instance among people ${who(items(f.behaviours)[0]!)})` : ""}.`,
        `Interview them about the last time ${people[0]!.frustrations[0] ? clause(people[0]!.frustrations[0]) : "the problem"} happened: what they did and what it cost them, not what they would do.`,
        "Keep what you hear more than twice, drop what nobody says, and rewrite the quotes in their words.",
      ]),
    },
  ];
};

/**
 * The project's own steps when the journey fact gives three or more, each placed in the practice
 * stage its words suggest (never going back), then practice's later stages as proposals: a journey
 * that stops at first use misses the habit. Practice's stages alone otherwise.
 */
function stagesOf(ctx: WriterContext) {
  const own = (text(ctx.facts.journey) ?? "")
    .split(/\s*(?:→|->|=>|;|,|\bthen\b)\s*/i)
    .map((s) => s.trim().replace(/[.!]+$/, ""))
    .filter(Boolean);
  const base = ctx.k.journey;
  if (own.length < 3) return base.map((t) => ({ ...t, own: false }));
  let at = 0;
  const mine = own.slice(0, 7).map((step, i) => {
    const match = base.findIndex((t, j) => j >= at && t.cue.test(step));
    at = match >= 0 ? match : Math.min(base.length - 1, i === 0 ? 0 : at + 1);
    return { ...base[at]!, action: upperFirst(step), own: true };
  });
  return [...mine, ...base.slice(at + 1).map((t) => ({ ...t, own: false }))];
}

/** Whether two phrases share a content word (four letters or more, plural-insensitive). */
export function shares(a: string, b: string): boolean {
  const words = (x: string) =>
    new Set((x.toLowerCase().match(/[a-z]{4,}/g) ?? []).map((w) => w.replace(/s$/, "")));
  const wb = words(b);
  return [...words(a)].some((w) => wb.has(w) && !STOP.has(w));
}
const STOP = new Set([
  "with",
  "from",
  "that",
  "this",
  "what",
  "when",
  "their",
  "they",
  "there",
  "have",
  "about",
  "into",
  "time",
]);

export const userJourney: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const stages = stagesOf(ctx);
  const pains = items(f.painPoints);
  const goals = items(f.userGoals);
  const features = items(f.keyFeatures);
  // A pain goes to the stage whose words it shares (checkout → Buy); the rest to the stages after
  // discovery, in turn. A feature answers a pain only when they share a word.
  const painAt = new Map<number, string[]>();
  pains.forEach((p, i) => {
    const later = (test: (s: (typeof stages)[number]) => boolean) =>
      stages.findIndex((s, j) => j > 0 && test(s));
    const byWord = later((s) => shares(p, `${s.action} ${s.touchpoint} ${s.opportunity}`));
    const fit = byWord >= 0 ? byWord : later((s) => s.cue.test(p));
    const at = fit >= 0 ? fit : Math.min(stages.length - 1, 1 + (i % Math.max(1, stages.length - 1)));
    painAt.set(at, [...(painAt.get(at) ?? []), p]);
  });
  const rows = stages.map((s, i) => {
    const hurts = painAt.get(i) ?? [];
    const feature = features.find((feat) => hurts.some((h) => shares(h, feat)));
    return [
      s.own ? s.stage : `${s.stage} ${PROPOSAL}`,
      s.action,
      `${s.touchpoint} ${PROPOSAL}`,
      `${s.feeling} ${PROPOSAL}`,
      hurts.map(clause).join("; ") || "—",
      feature ? `${upperFirst(clause(feature))} ${PROPOSAL}` : `${s.opportunity} ${PROPOSAL}`,
    ];
  });
  return [
    {
      title: "Persona and scenario",
      body: [
        f.audience ? `**Who:** ${sentence(f.audience.value)}` : ask("audience"),
        goals.length ? `**What they want:** ${goals.map(clause).join("; ")}.` : ask("userGoals"),
        f.journey
          ? `**Scenario, in your words:** ${sentence(f.journey.value)}`
          : `${ask("journey")}\n\nUntil then the stages below are the usual ones for a ${ctx.k.label} ${PROPOSAL}.`,
      ].join("\n\n"),
    },
    {
      title: "Journey map",
      body: table(["Stage", "Actions", "Touchpoints", "Feelings", "Pain points", "Opportunities"], rows),
    },
    {
      title: "Moments that matter",
      body: painAt.size
        ? bullets(
            [...painAt.entries()].map(
              ([i, ps]) =>
                `**${stages[i]!.stage}:** ${ps.map(clause).join("; ")} — the first place to test a fix.`,
            ),
          )
        : ask("painPoints"),
    },
  ];
};
