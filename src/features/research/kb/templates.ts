/**
 * The knowledge base's artifact templates: for each artifact type, advice on writing it well and
 * its sections, which come from the pipeline catalogue so the template and the generated artifact
 * can never disagree about the outline.
 */
import { ARTIFACT_TYPES, ARTIFACTS, type ArtifactType } from "../../pipeline/catalogue";
import type { KbEntry } from "./types";

const ADVICE: Record<ArtifactType, string> = {
  personas:
    "Write two to four personas, each from a distinct segment found in research. Lead with goals and frustrations, not age and hobbies; a realistic quote and scenario make them memorable. Say which details are assumptions.",
  "user-journey":
    "Map one persona through one scenario, stage by stage: what they do, think and feel, where it hurts, and the opportunity at each step. Emotions drawn as a curve show where to focus.",
  "competitive-analysis":
    "Include direct competitors, indirect ones and today's workarounds. Compare on the jobs that matter to the audience, cite where each claim comes from, and end with the positioning gap you will take.",
  prd: "State the problem, who has it and why now before any feature. Give each feature a reason tied to a goal, list what is out of scope, and define how success will be measured.",
  frd: "Turn each feature into testable requirements (“the system shall…”) grouped by flow, with acceptance criteria, edge cases and the data each one reads or writes.",
  drd: "Describe the experience the design must create: principles, platforms, key flows, accessibility targets and visual direction. It guides designers without dictating pixels.",
  erd: "Name the entities in the singular, give each a key and the attributes the features need, and mark the cardinality of every relationship. Keep it to what the first version stores.",
  "c4-context":
    "Show the system as one box, the people who use it and the external systems it depends on, with one labelled arrow per interaction. No internals at this level.",
  flowchart:
    "Draw one main flow per chart from a clear start to a clear end, with decisions as questions and the unhappy paths included. Use the user's words for steps.",
  sitemap:
    "List every page once, in a hierarchy no deeper than three levels where possible, and show which pages are in the main navigation. Validate labels with a card sort or tree test.",
  wireframe:
    "Start with the most important screen, in greyscale, at real content length. Show hierarchy, navigation and the main action; leave colour and imagery for later.",
  "atomic-design-system":
    "Build from atoms (colour, type, spacing, buttons, inputs) to molecules and organisms, each with its states and accessibility notes. Name components after what they do.",
  "gtm-strategy":
    "Define the first segment precisely, the message that wins it, the channels where it already gathers, the price and the launch sequence, with metrics for each step.",
  "lean-canvas":
    "Fill the nine boxes in order: problem, segments, value proposition, solution, channels, revenue, costs, key metrics, unfair advantage. Treat every box as a hypothesis to test.",
  "voice-and-tone":
    "Describe the voice in three or four traits with “this, not that” pairs, then show how the tone shifts by situation (onboarding, success, error) with example sentences.",
  "core-values":
    "Keep three to five values, each with what it means in practice and a behaviour it rules out. Values that could belong to any company guide no decisions.",
  "brand-identity":
    "Derive the logo idea, palette, typography and imagery from the brand personality and audience, and check contrast and legibility at small sizes.",
  "brand-book":
    "Collect story, audience, values, voice and the visual identity in one document with do and don't examples, so anyone can apply the brand without asking.",
  "campaign-plan":
    "Tie the campaign to one season and one goal, count back from the last shipping date, give each week its job (tease, launch, proof, last chance), and protect the margin with bundles rather than discounts.",
  "content-calendar":
    "Pick three or four pillars the audience cares about, a cadence you can keep for months, one main piece a week cut down for each channel, and review the numbers monthly rather than daily.",
};

export const TEMPLATES: readonly KbEntry[] = ARTIFACT_TYPES.map((type) => {
  const spec = ARTIFACTS[type];
  return {
    id: `templates/${type}`,
    title: `${spec.title} template`,
    tags: ["template", ...spec.aliases],
    body: `${ADVICE[type]} Sections: ${spec.outline.map((s) => s.title).join("; ")}.`,
  };
});
