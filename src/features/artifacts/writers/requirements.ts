/**
 * Requirement documents: the PRD (problem, goals and non-goals, user stories with acceptance
 * criteria, prioritised requirements with ids, metrics, risks, open questions), the FRD (numbered
 * functional requirements per feature and flow) and the DRD (design requirements with measurable
 * targets).
 */
import {
  PROPOSAL,
  bullets,
  clause,
  doing,
  isVerbPhrase,
  items,
  nth,
  numbered,
  sentence,
  soThat,
  table,
  text,
  upperFirst,
} from "./doc";
import { ask, type TypeWriter, type WriterContext } from "./context";
import { personasOf } from "./people";

const IRREGULAR: Record<string, string> = { women: "woman", men: "man", people: "person", children: "child" };
/** "young parents" → "young parent", "women" → "woman". */
const singularRole = (s: string) =>
  s.replace(
    /(\w+)$/,
    (w) => IRREGULAR[w.toLowerCase()] ?? w.replace(/ies$/i, "y").replace(/([^s])s$/i, "$1"),
  );

/** The audience in a few words, for "As a …": "Parents aged 28–45 in cities" → "parent". */
export function role(ctx: WriterContext): string {
  const a = text(ctx.facts.audience);
  if (!a) return ctx.k.person;
  const first = a.split(/[,;(]| aged | who | in | with /i)[0]!.trim();
  const words = first.split(/\s+/).slice(0, 4).join(" ");
  return singularRole(clause(words)) || ctx.k.person;
}

/** "iOS and Android first" → "iOS or Android": the platform a story is first tested on. */
const firstPlatform = (ctx: WriterContext) =>
  items(ctx.facts.platforms)[0]
    ?.replace(/\s+(first|later|too|also)$/i, "")
    .replace(/\band\b/, "or");

const article = (w: string) => (/^[aeiou]/i.test(w) ? "an" : "a");

/** Acceptance criteria a practitioner would start from, by what the feature does. */
function criteria(feature: string, ctx: WriterContext): string[] {
  const f = feature.toLowerCase();
  const out: string[] = [];
  if (/restock|back in stock/.test(f))
    out.push(
      "Given an item is sold out, when a customer asks to be told, then one message arrives when it is back, linking to it",
    );
  if (/gift|wrap/.test(f))
    out.push(
      "Given a gift order, when the buyer adds wrapping and a note, then the wrapping price shows before payment and the note reaches the recipient",
    );
  if (/guide|recommend/.test(f))
    out.push("Given the guide, when it is filtered by price or recipient, then only items in stock appear");
  if (/newsletter|sign-?up|subscri/.test(f))
    out.push(
      "Given a new sign-up, when the person confirms by email, then they get the promised perk and can unsubscribe in one click",
    );
  if (/remind|notif|alert/.test(f) && !/restock/.test(f))
    out.push(
      "Given a reminder is due, when its time comes, then it arrives once, and it can be snoozed or turned off",
    );
  if (/photo|scan|camera|image/.test(f))
    out.push(
      "Given a photo that cannot be read, when it is submitted, then the user is told why and can retry or type instead",
    );
  if (/share|shared|invite|family|household|team/.test(f))
    out.push(
      "Given two members, when one changes something, then the other sees the change without reloading",
    );
  if (/plan|calendar|schedul|book/.test(f))
    out.push(
      "Given a plan for the week, when the user moves an entry, then the plan and any list built from it update",
    );
  if (/pay|checkout|order|buy/.test(f))
    out.push(
      "Given a failed payment, when it fails, then nothing is charged and the user can retry with another method",
    );
  if (/search|filter|find/.test(f))
    out.push("Given no match, when the user searches, then they see an empty state with a suggestion");
  if (/list|inventory|items?|catalog/.test(f))
    out.push(
      "Given an empty list, when the user opens it, then an empty state explains how to add the first entry",
    );
  out.push(
    `Given ${article(role(ctx))} ${role(ctx)} on ${firstPlatform(ctx) ?? "their usual device"}, when they ${doing(feature)}, then it takes three taps or fewer and the result is still there on their next visit`,
  );
  return out.slice(0, 3);
}

export interface Story {
  id: string;
  feature: string;
  text: string;
  priority: "Must" | "Should" | "Could";
  criteria: string[];
}

/** One story per key feature, its "so that" from the user's goals; the first half are Musts. */
export function storiesOf(ctx: WriterContext): Story[] {
  const features = items(ctx.facts.keyFeatures);
  const why = [...items(ctx.facts.userGoals), ...items(ctx.facts.goals)];
  const musts = Math.max(1, Math.ceil(features.length / 2));
  return features.map((feature, i) => {
    const r = role(ctx);
    const so = nth(why, i);
    return {
      id: `US-${i + 1}`,
      feature,
      text: `As ${article(r)} ${r}, I want ${isVerbPhrase(feature) ? `to ${clause(feature).replace(/^to\s+/, "")}` : clause(feature)}, so that ${so ? soThat(so) : "the task takes less effort"}.`,
      priority:
        i < musts ? "Must" : i < musts + Math.ceil((features.length - musts) / 2) ? "Should" : "Could",
      criteria: criteria(feature, ctx),
    };
  });
}

/** Risks read from the constraints, each with the mitigation practice suggests. */
const RISKS: readonly [RegExp, string, string][] = [
  [
    /develop|engineer|team|people|solo|alone|\bme\b/i,
    "Too much scope for the team: features slip or quality drops",
    "Keep the Must list small; cut Could items before adding people",
  ],
  [
    /month|week|deadline|launch|date|december|season/i,
    "The date slips, or quality is cut to meet it",
    "Fix the date, flex the scope: Could and Should items move to the next release first",
  ],
  [
    /budget|€|\$|£|cost|money|funding/i,
    "The money runs out before a channel proves itself",
    "Spend in small tests; stop what does not pay back within a month",
  ],
  [
    /offline/i,
    "Sync conflicts and lost changes when devices reconnect",
    "Design sync and conflict rules early; test with the network off",
  ],
  [
    /gdpr|privacy|regulat|law|compliance|hipaa/i,
    "Compliance work delays the launch",
    "Data minimisation and a privacy review before launch",
  ],
  [
    /stock|inventory|pieces/i,
    "Stock runs out or is left over",
    "Pre-orders for popular items; restock alerts",
  ],
];

function risks(ctx: WriterContext): string[][] {
  const rows = items(ctx.facts.constraints).map((c) => {
    const known = RISKS.find(([re]) => re.test(c));
    return [
      sentence(c),
      known ? known[1] : `${upperFirst(clause(c))} forces trade-offs in scope`,
      `${known ? known[2] : "Review at each milestone"} ${PROPOSAL}`,
    ];
  });
  for (const r of ctx.k.risks)
    rows.push([`From practice ${PROPOSAL}`, sentence(r), "Measure it from week one"]);
  return rows;
}

/** "1,000 weekly active households" → metric "Weekly active households", target "1,000". */
export function splitMetric(m: string): { metric: string; target?: string } {
  const t = m.trim();
  const lead = /^((?:[€$£]\s?)?[\d.,]+\s*(?:%|k|x)?)\s+(.*)$/i.exec(t);
  if (lead) return { metric: upperFirst(lead[2]!.replace(/^(in|of|at|more|new)\s+/i, "")), target: lead[1] };
  const inner = /^(.*?)\s+((?:of |at |to |above |over )?(?:[€$£]\s?)?[\d.,]+\s*%?.*)$/i.exec(t);
  if (inner && /\d/.test(inner[2]!)) return { metric: upperFirst(inner[1]!), target: inner[2] };
  return { metric: upperFirst(t) };
}

/** The user's metrics with their targets; practice's metrics to set when none were given. */
function metricRows(ctx: WriterContext): string[][] {
  const own = items(ctx.facts.successMetrics);
  const rows = own.map((m) => {
    const { metric, target } = splitMetric(m);
    return [metric, target ?? `Set a number ${PROPOSAL}`, `Product analytics, reviewed weekly ${PROPOSAL}`];
  });
  if (!own.length)
    for (const m of ctx.k.metrics)
      rows.push([`${upperFirst(m)} ${PROPOSAL}`, "Set a number", "Product analytics"]);
  return rows;
}

export const prd: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const stories = storiesOf(ctx);
  const retracted = Object.values(f).flatMap((v) => v?.retracted ?? []);
  const open: string[] = [];
  for (const id of ["problem", "goals", "keyFeatures", "successMetrics", "constraints"] as const)
    if (!f[id]) open.push(ask(id).replace(/^> /, ""));
  open.push(
    "Which single metric decides whether the first version worked, and by when?",
    `Which of the Should stories could wait until after launch?`,
  );
  if (!items(f.competitors).length) open.push("What do people use instead today?");
  return [
    {
      title: "Problem",
      body: [
        f.problem ? sentence(f.problem.value) : ask("problem"),
        f.audience ? `**Who has it:** ${sentence(f.audience.value)}` : ask("audience"),
      ].join("\n\n"),
    },
    {
      title: "Goals and non-goals",
      body: [
        items(f.goals).length
          ? `**Goals**\n\n${bullets(items(f.goals).map((g) => sentence(g)))}`
          : ask("goals"),
        `**Non-goals**\n\n${bullets([
          ...retracted.map((r) => `${sentence(r)} (you took this out of scope)`),
          ...ctx.k.nonGoals.map((n) => `${n} ${PROPOSAL}`),
        ])}`,
      ].join("\n\n"),
    },
    {
      title: "User stories",
      body: stories.length
        ? stories
            .map(
              (s) =>
                `**${s.id}** (${s.priority}) ${s.text}\n\nAcceptance criteria ${PROPOSAL}:\n${bullets(s.criteria)}`,
            )
            .join("\n\n")
        : ask("keyFeatures"),
    },
    {
      title: "Requirements",
      body: stories.length
        ? `${table(
            ["ID", "Requirement", "Priority (MoSCoW)", "Story"],
            [
              ...stories.map((s, i) => [`R-${i + 1}`, sentence(s.feature), s.priority, s.id]),
              ...retracted.map((r, i) => [`R-W${i + 1}`, sentence(r), "Won't (this version)", "—"]),
            ],
          )}\n\nPriorities follow the order you gave the features ${PROPOSAL}: move them before the first planning session.`
        : ask("keyFeatures"),
    },
    {
      title: "Success metrics",
      body: table(["Metric", "Target", "How it is measured"], metricRows(ctx)),
    },
    {
      title: "Risks and constraints",
      body: `${table(["Constraint", "Risk", "Mitigation"], risks(ctx))}${
        items(f.platforms).length ? `\n\n**Platforms:** ${items(f.platforms).join(", ")}.` : ""
      }`,
    },
    {
      title: "Competitive context",
      body: items(f.competitors).length
        ? `People use these today: ${items(f.competitors).join(", ")}. The competitive analysis compares them.`
        : ask("competitors"),
    },
    { title: "Open questions", body: numbered(open) },
  ];
};

/** "Sign up → add items → get reminders" → ["Sign up", "add items", "get reminders"]. */
export const flowSteps = (flow: string) =>
  flow
    .split(/\s*(?:→|->|=>|>|\bthen\b|,)\s*/i)
    .map((s) => s.trim().replace(/[.!]+$/, ""))
    .filter(Boolean);

/** Requirements a feature of this sort usually carries. */
function specific(feature: string, p: string): string[] {
  const f = feature.toLowerCase();
  const out: string[] = [];
  if (/remind|notif|alert/.test(f))
    out.push(`The system shall let the ${p} choose when reminders arrive, snooze them and turn them off.`);
  if (/photo|scan|camera|image/.test(f))
    out.push("The system shall fall back to manual entry when a photo cannot be read.");
  if (/share|shared|invite|family|household|team/.test(f))
    out.push("The system shall sync changes between members within 5 seconds when online.");
  if (/plan|calendar|schedul/.test(f))
    out.push("The system shall update everything built from the plan when the plan changes.");
  if (/pay|checkout|subscri|order|shop\b|wrapping/.test(f))
    out.push("The system shall never charge twice for one order and shall email a receipt.");
  if (/search|filter|find/.test(f)) out.push("The system shall suggest alternatives when nothing matches.");
  if (/list|inventory|items?\b|catalog/.test(f))
    out.push(`The system shall let the ${p} edit, reorder and delete each entry.`);
  if (/newsletter|sign-?up|email/.test(f))
    out.push("The system shall confirm a sign-up by email (double opt-in) and unsubscribe in one click.");
  return out.slice(0, 2).map((r) => `${r} ${PROPOSAL}`);
}

export const frd: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const features = items(f.keyFeatures);
  const flows = items(f.userFlows);
  const platforms = items(f.platforms);
  const p = ctx.k.person;
  const perFeature = features.map((feat, i) => {
    const n = i + 1;
    const reqs = [
      isVerbPhrase(feat)
        ? `The system shall let the ${p} ${clause(feat).replace(/^to\s+/, "")}.`
        : `The system shall provide ${clause(feat)}${platforms.length ? ` on ${platforms.map((x) => x.replace(/\s+(first|later)$/i, "")).join(" and ")}` : ""}.`,
      ...specific(feat, p),
      `The system shall show an empty state that explains ${clause(feat)} before first use.`,
      `The system shall explain a failure of ${clause(feat)} in plain words and keep what the ${p} entered.`,
    ];
    return `### F${n}. ${upperFirst(clause(feat))}\n\n${reqs.map((r, j) => `- **FR-${n}.${j + 1}** ${r}`).join("\n")}`;
  });
  const perFlow = flows.map((flow, i) => {
    const steps = flowSteps(flow);
    return `### Flow ${i + 1}: ${steps.slice(0, 2).map(clause).join(" → ")}${steps.length > 2 ? " → …" : ""}\n\n${steps
      .map(
        (s, j) =>
          `${j + 1}. **FL-${i + 1}.${j + 1}** ${upperFirst(clause(s))}: the system shall ${j === 0 ? "start here from the main navigation" : `continue from step ${j} without asking again for what it already knows`}.`,
      )
      .join("\n")}`;
  });
  const nfr = items(f.nonFunctional).map((q, i) => {
    const l = q.toLowerCase();
    const measure = /offline/.test(l)
      ? "the main flow completes with the network off and syncs within 1 minute of reconnecting"
      : /wcag|access/.test(l)
        ? "WCAG 2.2 AA: 0 failures in an automated audit and a screen-reader pass of every flow"
        : /fast|perform|speed|load/.test(l)
          ? "the key screen is usable within 2 s on a mid-range phone over 4G"
          : /privacy|gdpr|shar|secur/.test(l)
            ? "personal data is encrypted in transit and at rest, and exportable and deletable by its owner"
            : "a check for it is part of every release";
    return `- **NFR-${i + 1}** ${sentence(q)} Measured by: ${measure} ${PROPOSAL}.`;
  });
  return [
    {
      title: "Scope",
      body: features.length
        ? `${ctx.product} version 1 covers ${features.length} feature${features.length > 1 ? "s" : ""}: ${features.map(clause).join(", ")}.`
        : ask("keyFeatures"),
    },
    { title: "Functional requirements per feature", body: perFeature.join("\n\n") || ask("keyFeatures") },
    { title: "Flows", body: perFlow.join("\n\n") || ask("userFlows") },
    {
      title: "Platforms and integrations",
      body: [
        platforms.length ? `**Platforms:** ${platforms.join(", ")}.` : ask("platforms"),
        items(f.integrations).length
          ? `**Integrations:**\n\n${items(f.integrations)
              .map(
                (x, i) =>
                  `- **INT-${i + 1}** ${sentence(x)} When it is unavailable the system shall degrade gracefully and retry.`,
              )
              .join("\n")}`
          : f.integrations
            ? "**Integrations:** none in the first version."
            : ask("integrations"),
      ].join("\n\n"),
    },
    {
      title: "Data",
      body: items(f.dataEntities).length
        ? `${sentence(f.dataEntities!.value)}\n\nThe ERD draws these entities with their keys and relationships.`
        : ask("dataEntities"),
    },
    { title: "Non-functional requirements", body: nfr.join("\n") || ask("nonFunctional") },
  ];
};

/** What a design principle asks of a screen, read from its words. */
function principleInPractice(p: string): string {
  const l = p.toLowerCase();
  if (/calm|quiet|simple|clutter|minimal/.test(l))
    return "one primary action per screen, at most five navigation entries";
  if (/one.?hand|thumb/.test(l)) return "primary actions in the bottom third of the screen";
  if (/touch|target|big/.test(l)) return "touch targets of at least 48 × 48 dp";
  if (/fast|quick|speed/.test(l)) return "the main task in three taps or fewer";
  if (/friendly|warm|playful/.test(l)) return "illustrated empty states and encouraging microcopy";
  if (/trust|clear|honest|transparen/.test(l))
    return "prices, costs and consequences shown before the user commits";
  return "checked in every design review against the key screen";
}

export const drd: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const platforms = items(f.platforms);
  const mobile = platforms.some((p) => /ios|android|mobile|phone|app/i.test(p)) || !platforms.length;
  const desktop = platforms.some((p) => /web|desktop|browser|dashboard/i.test(p));
  const targets = [
    [
      "DR-1",
      "Text contrast",
      "≥ 4.5:1 for body text, ≥ 3:1 for large text and UI parts (WCAG 2.2 AA)",
      "Contrast checker on every colour pair",
    ],
    [
      "DR-2",
      "Touch targets",
      mobile ? "≥ 44 × 44 pt on iOS, ≥ 48 × 48 dp on Android" : "≥ 24 × 24 CSS px (WCAG 2.5.8)",
      "Measure in the design file",
    ],
    [
      "DR-3",
      "States",
      "Every component has default, focus, pressed, disabled, loading, empty and error states",
      "Component inventory review",
    ],
    [
      "DR-4",
      "Focus",
      "Visible focus indicator, ≥ 3:1 against its background, on every interactive element",
      "Keyboard walk-through",
    ],
    ["DR-5", "Text size", "Body ≥ 16 px; layouts survive 200% text zoom", "Zoom test"],
    [
      "DR-6",
      "Motion",
      "Animations ≤ 300 ms and off when the system asks for reduced motion",
      "OS setting test",
    ],
  ];
  return [
    {
      title: "Users and context",
      body: [
        f.audience ? sentence(f.audience.value) : ask("audience"),
        items(f.painPoints).length
          ? `The design must remove: ${items(f.painPoints).map(clause).join("; ")}.`
          : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    },
    {
      title: "Design principles",
      body: items(f.designPrinciples).length
        ? table(
            ["Principle", "What it means on screen"],
            items(f.designPrinciples).map((p) => [
              upperFirst(clause(p)),
              `${upperFirst(principleInPractice(p))} ${PROPOSAL}`,
            ]),
          )
        : ask("designPrinciples"),
    },
    {
      title: "Platforms and breakpoints",
      body: `${platforms.length ? `**Platforms:** ${platforms.join(", ")}.` : ask("platforms")}\n\n${table(
        ["Breakpoint", "Width", "Layout"],
        [
          ...(mobile ? [["Phone", "360–428 px", "One column, bottom navigation"]] : []),
          ["Tablet", "768–1024 px", "Two columns where lists meet details"],
          ...(desktop || !mobile ? [["Desktop", "≥ 1280 px", "Side navigation, content max 1200 px"]] : []),
        ],
      )}`,
    },
    {
      title: "Key flows and their states",
      body: items(f.userFlows).length
        ? bullets(
            items(f.userFlows).map(
              (fl) =>
                `${upperFirst(clause(fl))}: design the first-time, empty, loading, error and success states`,
            ),
          )
        : ask("userFlows"),
    },
    {
      title: "Measurable design targets",
      body: `${table(
        ["ID", "Requirement", "Target", "How verified"],
        [
          ...targets,
          ...items(f.nonFunctional).map((q, i) => [
            `DR-${targets.length + i + 1}`,
            upperFirst(clause(q)),
            "As stated in the brief",
            "Release checklist",
          ]),
        ],
      )}`,
    },
    {
      title: "Visual direction",
      body: f.visualIdentity
        ? `${sentence(f.visualIdentity.value)} The brand identity turns this into a palette with contrast figures.`
        : ask("visualIdentity"),
    },
  ];
};

export { personasOf };
