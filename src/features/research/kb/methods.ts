/**
 * The knowledge base's UX methods and guidance, written for uXPRT: what each method is for, when it
 * fits, and how to run it well. Short on purpose: an entry is a pointer the guide and the artifacts
 * can cite, not a textbook chapter. Ids are stable (they become uxprt://kb/<id> links in artifacts).
 */
import type { KbEntry } from "./types";

export const METHODS: readonly KbEntry[] = [
  {
    id: "methods/user-interviews",
    title: "User interviews",
    tags: ["research", "qualitative", "audience", "personas", "pain points", "goals"],
    body: "One-to-one conversations, 30–60 minutes, about what people did recently rather than what they would do. Ask open questions (“tell me about the last time you…”), follow up on specifics and stay quiet longer than feels natural. Five to eight interviews per audience segment usually surface the main patterns; stop when new ones stop appearing.",
  },
  {
    id: "methods/surveys",
    title: "Surveys",
    tags: ["research", "quantitative", "audience", "validation", "segments"],
    body: "Questionnaires measure how common something is once interviews have told you what to ask about. Keep them short (under ten minutes), ask one thing per question, offer balanced scales and pilot with three people first. A survey cannot tell you why: pair it with interviews.",
  },
  {
    id: "methods/contextual-inquiry",
    title: "Contextual inquiry",
    tags: ["research", "observation", "behaviours", "workflow", "qualitative"],
    body: "Watch people do the real task where they normally do it, and ask about it as it happens. It reveals workarounds, interruptions and tools nobody mentions in an interview. Plan 60–90 minutes per visit and note the environment as well as the steps.",
  },
  {
    id: "methods/diary-study",
    title: "Diary studies",
    tags: ["research", "longitudinal", "behaviours", "habits", "journey"],
    body: "Participants log moments of a behaviour over one to four weeks, with prompts on a schedule or when the behaviour happens. Good for habits and journeys that stretch over days, such as meal planning or onboarding. Keep each entry under two minutes or people stop writing.",
  },
  {
    id: "methods/stakeholder-interviews",
    title: "Stakeholder interviews",
    tags: ["research", "goals", "constraints", "business", "alignment"],
    body: "Talk to the people who fund, build, sell and support the product before designing it. Ask about goals, success measures, constraints, risks and what they have already tried. Disagreements found here are cheaper than those found after launch.",
  },
  {
    id: "methods/personas",
    title: "Personas",
    tags: ["personas", "audience", "segments", "goals", "pain points", "behaviours"],
    body: "A persona is an archetype of one audience segment, built from research: goals, frustrations, behaviours, context and a quote in their own words. Two to four personas are enough; each should change a design decision, or it is decoration. Mark which facts come from research and which are assumptions.",
  },
  {
    id: "methods/proto-personas",
    title: "Proto-personas",
    tags: ["personas", "assumptions", "audience", "workshop"],
    body: "When there is no time for research yet, a team writes its assumptions about users as proto-personas, clearly labelled as hypotheses. They align the team and show what to validate first. Replace them with research-based personas as interviews come in.",
  },
  {
    id: "methods/jobs-to-be-done",
    title: "Jobs to be done",
    tags: ["goals", "motivation", "audience", "value proposition", "competitors"],
    body: "People “hire” a product to make progress in a situation: “when I…, I want to…, so I can…”. Framing needs as jobs shows competitors you would not list by category (a notebook competes with a planning app) and keeps features tied to outcomes.",
  },
  {
    id: "methods/empathy-map",
    title: "Empathy maps",
    tags: ["personas", "audience", "workshop", "synthesis"],
    body: "A one-page grid of what a user says, thinks, does and feels in a situation, filled from research notes. Useful in a workshop to turn interviews into shared understanding before writing personas or journeys.",
  },
  {
    id: "methods/affinity-mapping",
    title: "Affinity mapping",
    tags: ["synthesis", "research", "patterns", "workshop"],
    body: "Write each observation on its own note, then group notes by similarity and name the groups. Bottom-up grouping shows patterns that no single interview made obvious. Count how many participants support each group to tell themes from anecdotes.",
  },
  {
    id: "methods/journey-mapping",
    title: "Customer journey mapping",
    tags: ["journey", "touchpoints", "pain points", "opportunities", "audience"],
    body: "A journey map follows one persona through the stages of reaching a goal: actions, touchpoints, thoughts, emotions and pain points at each stage. Base it on research, keep one persona and one scenario per map, and end with the opportunities it reveals.",
  },
  {
    id: "methods/service-blueprint",
    title: "Service blueprints",
    tags: ["journey", "operations", "backstage", "touchpoints"],
    body: "A blueprint extends a journey map below the line of visibility: the staff actions, systems and policies that support each step. Use it when a product depends on people or processes behind the screen.",
  },
  {
    id: "methods/competitive-analysis",
    title: "Competitive analysis",
    tags: ["competitors", "alternatives", "positioning", "features", "pricing", "market"],
    body: "List direct competitors, indirect ones and the workarounds people use today. Compare them on the jobs your audience cares about, not on feature counts: audience, key features, pricing, strengths, weaknesses and how each positions itself. Finish with the gap you intend to fill.",
  },
  {
    id: "methods/heuristic-evaluation",
    title: "Heuristic evaluation",
    tags: ["evaluation", "usability", "review", "design"],
    body: "Two or three reviewers inspect an interface against usability principles (visibility of status, match with the real world, user control, consistency, error prevention, recognition over recall, and so on), independently, then merge findings by severity. Cheap and fast, but no substitute for watching users.",
  },
  {
    id: "methods/usability-testing",
    title: "Usability testing",
    tags: ["evaluation", "usability", "prototype", "tasks", "validation"],
    body: "Give five or so representative users realistic tasks on a prototype or product and watch where they struggle, without helping. Ask them to think aloud. Test early with rough prototypes; fix the biggest problems and test again rather than running one large study.",
  },
  {
    id: "methods/card-sorting",
    title: "Card sorting",
    tags: ["information architecture", "navigation", "sitemap", "pages"],
    body: "Participants group topics written on cards into categories that make sense to them (open sort) or into your proposed categories (closed sort). It informs navigation labels and the sitemap; fifteen or more participants give stable patterns in an online sort.",
  },
  {
    id: "methods/tree-testing",
    title: "Tree testing",
    tags: ["information architecture", "navigation", "sitemap", "evaluation"],
    body: "Test a proposed hierarchy without any visual design: participants find where they would look for an item in a text-only tree. Success rates and first clicks show which labels and branches mislead before screens are drawn.",
  },
  {
    id: "methods/ab-testing",
    title: "A/B testing",
    tags: ["quantitative", "experiment", "metrics", "optimization"],
    body: "Show two variants to random halves of live traffic and compare one pre-chosen metric. Decide sample size and duration before starting, and do not stop early when the numbers look good. It answers which, never why.",
  },
  {
    id: "methods/analytics-review",
    title: "Analytics review",
    tags: ["quantitative", "metrics", "behaviours", "funnels"],
    body: "Product analytics show what people do at scale: where funnels leak, which features are used, how often people return. Define the questions first, check that events are tracked correctly, and follow surprising numbers with interviews.",
  },
  {
    id: "methods/how-might-we",
    title: "How might we questions",
    tags: ["ideation", "workshop", "opportunities", "problem"],
    body: "Turn each insight or pain point into a question starting with “How might we…”, broad enough to allow many answers and narrow enough to act on. They bridge research and ideation, and make a good agenda for a sketching session.",
  },
  {
    id: "methods/design-sprint",
    title: "Design sprints",
    tags: ["workshop", "prototype", "validation", "process"],
    body: "Five focused days: map the problem, sketch solutions, decide, build a realistic prototype and test it with five users. Best for a big, risky question where a team needs evidence quickly; less useful for incremental work.",
  },
  {
    id: "methods/kano-model",
    title: "Kano model",
    tags: ["features", "prioritization", "satisfaction", "survey"],
    body: "Classifies features by how their presence and absence affect satisfaction: basic expectations, performance features and delighters. Ask users paired questions (how would you feel if it had / did not have this) to decide what the first version must include.",
  },
  {
    id: "methods/value-proposition-canvas",
    title: "Value proposition canvas",
    tags: ["value proposition", "audience", "goals", "pain points", "positioning"],
    body: "Matches a customer profile (jobs, pains, gains) with the product's pain relievers and gain creators. A good fit addresses the pains that matter most to the segment; write one canvas per segment.",
  },
  {
    id: "methods/north-star-metric",
    title: "North star metric",
    tags: ["metrics", "success metrics", "goals", "kpi"],
    body: "One metric that captures the value customers get (for example weekly households planning at least three meals), supported by a few input metrics the team can move. Avoid vanity counts such as sign-ups that do not reflect value.",
  },
  {
    id: "guidance/accessibility",
    title: "Accessibility from the start (WCAG)",
    tags: ["accessibility", "wcag", "quality", "non-functional", "design principles"],
    body: "Design for keyboard use, visible focus, sufficient contrast (4.5:1 for body text), text alternatives, captions and touch targets of at least 44 px from the first wireframe. Aim for WCAG 2.2 AA, test with a screen reader, and include people with disabilities in research.",
  },
  {
    id: "guidance/research-questions",
    title: "Writing research questions",
    tags: ["research", "planning", "interviews", "goals"],
    body: "Start from decisions: what will the team decide differently depending on the answer? Write three to five research questions, then derive interview questions from them. Avoid leading questions and hypotheticals such as “would you use…”.",
  },
  {
    id: "guidance/recruiting",
    title: "Recruiting participants",
    tags: ["research", "audience", "screener", "interviews"],
    body: "Write a screener that selects on behaviour (did the thing recently) rather than demographics alone, and exclude colleagues and friends. Over-recruit by about 20% for no-shows, and offer a fair incentive for people's time.",
  },
  {
    id: "guidance/assumptions",
    title: "Separating facts from assumptions",
    tags: ["research", "personas", "validation", "risk"],
    body: "Label every statement in a persona, journey or requirement as observed, reported or assumed. Rank assumptions by risk (how bad if wrong) and uncertainty, and research the risky, uncertain ones first.",
  },
];
