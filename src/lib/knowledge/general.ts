/**
 * Short, substantive answers to the general UX and product questions founders ask along the way
 * ("what is a PRD?", "how many interviews?", "what should the MVP include?"). Each topic lists the
 * words that identify it; `generalAnswer` picks the topic whose words a question uses most.
 */

export interface GeneralTopic {
  id: string;
  /** Lower-case words or phrases; a question matching more of them ranks higher. */
  keywords: readonly string[];
  answer: string;
}

export const GENERAL_TOPICS: readonly GeneralTopic[] = [
  {
    id: "prd",
    keywords: ["prd", "product requirements", "requirements document", "frd", "drd", "difference"],
    answer:
      "A PRD (product requirements document) says what to build and why: the problem, goals and non-goals, the audience, features as user stories with acceptance criteria, success metrics and constraints. An FRD turns each feature into numbered, testable functional requirements; a DRD sets the design requirements (principles, platforms, accessibility targets). Start with the PRD: the other two refine it.",
  },
  {
    id: "persona",
    keywords: ["persona", "personas", "proto-persona", "how many personas"],
    answer:
      "A persona is a short, realistic profile of one segment of your audience: their situation, goals, frustrations, behaviours and a quote in their words. Two or three are enough for a first version; write them as assumptions (proto-personas) and replace the guesses with what five to eight interviews per segment tell you.",
  },
  {
    id: "interviews",
    keywords: [
      "interview",
      "interviews",
      "talk to users",
      "validate",
      "validation",
      "research",
      "how many users",
    ],
    answer:
      "Talk to five to eight people per segment about what they did recently, not what they would do (“tell me about the last time you…”). Stop when new answers stop surprising you. Pair with a landing page or a pre-order to test whether they will act, not just agree.",
  },
  {
    id: "mvp",
    keywords: [
      "mvp",
      "first version",
      "scope",
      "minimum viable",
      "what to build first",
      "too many features",
      "prioritise",
      "prioritize",
    ],
    answer:
      "Scope the first version around one job for one segment: the shortest path from sign-up to the first win, and nothing that does not serve it. Sort candidate features with MoSCoW (must, should, could, won't) and ship only the musts; write the won'ts down as non-goals so nobody builds them by accident.",
  },
  {
    id: "metrics",
    keywords: ["metric", "metrics", "kpi", "kpis", "measure", "north star", "success"],
    answer:
      "Pick one north-star metric that grows only when users get value (weekly active users doing the key action, orders, paid subscribers), then two or three supporting ones: activation (first key action), retention (still active after four weeks) and a money metric. Set a target and a date for each.",
  },
  {
    id: "pricing",
    keywords: ["price", "pricing", "charge", "how much", "monetize", "monetise", "revenue", "business model"],
    answer:
      "Price on the value to the customer and on what they pay for the alternative, not on your costs alone. Offer few choices (two or three tiers, the middle one the anchor), test a higher price than feels comfortable with early customers, and check the margin covers acquisition.",
  },
  {
    id: "wireframe",
    keywords: ["wireframe", "wireframes", "mockup", "sketch", "screen", "layout"],
    answer:
      "Start with the most important screen, in greyscale, with real content lengths: what people see first, the one main action, and how they get to the rest. Test it with five people on paper or a clickable prototype before any visual design.",
  },
  {
    id: "sitemap",
    keywords: ["sitemap", "site map", "navigation", "information architecture", "menu", "ia"],
    answer:
      "List every page once, in a hierarchy no deeper than three levels, and put the three to five most-used destinations in the main navigation (a tab bar on mobile). Use the words your users use for labels, and check them with a quick card sort or tree test.",
  },
  {
    id: "brand",
    keywords: [
      "brand",
      "branding",
      "values",
      "voice",
      "tone",
      "personality",
      "logo",
      "colours",
      "colors",
      "identity",
    ],
    answer:
      "A brand starts from why you exist (the mission) and three to five values that rule things out, then a personality in a few adjectives, a voice (how you sound everywhere) and tone (how it shifts by situation: onboarding, success, errors). Colours, type and logo come last and follow from the personality; check text contrast is at least 4.5:1.",
  },
  {
    id: "gtm",
    keywords: [
      "launch",
      "go to market",
      "go-to-market",
      "gtm",
      "marketing",
      "first customers",
      "get users",
      "growth",
      "channels",
    ],
    answer:
      "Launch to one narrow segment where it already gathers (a community, a newsletter, a place), with one message about the problem you solve. Get the first 20–50 users by hand, learn why they stay, then add one channel at a time and measure the cost and conversion of each.",
  },
  {
    id: "competitors",
    keywords: ["competitor", "competitors", "competition", "alternatives", "differentiate", "compete"],
    answer:
      "List direct competitors, indirect ones and today's workarounds (spreadsheets, paper, doing nothing). Compare them on the jobs your audience cares about, not feature counts, and name the gap you take: the segment they serve badly or the promise they cannot make.",
  },
  {
    id: "accessibility",
    keywords: ["accessibility", "accessible", "wcag", "a11y", "screen reader", "contrast"],
    answer:
      "Aim for WCAG 2.2 AA from the start: text contrast of at least 4.5:1, touch targets of at least 24×24 px (44 px is comfortable), everything reachable by keyboard, visible focus, labels on every input and no information carried by colour alone. It is far cheaper designed in than fixed later.",
  },
];

const normalize = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9 -]+/g, " ")
    .replace(/\s+/g, " ")} `;

/** The topic whose keywords the question uses most (longer keywords weigh more); undefined if none. */
export function generalAnswer(question: string): GeneralTopic | undefined {
  const q = normalize(question);
  let best: { topic: GeneralTopic; score: number } | undefined;
  for (const topic of GENERAL_TOPICS) {
    const score = topic.keywords.reduce(
      (sum, k) => sum + (q.includes(` ${k} `) || q.includes(` ${k}s `) ? k.split(" ").length : 0),
      0,
    );
    if (score && (!best || score > best.score)) best = { topic, score };
  }
  return best?.topic;
}
