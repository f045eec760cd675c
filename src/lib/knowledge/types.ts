/**
 * The shape of the built-in UX knowledge per kind of project. Plain data: the guide answers free
 * questions from it, and the artifact writers derive proposals from it (metrics, personas,
 * palettes, launch phases). Nothing here knows the chat, the catalogue or HTTP.
 */

/** What kind of project a user is building; the guide infers it from the first messages. */
export const PROJECT_KINDS = [
  "software",
  "subscription-app",
  "marketplace",
  "shop",
  "content",
  "service",
  "physical-product",
] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** A named item with the reason it is suggested, so a suggestion can explain itself. */
export interface Suggestion {
  name: string;
  why: string;
}

export interface PricingPattern {
  name: string;
  /** How it works, with typical numbers where there are any. */
  detail: string;
}

export interface PersonaArchetype {
  /** A short handle, e.g. "The time-poor founder". */
  name: string;
  situation: string;
  goal: string;
  frustration: string;
}

export interface VoiceExample {
  situation: string;
  /** A sentence in the suggested voice. */
  line: string;
}

export interface SwatchSuggestion {
  role: "primary" | "secondary" | "accent" | "background" | "text";
  name: string;
  hex: string;
}

export interface LaunchPhase {
  name: string;
  weeks: string;
  focus: string;
}

export interface KindKnowledge {
  kind: ProjectKind;
  /** "Subscription app", for sentences like "for a subscription app, …". */
  label: string;
  /** One line on what the kind covers. */
  description: string;
  /** Software needs data models, system context and integrations; the other kinds do not by default. */
  software: boolean;
  /** Words and phrases whose presence in a user's description points to this kind (lower case). */
  signals: readonly string[];
  /** Metrics worth tracking, most important first. */
  metrics: readonly Suggestion[];
  /** Pains this kind's customers typically have, to probe in interviews. */
  painPoints: readonly string[];
  /** The categories competitors and alternatives come from. */
  competitorCategories: readonly Suggestion[];
  pricingPatterns: readonly PricingPattern[];
  /** Screens (or pages, or touchpoints for non-software) a first version needs. */
  screens: readonly string[];
  /** Typical first-version features or offer elements. */
  features: readonly string[];
  /** Channels that usually reach this kind's customers. */
  channels: readonly string[];
  /** Typical costs to plan for. */
  costs: readonly string[];
  /** Artifact type ids (the pipeline catalogue's), in the order each audience should see them. */
  artifactsFirst: {
    investors: readonly string[];
    developers: readonly string[];
    /** Why that order, in one sentence. */
    why: string;
  };
  personaArchetypes: readonly PersonaArchetype[];
  /** The stages of this kind's customer journey. */
  journeyStages: readonly string[];
  brand: {
    values: readonly Suggestion[];
    personality: readonly string[];
    voice: string;
    voiceExamples: readonly VoiceExample[];
    palette: readonly SwatchSuggestion[];
  };
  launchPhases: readonly LaunchPhase[];
}
