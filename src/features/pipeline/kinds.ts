/**
 * What the project's kind changes in the guide: which facts it asks in stage order, how it words
 * them, and which artifact types it offers. A shop, a newsletter, a service or a physical product is
 * not asked for a data model or external integrations and is not offered an ERD or a C4 diagram;
 * they stay available when asked for by name ("generate the ERD"), and then their facts are asked.
 */
import { isSoftware, type ProjectKind } from "../../lib/knowledge";
import {
  ARTIFACT_TYPES,
  type ArtifactType,
  FACTS,
  type FactId,
  type StageNumber,
  stageFacts,
} from "./catalogue";

/** Facts only software needs. */
const SOFTWARE_FACTS: readonly FactId[] = ["dataEntities", "integrations"];
/** Artifacts only software needs, offered to other kinds only when asked for. */
const SOFTWARE_ARTIFACTS: readonly ArtifactType[] = ["erd", "c4-context"];

const QUESTIONS: Partial<Record<ProjectKind, Partial<Record<FactId, string>>>> = {
  shop: {
    productName: "What is the shop called? A working name is fine.",
    problem: "What do you sell, and what need or wish does it answer for your customers?",
    keyFeatures:
      "What will you sell first (the range, collections, bestsellers), and what should make buying easy?",
    userFlows: "How does a customer buy, step by step: find, choose, pay, receive?",
    platforms: "Where will you sell: your own site (Shopify or similar), marketplaces like Etsy, in person?",
    nonFunctional:
      "What matters most about the shopping experience: fast pages, accessibility, secure checkout, delivery times?",
    designPrinciples: "How should the shop look and feel?",
    pages: "Which pages does the shop need (home, collections, product page, cart, about…)?",
    keyScreen: "What must the product page (your most important page) show and let people do?",
    uiComponents:
      "Which building blocks recur on the site: product cards, a size picker, reviews, a cart drawer?",
  },
  content: {
    productName: "What is it called? A working title is fine.",
    problem: "What is it about, and what does it give your audience that they can't get elsewhere?",
    keyFeatures:
      "What is in each issue or episode (format, regular sections), and how often does it come out?",
    userFlows: "How does someone go from discovering you to subscribing and reading (or listening)?",
    platforms: "Where will you publish: Substack, Beehiiv, YouTube, a podcast host, your own site?",
    nonFunctional:
      "Anything that matters about reading or listening: accessibility, load speed, privacy of subscribers?",
    pages: "Which pages does the site need (landing, archive, about, paid plan…)?",
    keyScreen: "What must the landing page show to turn a visitor into a subscriber?",
  },
  service: {
    productName: "What is the business called?",
    problem: "What do you do for clients, and what problem does it solve for them?",
    keyFeatures: "Which services or packages will you offer first?",
    userFlows: "How does a client go from finding you to booking and receiving the service, step by step?",
    platforms: "Where do clients find and book you: a website, phone, a booking tool, in person?",
    pages: "Which pages does the website need (services, case studies, booking, about…)?",
    keyScreen: "What must the home page or the booking page show?",
  },
  "physical-product": {
    problem: "What does the product do, and what problem does it solve for the people who buy it?",
    keyFeatures: "What are its key features or specs, and what does it do better than anything else?",
    userFlows: "How do people buy it, set it up and use it, step by step?",
    platforms: "Where will it be sold: your own site, crowdfunding, Amazon, retailers?",
    nonFunctional:
      "Which quality requirements matter: durability, safety certification, materials, warranty?",
    pages: "Which pages does its website need (product, specs, pre-order, support…)?",
    keyScreen: "What must the product page show?",
  },
};

/** The question for a fact, worded for the project's kind. */
export const questionFor = (kind: ProjectKind | undefined, id: FactId): string =>
  (kind && QUESTIONS[kind]?.[id]) ?? FACTS[id].question;

/** Whether the guide asks this fact in stage order for a project of this kind. */
export const askedFor = (kind: ProjectKind | undefined, id: FactId): boolean =>
  !kind || isSoftware(kind) || !SOFTWARE_FACTS.includes(id);

/** The facts of a stage the guide asks for this kind, in asking order. */
export const kindStageFacts = (kind: ProjectKind | undefined, n: StageNumber): FactId[] =>
  stageFacts(n).filter((id) => askedFor(kind, id));

/**
 * Types that fit only some kinds, offered to those alone (keyed by name, so the list can name types
 * the catalogue adds later: a campaign plan for a shop's season, a content calendar).
 */
const ONLY_FOR: Readonly<Record<string, readonly ProjectKind[]>> = {
  "campaign-plan": ["shop", "service", "physical-product", "marketplace"],
  "content-calendar": ["content", "shop", "service"],
};

/** Whether the guide offers this artifact type on its own for this kind. */
export function offeredFor(kind: ProjectKind | undefined, type: ArtifactType): boolean {
  const only = ONLY_FOR[type];
  if (only) return kind !== undefined && only.includes(kind);
  return !kind || isSoftware(kind) || !SOFTWARE_ARTIFACTS.includes(type);
}

/** The artifact types the guide offers for a kind, in catalogue order. */
export const kindArtifacts = (kind: ProjectKind | undefined): ArtifactType[] =>
  ARTIFACT_TYPES.filter((t) => offeredFor(kind, t));
