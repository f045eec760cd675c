/**
 * What a practitioner brings to a brief beyond the user's words, as the writers need it: the
 * project's kind and its knowledge from the shared knowledge base (src/lib/knowledge: metrics,
 * competitor categories, channels, journey stages, persona archetypes, palettes, launch phases),
 * plus the few artifact-specific templates only the writers use (what happens at each journey
 * stage, the criteria people compare on, budget splits, typical non-goals and risks).
 * Writers mark everything taken from here as a proposal; the user's own facts always come first.
 */
import {
  inferKind,
  kindKnowledge,
  type KindKnowledge as Shared,
  type ProjectKind,
} from "../../../lib/knowledge";
import type { Facts } from "./doc";

export type { ProjectKind };

/** The kind the facts describe (the knowledge base's inference); software when nothing says otherwise. */
export function projectKind(facts: Facts): ProjectKind {
  const say = [
    facts.productName,
    facts.problem,
    facts.keyFeatures,
    facts.valueProposition,
    facts.pricing,
    facts.channels,
    facts.audience,
    facts.goals,
    facts.platforms,
  ]
    .map((f) => f?.value ?? "")
    .join(". ");
  return inferKind(say)?.kind ?? "software";
}

export interface StageTemplate {
  stage: string;
  /** Words that place one of the user's own journey steps in this stage. */
  cue: RegExp;
  action: string;
  touchpoint: string;
  feeling: string;
  opportunity: string;
}

type StageDetail = Omit<StageTemplate, "stage">;

/** What typically happens at a journey stage, found by the stage's name in the knowledge base. */
const STAGE_DETAILS: readonly [RegExp, StageDetail][] = [
  [
    /need arises/i,
    {
      cue: /\b(need|problem|breaks?|notice)/i,
      action: "Notices the need",
      touchpoint: "Everyday life, a friend's advice",
      feeling: "Stressed or unsure where to start",
      opportunity: "Be findable for the words people use for the problem",
    },
  ],
  [
    /discover/i,
    {
      cue: /\b(see|sees|saw|hear|hears|find|finds|post|clip|reel|ad|friend|discover)/i,
      action: "Hears about it from a friend, a post or a search",
      touchpoint: "Social post, search result, word of mouth",
      feeling: "Curious but sceptical",
      opportunity: "Show the outcome in one sentence and one picture",
    },
  ],
  [
    /sign up/i,
    {
      cue: /\b(install|sign|download|register|account|join|onboard)/i,
      action: "Creates an account",
      touchpoint: "Onboarding screens",
      feeling: "Impatient",
      opportunity: "Ask for the minimum; let them try before the account",
    },
  ],
  [
    /^try/i,
    {
      cue: /\b(try|trial|test|free)/i,
      action: "Tries it for free",
      touchpoint: "Trial, free tier",
      feeling: "Hopeful, quick to judge",
      opportunity: "Reach the first success inside the trial's first day",
    },
  ],
  [
    /first use|activate/i,
    {
      cue: /\b(scan|add|create|first|set up|gets?|use|open)/i,
      action: "Does the main task for the first time",
      touchpoint: "Key screen, empty states",
      feeling: "Hopeful, easily lost",
      opportunity: "A guided first task with sample content",
    },
  ],
  [
    /first issue/i,
    {
      cue: /\b(read|reads|watch|listen|issue|episode)/i,
      action: "Reads or watches the first piece",
      touchpoint: "Inbox, feed, episode page",
      feeling: "Judging whether it is worth the time",
      opportunity: "A strong first minute and a clear promise of what comes next",
    },
  ],
  [
    /subscribe/i,
    {
      cue: /\b(subscrib|follow|sign)/i,
      action: "Subscribes to get more",
      touchpoint: "Sign-up form, pricing page",
      feeling: "Cautious about spam or a commitment",
      opportunity: "Say how often, what they get and how to leave",
    },
  ],
  [
    /search|browse|research/i,
    {
      cue: /\b(visit|visits|browse|look|search|compare|save|saves|wishlist|pin)/i,
      action: "Looks around and compares",
      touchpoint: "Product or listing pages",
      feeling: "Unsure which to choose",
      opportunity: "Clear photos, sizes, prices and a short story per item",
    },
  ],
  [
    /compare|decide/i,
    {
      cue: /\b(compare|decide|choose|review|trust)/i,
      action: "Weighs the options and checks reviews",
      touchpoint: "Reviews, comparison, FAQ",
      feeling: "Wary of making the wrong choice",
      opportunity: "Reviews and guarantees next to the price",
    },
  ],
  [
    /enquire|book/i,
    {
      cue: /\b(enquir|book|call|quote|contact)/i,
      action: "Asks for a quote or books",
      touchpoint: "Contact form, booking page, phone",
      feeling: "Wants a quick, clear answer",
      opportunity: "A price range and the next free slot on the page",
    },
  ],
  [
    /buy|transact|back\b/i,
    {
      cue: /\b(buy|buys|order|pay|checkout|purchase|back)/i,
      action: "Pays",
      touchpoint: "Checkout",
      feeling: "Wary of surprises",
      opportunity: "Shipping costs and delivery dates before checkout",
    },
  ],
  [
    /receive|unbox|delivered/i,
    {
      cue: /\b(receive|arrive|deliver|unbox|parcel|set up)/i,
      action: "Receives it and starts using it",
      touchpoint: "Packaging, delivery emails, the service itself",
      feeling: "Excited, sometimes anxious",
      opportunity: "A welcome note that invites a photo or review",
    },
  ],
  [
    /^use$|habit/i,
    {
      cue: /\b(every|daily|weekly|again|return|remind|habit|opens?)/i,
      action: "Comes back and repeats it",
      touchpoint: "Notifications, inbox, home screen",
      feeling: "Satisfied when it saves time, annoyed by noise",
      opportunity: "Few, well-timed reminders the person controls",
    },
  ],
  [
    /renew|churn/i,
    {
      cue: /\b(renew|cancel|churn|leave)/i,
      action: "Renews or cancels",
      touchpoint: "Billing emails, account page",
      feeling: "Weighing the value against the price",
      opportunity: "Show what they got this month before the renewal",
    },
  ],
  [
    /review|recommend|share|rebuy|return|follow-up|rebook|pay or share/i,
    {
      cue: /\b(share|invite|recommend|review|again|rebuy|rebook|tell|pay|paying|member)/i,
      action: "Buys again, pays or recommends",
      touchpoint: "Share link, review request, newsletter",
      feeling: "Loyal when remembered",
      opportunity: "Make sharing or rebuying a natural next step",
    },
  ],
];

const GENERIC: StageDetail = {
  cue: /$^/,
  action: "Moves to the next step",
  touchpoint: "To map",
  feeling: "To learn in interviews",
  opportunity: "To find in research",
};

const stage = (name: string): StageTemplate => ({
  stage: name,
  ...(STAGE_DETAILS.find(([re]) => re.test(name))?.[1] ?? GENERIC),
});

export interface KindKnowledge {
  kind: ProjectKind;
  label: string;
  /** "customer", "user", "reader": what the people are called. */
  person: string;
  journey: readonly StageTemplate[];
  competitorCategories: readonly { name: string; why: string }[];
  criteria: readonly string[];
  channels: readonly string[];
  metrics: readonly string[];
  nonGoals: readonly string[];
  risks: readonly string[];
  phases: readonly { name: string; weeks: string; focus: string }[];
  budgetSplit: readonly { line: string; share: number }[];
  archetypes: Shared["personaArchetypes"];
  palette: Shared["brand"]["palette"];
}

const PERSON: Record<ProjectKind, string> = {
  software: "user",
  "subscription-app": "user",
  marketplace: "buyer",
  shop: "customer",
  content: "reader",
  service: "client",
  "physical-product": "customer",
};

const CRITERIA: Partial<Record<ProjectKind, readonly string[]>> = {
  shop: ["Uniqueness of the products", "Price", "Delivery speed and cost", "Trust and reviews"],
  "physical-product": ["Quality and durability", "Price", "Delivery", "Reviews"],
  content: ["Depth and trust", "Regularity", "Price", "Community"],
  service: ["Expertise", "Price clarity", "Availability", "Reviews"],
  marketplace: ["Choice", "Trust and safety", "Fees", "Speed"],
};
const SOFTWARE_CRITERIA = [
  "Time to first value",
  "Fits the daily routine",
  "Price",
  "Works on the user's devices",
];

const NON_GOALS: Partial<Record<ProjectKind, readonly string[]>> = {
  shop: ["A marketplace for other sellers", "International shipping in the first season"],
  content: ["Daily publishing", "Every platform at once"],
  service: ["Serving every kind of client", "Custom work outside the packages"],
};
const SOFTWARE_NON_GOALS = [
  "Native apps for every platform at once",
  "Integrations beyond the first one that matters",
];

const RISKS: Partial<Record<ProjectKind, readonly string[]>> = {
  shop: ["Stock runs out or piles up", "Shipping costs eat the margin"],
  content: ["Publishing cadence slips", "Growth depends on one platform's algorithm"],
  service: ["Too much time goes to unpaid quotes", "One large client becomes most of the income"],
};
const SOFTWARE_RISKS = [
  "Users do not come back after the first week",
  "The first task takes too long to reach",
];

const BUDGET: Partial<Record<ProjectKind, readonly { line: string; share: number }[]>> = {
  shop: [
    { line: "Photography and content", share: 0.35 },
    { line: "Paid social", share: 0.35 },
    { line: "Samples and events", share: 0.2 },
    { line: "Packaging extras", share: 0.1 },
  ],
  content: [
    { line: "Production (editing, design)", share: 0.45 },
    { line: "Collaborations and promotion", share: 0.35 },
    { line: "Tools and hosting", share: 0.2 },
  ],
};
const SOFTWARE_BUDGET = [
  { line: "Content and community", share: 0.4 },
  { line: "Paid tests", share: 0.3 },
  { line: "Referral incentives", share: 0.2 },
  { line: "Tools", share: 0.1 },
];

export function knowledgeOf(kind: ProjectKind): KindKnowledge {
  const k = kindKnowledge(kind);
  return {
    kind,
    label: k.label,
    person: PERSON[kind],
    journey: k.journeyStages.map(stage),
    competitorCategories: k.competitorCategories,
    criteria: CRITERIA[kind] ?? SOFTWARE_CRITERIA,
    channels: k.channels.map((c) => c[0]!.toUpperCase() + c.slice(1)),
    metrics: k.metrics.map((m) => m.name),
    nonGoals: NON_GOALS[kind] ?? SOFTWARE_NON_GOALS,
    risks: RISKS[kind] ?? SOFTWARE_RISKS,
    phases: k.launchPhases.map((p) => ({ ...p, weeks: p.weeks[0]!.toUpperCase() + p.weeks.slice(1) })),
    budgetSplit: BUDGET[kind] ?? (kind === "physical-product" ? BUDGET.shop! : SOFTWARE_BUDGET),
    archetypes: k.personaArchetypes,
    palette: k.brand.palette,
  };
}
