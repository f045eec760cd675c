/**
 * The market: competitive analysis, go-to-market strategy, Lean Canvas, and the plans of projects
 * that are not software (a shop's seasonal campaign, a creator's content calendar).
 */
import {
  PROPOSAL,
  bullets,
  cell,
  clause,
  items,
  nth,
  numbered,
  sentence,
  table,
  text,
  upperFirst,
  who,
} from "./doc";
import { splitMetric } from "./requirements";
import { ask, type TypeWriter, type WriterContext } from "./context";
import { role } from "./requirements";

const WORKAROUND =
  /paper|spreadsheet|excel|notes?\b|whatsapp|memory|pen|notebook|email|google (sheets|docs)|nothing|manual/i;
const MARKET = /amazon|etsy|supermarket|marketplace|chain|ikea|walmart|zara/i;

interface Rival {
  name: string;
  kind: string;
  strong: string;
  weak: string;
  named: boolean;
}

/** Each alternative the user named, classified; practice's categories when fewer than three were named. */
function rivals(ctx: WriterContext): Rival[] {
  const vp = text(ctx.facts.valueProposition);
  const named = items(ctx.facts.competitors)
    .map(upperFirst)
    .map((name): Rival => {
      if (WORKAROUND.test(name))
        return {
          name,
          kind: "Workaround",
          strong: "Free and already familiar",
          weak: "Manual: nothing reminds, syncs or adapts",
          named: true,
        };
      if (MARKET.test(name))
        return {
          name,
          kind: "Big platform",
          strong: "Reach, range and convenience",
          weak: "Generic: not built around this audience's job",
          named: true,
        };
      return {
        name,
        kind: "Direct competitor",
        strong: "Established product for the same job",
        weak: vp ? `To check in a teardown: does it match “${clause(vp)}”?` : "To find out in a teardown",
        named: true,
      };
    });
  const have = new Set(named.map((r) => r.kind));
  const extra = ctx.k.competitorCategories
    .filter((c) => !have.has(c.name))
    .slice(0, Math.max(0, 3 - named.length))
    .map(
      (c): Rival => ({
        name: `${c.name} (${c.why})`,
        kind: c.name,
        strong: "To research",
        weak: "To research",
        named: false,
      }),
    );
  return [...named, ...extra];
}

export const competitive: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const list = rivals(ctx);
  const features = items(f.keyFeatures).slice(0, 6);
  const vp = text(f.valueProposition);
  return [
    {
      title: "Market and audience",
      body: f.audience
        ? `${sentence(f.audience.value)} People compare options on: ${ctx.k.criteria.join(", ").toLowerCase()} ${PROPOSAL}.`
        : ask("audience"),
    },
    {
      title: "Comparison",
      body: table(
        ["Alternative", "Type", "Strength", "Weakness", ...ctx.k.criteria.slice(0, 2)],
        [
          ...list.map((r) => [
            r.name,
            r.kind,
            `${r.strong}${r.named && r.strong !== "To research" ? ` ${PROPOSAL}` : ""}`,
            `${r.weak} ${PROPOSAL}`,
            "To verify",
            "To verify",
          ]),
          [
            `**${ctx.product}**`,
            "Ours",
            vp ? upperFirst(clause(vp)) : "Value proposition still open",
            `New: no reviews or track record yet ${PROPOSAL}`,
            "Target: best in class",
            "See pricing",
          ],
        ],
      ),
    },
    {
      title: "Feature comparison",
      body: features.length
        ? `${table(
            ["Feature", ctx.product, ...list.map((r) => r.name)],
            features.map((feat) => [
              upperFirst(clause(feat)),
              "Yes (v1)",
              ...list.map((r) => (r.kind === "Workaround" ? "No" : "To verify")),
            ]),
          )}\n\n"To verify" cells need a teardown: sign up, use the main flow, note what it does.`
        : ask("keyFeatures"),
    },
    {
      title: "Positioning",
      body: [
        `For ${f.audience ? clause(f.audience.value) : `the ${ctx.k.person}s`}${items(f.painPoints)[0] ? ` who struggle with ${clause(items(f.painPoints)[0]!)}` : ""}, **${ctx.product}** ${vp ? `is ${clause(vp)}` : "needs a one-line value proposition"}. Unlike ${
          list
            .filter((r) => r.named)
            .map((r) => r.name)
            .join(", ") || "the alternatives"
        }, it is built around that one job.`,
        `Positioning map ${PROPOSAL}: effort to use (low → high) against fit for ${role(ctx)}s (generic → specific). Aim for low effort and specific fit, where the workarounds and the big platforms are not.`,
      ].join("\n\n"),
    },
    {
      title: "Pricing comparison",
      body: f.pricing
        ? `**${ctx.product}:** ${sentence(f.pricing.value)} Compare with each alternative's price in the teardown.`
        : ask("pricing"),
    },
  ];
};

/** A budget the user gave (€, $, £ amounts) in the constraints or costs. */
function budget(ctx: WriterContext): { amount: number; symbol: string } | undefined {
  const say = `${text(ctx.facts.constraints) ?? ""} ${text(ctx.facts.costs) ?? ""}`;
  const m = /([€$£])\s?(\d[\d,.]*)\s*(k)?|(\d[\d,.]*)\s*(k)?\s?(€|eur|euros?|usd|dollars?|£|gbp)/i.exec(say);
  if (!m) return undefined;
  const num = Number((m[2] ?? m[4]!).replace(/,/g, ""));
  const symbol = m[1] ?? (/€|eur/i.test(m[6]!) ? "€" : /£|gbp/i.test(m[6]!) ? "£" : "$");
  return Number.isFinite(num) ? { amount: num * (m[3] || m[5] ? 1000 : 1), symbol } : undefined;
}

function budgetTable(ctx: WriterContext): string {
  const b = budget(ctx);
  const amount = b?.amount ?? 1000;
  // Without a budget, the currency the prices are in.
  const sym = b?.symbol ?? /[€$£]/.exec(text(ctx.facts.pricing) ?? "")?.[0] ?? "€";
  const none = /\bno\s+(?:ad\s+|marketing\s+|paid\s+)?budget\b/i.test(text(ctx.facts.constraints) ?? "");
  const rows = ctx.k.budgetSplit.map((l) => [
    l.line,
    `${Math.round(l.share * 100)}%`,
    `${sym}${Math.round(amount * l.share).toLocaleString("en")}`,
  ]);
  return `${b ? `From the budget you gave (${sym}${amount.toLocaleString("en")}):` : none ? `You have no paid budget: put time into the unpaid lines first; once money comes, split it like this, per ${sym}1,000 ${PROPOSAL}.` : `No budget was given: the split below is per ${sym}1,000 ${PROPOSAL}.`}\n\n${table(["Line", "Share", "Amount"], rows)}`;
}

/** The knowledge base's launch phases, each with the metric that says it is done. */
const phaseRows = (ctx: WriterContext, metric: (i: number) => string): string[][] =>
  ctx.k.phases.map((p, i) => [p.name, p.weeks, upperFirst(p.focus), metric(i)]);

/** "weeks 9–16" or "from week 21" → the last week the plan names. */
const lastWeek = (ctx: WriterContext) =>
  Math.max(...ctx.k.phases.map((p) => Number(p.weeks.match(/(\d+)\D*$/)?.[1] ?? 0)));

export const gtm: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const channels = items(f.channels).length
    ? items(f.channels).map(upperFirst)
    : ctx.k.channels.map((c) => `${c} ${PROPOSAL}`);
  const metrics = items(f.successMetrics).length ? items(f.successMetrics) : [...ctx.k.metrics];
  const features = items(f.keyFeatures);
  return [
    {
      title: "Summary",
      body: `${ctx.product} launches to ${f.audience ? clause(f.audience.value) : "its first segment"} with one promise: ${f.valueProposition ? clause(f.valueProposition.value) : "a value proposition still to write"}. The plan runs in ${ctx.k.phases.length} phases over about ${lastWeek(ctx)} weeks ${PROPOSAL}.`,
    },
    {
      title: "Segments",
      body: table(
        ["Segment", "Why them first"],
        [
          [
            f.audience ? upperFirst(clause(f.audience.value)) : "Primary segment (open question)",
            items(f.painPoints)[0]
              ? `They feel ${clause(items(f.painPoints)[0]!)} most`
              : "Closest to the problem",
          ],
          [
            `Early adopters within it: people ${items(f.behaviours)[0] ? who(items(f.behaviours)[0]!) : "who already look for a better way"} ${PROPOSAL}`,
            "Easiest to reach and most forgiving",
          ],
        ],
      ),
    },
    {
      title: "Message",
      body: [
        `**Headline** ${PROPOSAL}: “${f.valueProposition ? upperFirst(clause(f.valueProposition.value)) : `${ctx.product}, made for ${role(ctx)}s`}.”`,
        features.length
          ? `**Proof points:**\n\n${bullets(features.slice(0, 3).map((x) => upperFirst(clause(x))))}`
          : "",
        f.problem ? `**The problem it names:** ${sentence(f.problem.value)}` : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    },
    {
      title: "Channels",
      body: table(
        ["Channel", "First action", "Measure"],
        channels.map((c, i) => [
          c,
          `${["Post the launch story", "Partner with one voice the segment trusts", "Offer an early-bird reason to join"][i % 3]} ${PROPOSAL}`,
          nth(metrics, i) ?? "Sign-ups",
        ]),
      ),
    },
    {
      title: "Launch plan",
      body: table(
        ["Phase", "When", "Focus", "Exit metric"],
        phaseRows(ctx, (i) => `${upperFirst(clause(nth(metrics, i) ?? "sign-ups"))} ${PROPOSAL}`),
      ),
    },
    { title: "Budget", body: budgetTable(ctx) },
    { title: "Pricing", body: f.pricing ? sentence(f.pricing.value) : ask("pricing") },
    {
      title: "Metrics",
      body: table(
        ["Metric", "Target"],
        metrics.map((m) => {
          const { metric, target } = splitMetric(m);
          return [metric, target ?? `Set a number ${PROPOSAL}`];
        }),
      ),
    },
    {
      title: "Competitive positioning",
      body: items(f.competitors).length
        ? `Against ${items(f.competitors).join(", ")}: lead with what they do not do. The competitive analysis holds the comparison.`
        : ask("competitors"),
    },
  ];
};

const box = (f: WriterContext["facts"][keyof WriterContext["facts"]], fallback: string) =>
  cell(
    items(f)
      .map((x) => upperFirst(clause(x)))
      .join(" · ") || fallback,
  );

export const leanCanvas: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const open = "Open question";
  const alternatives = items(f.competitors).join(" · ") || open;
  const early = items(f.behaviours)[0] ? `People ${who(items(f.behaviours)[0]!)} ${PROPOSAL}` : open;
  return [
    {
      title: "Canvas",
      body: [
        table(
          ["Problem", "Solution", "Unique value proposition", "Unfair advantage", "Customer segments"],
          [
            [
              box(f.problem, open),
              box(f.keyFeatures, open),
              box(f.valueProposition, open),
              box(f.unfairAdvantage, open),
              box(f.audience, open),
            ],
          ],
        ),
        table(
          ["Existing alternatives", "Key metrics", "High-level concept", "Channels", "Early adopters"],
          [
            [
              alternatives,
              box(f.successMetrics, open),
              `${ctx.product}: ${f.valueProposition ? clause(f.valueProposition.value) : open} ${PROPOSAL}`,
              box(f.channels, open),
              early,
            ],
          ],
        ),
        table(["Cost structure", "Revenue streams"], [[box(f.costs, open), box(f.pricing, open)]]),
      ].join("\n\n"),
    },
    {
      title: "Riskiest assumptions",
      body: numbered([
        `${f.problem ? `That ${clause(f.problem.value)}` : "That the problem exists"}, often enough to pay for a fix.`,
        `That the first channel${f.channels ? ` (${items(f.channels)[0] ?? f.channels.value})` : ""} reaches the segment at a cost the price can carry.`,
        `That people accept the price${f.pricing ? ` (${clause(f.pricing.value)})` : ""}: test with a pre-sale or a fake-door page ${PROPOSAL}.`,
      ]),
    },
  ];
};

const SEASON =
  /(christmas|holiday season|black friday|valentine'?s?|mother'?s day|father'?s day|easter|summer|spring|autumn|fall|winter|back to school|halloween)/i;

export const campaignPlan: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const say = [f.goals, f.constraints, f.channels, f.valueProposition].map((x) => x?.value ?? "").join(" ");
  const season = SEASON.exec(say)?.[1];
  const channels = items(f.channels).length
    ? items(f.channels).map(upperFirst)
    : ctx.k.channels.map((c) => `${c} ${PROPOSAL}`);
  const metrics = items(f.successMetrics).length ? items(f.successMetrics) : [...ctx.k.metrics];
  const weeks = [
    ["Week −2", "Tease", "Behind the scenes of the collection; open the early list"],
    ["Week −1", "Warm up", "Show the products in use; early-list preview"],
    ["Week 1", "Launch", "Sales open; list first, everyone a day later"],
    ["Week 2", "Social proof", "Customer photos and reviews; gift guide"],
    ["Week 3", "Last chance", "Shipping deadline and restock news"],
  ];
  return [
    {
      title: "Campaign goal",
      body: [
        items(f.goals).length ? bullets(items(f.goals).map(sentence)) : ask("goals"),
        `Season: ${season ? upperFirst(season) : `to set, with its last shipping date ${PROPOSAL}`}.`,
      ].join("\n\n"),
    },
    { title: "Audience", body: f.audience ? sentence(f.audience.value) : ask("audience") },
    {
      title: "Offer and message",
      body: [
        f.valueProposition ? `**Message:** ${sentence(f.valueProposition.value)}` : ask("valueProposition"),
        f.pricing
          ? `**Offer:** ${sentence(f.pricing.value)}`
          : `**Offer** ${PROPOSAL}: a bundle or a gift wrap rather than a discount, to protect the margin.`,
      ].join("\n\n"),
    },
    {
      title: "Timeline",
      body: table(
        ["When", "Phase", "What happens", ...channels.slice(0, 3)],
        weeks.map((w, i) => [
          ...w,
          ...channels.slice(0, 3).map((_, j) => ((i + j) % 2 ? "Post" : "Story + email")),
        ]),
      ),
    },
    {
      title: "Channel plan",
      body: table(
        ["Channel", "Content", "Frequency"],
        channels.map((c, i) => [
          c,
          [
            "Product in use, prices visible",
            "Early access and stories behind the pieces",
            "Meet people and take pre-orders",
          ][i % 3]!,
          `${["3 posts a week", "1 email a week", "Every weekend of the campaign"][i % 3]} ${PROPOSAL}`,
        ]),
      ),
    },
    { title: "Budget", body: budgetTable(ctx) },
    {
      title: "Metrics",
      body: table(
        ["Metric", "Target", "Check"],
        metrics.map((m) => {
          const { metric, target } = splitMetric(m);
          return [metric, target ?? `Set a number ${PROPOSAL}`, "Every Monday of the campaign"];
        }),
      ),
    },
  ];
};

export const contentCalendar: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const pillars = [...items(f.userGoals), ...items(f.painPoints)]
    .slice(0, 4)
    .map((x) => upperFirst(clause(x)));
  const channels = items(f.channels).length
    ? items(f.channels).map(upperFirst)
    : ctx.k.channels.map((c) => `${c} ${PROPOSAL}`);
  const formats = ["How-to", "Story", "Q&A", "Behind the scenes"];
  const weeks = [1, 2, 3, 4];
  return [
    {
      title: "Content pillars",
      body: pillars.length
        ? table(
            ["Pillar", "Why the audience cares"],
            pillars.map((p, i) => [
              p,
              i < items(f.userGoals).length
                ? "It is what they want to achieve"
                : "It is what frustrates them",
            ]),
          )
        : ask("userGoals"),
    },
    {
      title: "Cadence",
      body: `${f.constraints ? `Within your constraints (${clause(f.constraints.value)}), ` : ""}one main piece a week and one short cut-down per channel ${PROPOSAL}. Publish on the same day each week.`,
    },
    {
      title: "Calendar",
      body: table(
        ["Week", "Pillar", "Main piece", ...channels.slice(0, 3)],
        weeks.map((w) => {
          const pillar = nth(pillars, w - 1) ?? "Open pillar";
          return [
            `Week ${w}`,
            pillar,
            `${formats[(w - 1) % formats.length]}: ${pillar.toLowerCase()}`,
            ...channels.slice(0, 3).map((_, j) => (j === 0 ? "Main piece" : "Clip or quote")),
          ];
        }),
      ),
    },
    {
      title: "Formats by channel",
      body: table(
        ["Channel", "Format", "Length"],
        channels.map((c, i) => [
          c,
          ["Long form", "Short clip", "Thread or carousel"][i % 3]!,
          `${["1,000–1,500 words or 15 min", "30–60 s", "5–8 slides"][i % 3]} ${PROPOSAL}`,
        ]),
      ),
    },
    {
      title: "Metrics",
      body: bullets(
        (items(f.successMetrics).length
          ? items(f.successMetrics)
          : ctx.k.metrics.map((m) => `${m} ${PROPOSAL}`)
        ).map((m) => upperFirst(clause(m))),
      ),
    },
  ];
};
