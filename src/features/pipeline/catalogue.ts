/**
 * The catalogue of the UX pipeline, shared by the guide (chat) and by artifact generation.
 *
 * - STAGES: the five stages of seed 000, in order.
 * - FACTS: everything the guide may ask, each with the stage where it is asked and the question.
 * - ARTIFACTS: every artifact type, with the facts it needs, the facts it can use, and its section
 *   outline (each section names the facts that fill it, so a generator can write an explicit open
 *   question where one is missing instead of filler).
 * - AGENTS: the three guides and the stages they lead.
 *
 * Plain data with no behaviour, so the artifacts feature can import it without the chat.
 */

export const STAGE_NUMBERS = [1, 2, 3, 4, 5] as const;
export type StageNumber = (typeof STAGE_NUMBERS)[number];

export interface StageSpec {
  number: StageNumber;
  name: string;
  /** One line the guide says when the stage begins. */
  intro: string;
  /** Whether the stage benefits from web research (used when a research port is configured). */
  research: boolean;
}

export const STAGES: readonly StageSpec[] = [
  {
    number: 1,
    name: "Project initiation and goals",
    intro: "We start with the idea itself: the problem, the goals and how you will know it worked.",
    research: false,
  },
  {
    number: 2,
    name: "Target audience and personas",
    intro: "Now the people: who they are, what they want, what gets in their way.",
    research: true,
  },
  {
    number: 3,
    name: "Requirement documents (PRD, FRD, DRD, ERD)",
    intro: "Next the requirements: what the first version does, for which platforms, and what data it keeps.",
    research: false,
  },
  {
    number: 4,
    name: "Diagrams, wireframes and sitemaps",
    intro: "Time to give it a shape: pages, navigation and the key screen.",
    research: false,
  },
  {
    number: 5,
    name: "Go-to-market, Lean Canvas and brand",
    intro: "Finally the business and the brand: value, channels, money, and how it looks and sounds.",
    research: true,
  },
];

export const stageSpec = (n: StageNumber): StageSpec => STAGES[n - 1]!;

export const FACT_IDS = [
  "productName",
  "problem",
  "goals",
  "successMetrics",
  "constraints",
  "audience",
  "userGoals",
  "painPoints",
  "behaviours",
  "journey",
  "competitors",
  "keyFeatures",
  "userFlows",
  "platforms",
  "nonFunctional",
  "designPrinciples",
  "dataEntities",
  "integrations",
  "pages",
  "navigation",
  "keyScreen",
  "uiComponents",
  "valueProposition",
  "channels",
  "pricing",
  "costs",
  "unfairAdvantage",
  "mission",
  "coreValues",
  "brandPersonality",
  "voice",
  "visualIdentity",
] as const;
export type FactId = (typeof FACT_IDS)[number];

export interface FactSpec {
  id: FactId;
  label: string;
  stage: StageNumber;
  question: string;
  /** An example answer, given when the user asks what is meant. */
  example: string;
  /** Answers are split into items (features, metrics, …). */
  list: boolean;
  /** Other names users type for it, e.g. in "metrics: …" or "change the name". */
  aliases: readonly string[];
}

const fact = (
  id: FactId,
  stage: StageNumber,
  label: string,
  question: string,
  example: string,
  list: boolean,
  aliases: string[] = [],
): FactSpec => ({
  id,
  stage,
  label,
  question,
  example,
  list,
  aliases,
});

export const FACTS: Readonly<Record<FactId, FactSpec>> = Object.fromEntries(
  [
    fact(
      "productName",
      1,
      "Product name",
      "What is the product called? A working title is fine.",
      "“Pantry Pal”",
      false,
      ["name", "product", "title", "working title"],
    ),
    fact(
      "problem",
      1,
      "Problem",
      "What problem does it solve, and for whom is it painful today?",
      "“Busy parents throw away food because they forget what is in the fridge.”",
      false,
      ["problem statement", "pain"],
    ),
    fact(
      "goals",
      1,
      "Goals",
      "What are the main goals: what should be true when the project succeeds?",
      "“Cut food waste at home; make weekly meal planning take five minutes.”",
      true,
      ["goal", "objectives", "objective", "vision"],
    ),
    fact(
      "successMetrics",
      1,
      "Success metrics",
      "How will you measure success? One to three metrics are enough.",
      "“1,000 weekly active households; 30% less food thrown away after two months.”",
      true,
      ["metrics", "kpis", "kpi", "success", "key metrics"],
    ),
    fact(
      "constraints",
      1,
      "Constraints",
      "Any constraints: budget, deadline, team size, technology or regulation?",
      "“Two developers, launch in four months, must work offline.”",
      true,
      ["constraint", "limits", "budget", "deadline"],
    ),
    fact(
      "audience",
      2,
      "Target audience",
      "Who is the target audience? Describe the main group: role, age range, situation.",
      "“Parents aged 28–45 in cities, both working, cooking for 3–5 people.”",
      false,
      ["audience", "target", "users", "customers", "customer segments", "segments", "demographic"],
    ),
    fact(
      "userGoals",
      2,
      "User goals",
      "What are those people trying to achieve?",
      "“Know what to cook tonight; shop once a week; waste less.”",
      true,
      ["user goals", "needs", "jobs to be done"],
    ),
    fact(
      "painPoints",
      2,
      "Pain points",
      "What frustrates them today?",
      "“Forgotten leftovers; duplicate purchases; no time to plan.”",
      true,
      ["pain points", "frustrations", "pains"],
    ),
    fact(
      "behaviours",
      2,
      "Behaviours",
      "How do they behave today: which tools and habits, and where do they spend their time?",
      "“Shopping lists in WhatsApp; recipes from Instagram; shop on Saturdays.”",
      true,
      ["behaviors", "behaviour", "behavior", "habits"],
    ),
    fact(
      "journey",
      2,
      "Journey",
      "Walk me through how someone discovers the product and uses it for the first time.",
      "“Sees a friend's post, installs the app, scans the fridge, gets three recipe ideas.”",
      false,
      ["user journey", "customer journey", "first use"],
    ),
    fact(
      "competitors",
      2,
      "Competitors and alternatives",
      "What do people use instead today: competitors, other apps, workarounds?",
      "“Paper lists, Mealime, supermarket apps.”",
      true,
      ["competition", "alternatives", "competitor"],
    ),
    fact(
      "keyFeatures",
      3,
      "Key features",
      "What are the key features of the first version?",
      "“Fridge inventory by photo; expiry reminders; weekly meal plan; shared shopping list.”",
      true,
      ["features", "feature", "solution", "scope", "mvp"],
    ),
    fact(
      "userFlows",
      3,
      "Main user flows",
      "What are the main things a user does, step by step?",
      "“Sign up → add items → get reminders → plan the week → shop from the list.”",
      true,
      ["flows", "user flows", "flow", "user stories", "use cases"],
    ),
    fact(
      "platforms",
      3,
      "Platforms",
      "Which platforms: web, iOS, Android, desktop?",
      "“iOS and Android first, a web dashboard later.”",
      true,
      ["platform", "devices"],
    ),
    fact(
      "nonFunctional",
      3,
      "Quality requirements",
      "Which quality requirements matter most: performance, security, privacy, accessibility?",
      "“Works offline; WCAG AA; household data never shared.”",
      true,
      ["non-functional", "nonfunctional", "nfr", "quality", "quality requirements"],
    ),
    fact(
      "designPrinciples",
      3,
      "Design principles",
      "Which design principles or look and feel should guide the interface?",
      "“Calm, one-handed use, big touch targets, no clutter.”",
      true,
      ["design principles", "principles", "look and feel"],
    ),
    fact(
      "dataEntities",
      3,
      "Data entities",
      "What are the main things the product stores, and how do they relate?",
      "“A household has members and items; an item has an expiry date; a plan has meals.”",
      true,
      ["entities", "data", "data model", "data entities"],
    ),
    fact(
      "integrations",
      3,
      "Integrations",
      "Which external systems or services does it connect to? Say “none” if none.",
      "“Stripe for payments, a recipe API, push notifications.”",
      true,
      ["integration", "external systems", "apis", "services"],
    ),
    fact(
      "pages",
      4,
      "Pages and screens",
      "What are the main pages or screens?",
      "“Home, Fridge, Plan, Shopping list, Settings.”",
      true,
      ["pages", "screens", "views"],
    ),
    fact(
      "navigation",
      4,
      "Navigation",
      "How do people move between them: what is in the main navigation?",
      "“A bottom tab bar: Fridge, Plan, List; settings behind the avatar.”",
      false,
      ["nav", "menu structure", "navigation"],
    ),
    fact(
      "keyScreen",
      4,
      "Key screen",
      "What must the most important screen show and let people do?",
      "“The fridge: items sorted by expiry, add by photo, tap for recipes.”",
      false,
      ["key screen", "main screen", "home screen"],
    ),
    fact(
      "uiComponents",
      4,
      "UI building blocks",
      "Which interface building blocks recur: buttons, forms, cards, lists, charts?",
      "“Item cards, a photo button, list rows with swipe actions, a date picker.”",
      true,
      ["components", "ui components", "building blocks"],
    ),
    fact(
      "valueProposition",
      5,
      "Value proposition",
      "In one sentence: why would someone choose it over the alternatives?",
      "“The only planner that starts from what is already in your fridge.”",
      false,
      ["uvp", "value prop", "value proposition", "differentiator"],
    ),
    fact(
      "channels",
      5,
      "Channels",
      "Through which channels will you reach customers?",
      "“Parenting communities, Instagram creators, school newsletters.”",
      true,
      ["channel", "marketing channels", "distribution"],
    ),
    fact(
      "pricing",
      5,
      "Pricing and revenue",
      "How will it make money: pricing and revenue streams?",
      "“Free for one household member; €3/month family plan.”",
      false,
      ["price", "revenue", "revenue streams", "business model", "monetization"],
    ),
    fact(
      "costs",
      5,
      "Cost structure",
      "What are the main costs to build and run it?",
      "“Two salaries, cloud hosting, image recognition API.”",
      true,
      ["cost", "cost structure", "expenses"],
    ),
    fact(
      "unfairAdvantage",
      5,
      "Unfair advantage",
      "What do you have that others cannot easily copy or buy?",
      "“A partnership with a supermarket chain's receipt data.”",
      false,
      ["unfair advantage", "moat", "advantage"],
    ),
    fact(
      "mission",
      5,
      "Mission",
      "What is the mission: the “why” behind the product?",
      "“No good food should end up in the bin.”",
      false,
      ["why", "purpose", "brand story"],
    ),
    fact(
      "coreValues",
      5,
      "Core values",
      "Which three to five values should guide the brand?",
      "“Thrift, warmth, honesty.”",
      true,
      ["values", "core values"],
    ),
    fact(
      "brandPersonality",
      5,
      "Brand personality",
      "Three to five adjectives for the brand's personality?",
      "“Friendly, practical, a little cheeky.”",
      true,
      ["personality", "adjectives", "brand personality"],
    ),
    fact(
      "voice",
      5,
      "Voice and tone",
      "How should it sound: formal or casual, playful or serious, and does that change by situation?",
      "“Casual and encouraging; serious and short in error messages.”",
      false,
      ["tone", "voice and tone", "brand voice"],
    ),
    fact(
      "visualIdentity",
      5,
      "Visual identity",
      "Any colours, typefaces, logo ideas or imagery you like, or want to avoid?",
      "“Fresh greens, a rounded sans-serif, hand-drawn food illustrations; no stock photos.”",
      false,
      ["visuals", "colours", "colors", "logo", "typography", "identity", "visual identity"],
    ),
  ].map((f) => [f.id, f]),
) as Record<FactId, FactSpec>;

/** The facts the guide asks in a stage, in asking order. */
export const stageFacts = (n: StageNumber): FactId[] => FACT_IDS.filter((id) => FACTS[id].stage === n);

export const AGENT_IDS = ["product", "design", "brand"] as const;
export type AgentId = (typeof AGENT_IDS)[number];

export interface AgentSpec {
  id: AgentId;
  name: string;
  /** What the agent is for, in its own words; also the heart of its system prompt. */
  persona: string;
  stages: readonly StageNumber[];
}

export const AGENTS: Readonly<Record<AgentId, AgentSpec>> = {
  product: {
    id: "product",
    name: "Product guide",
    persona: "Goals, scope and requirements are my thing.",
    stages: [1, 3],
  },
  design: {
    id: "design",
    name: "Design guide",
    persona: "People, flows, structure and screens are my thing.",
    stages: [2, 4],
  },
  brand: {
    id: "brand",
    name: "Brand guide",
    persona: "Positioning, go-to-market, voice and identity are my thing.",
    stages: [5],
  },
};

export const ARTIFACT_TYPES = [
  "personas",
  "user-journey",
  "competitive-analysis",
  "prd",
  "frd",
  "drd",
  "erd",
  "c4-context",
  "flowchart",
  "sitemap",
  "wireframe",
  "atomic-design-system",
  "gtm-strategy",
  "lean-canvas",
  "voice-and-tone",
  "core-values",
  "brand-identity",
  "brand-book",
  "campaign-plan",
  "content-calendar",
] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

export interface Section {
  title: string;
  facts: readonly FactId[];
}

export interface ArtifactSpec {
  type: ArtifactType;
  title: string;
  stage: StageNumber;
  agent: AgentId;
  /** Without these the artifact would be guesswork: the guide asks for them before offering it. */
  needs: readonly FactId[];
  /** Used when known, never asked for on this artifact's account. */
  uses: readonly FactId[];
  outline: readonly Section[];
  /** How the body is written: Markdown, or a diagram language inside Markdown. */
  format: "markdown" | "mermaid" | "layout";
  /** Names users type for it ("lean canvas", "gtm"). */
  aliases: readonly string[];
}

const s = (title: string, ...facts: FactId[]): Section => ({ title, facts });

const artifact = (
  a: Omit<ArtifactSpec, "uses" | "format"> & Partial<Pick<ArtifactSpec, "uses" | "format">>,
): ArtifactSpec => ({
  uses: [],
  format: "markdown",
  ...a,
});

export const ARTIFACTS: Readonly<Record<ArtifactType, ArtifactSpec>> = Object.fromEntries(
  [
    artifact({
      type: "personas",
      title: "User personas",
      stage: 2,
      agent: "design",
      needs: ["audience", "userGoals", "painPoints", "behaviours"],
      uses: ["journey", "productName", "keyFeatures"],
      aliases: ["personas", "persona", "user personas"],
      outline: [
        s("About these personas", "audience"),
        s("Personas", "userGoals", "painPoints", "behaviours"),
        s("How to validate", "behaviours"),
      ],
    }),
    artifact({
      type: "user-journey",
      title: "User journey map",
      stage: 2,
      agent: "design",
      needs: ["audience", "journey", "painPoints", "userGoals"],
      uses: ["behaviours", "keyFeatures"],
      aliases: ["user journey", "journey map", "customer journey", "journey"],
      outline: [
        s("Persona and scenario", "audience", "userGoals", "journey"),
        s("Journey map", "journey", "behaviours"),
        s("Moments that matter", "painPoints"),
      ],
    }),
    artifact({
      type: "competitive-analysis",
      title: "Competitive analysis",
      stage: 2,
      agent: "product",
      needs: ["productName", "audience", "competitors"],
      uses: ["keyFeatures", "valueProposition", "pricing", "painPoints", "behaviours"],
      aliases: ["competitive analysis", "competitor analysis", "competition analysis"],
      outline: [
        s("Market and audience", "audience"),
        s("Comparison", "competitors", "valueProposition"),
        s("Feature comparison", "keyFeatures", "competitors"),
        s("Positioning", "valueProposition", "painPoints"),
        s("Pricing comparison", "pricing"),
      ],
    }),
    artifact({
      type: "prd",
      title: "Product requirements document",
      stage: 3,
      agent: "product",
      needs: ["productName", "problem", "audience", "goals", "keyFeatures", "successMetrics", "constraints"],
      uses: ["userGoals", "competitors", "platforms"],
      aliases: ["prd", "product requirements", "product requirements document"],
      outline: [
        s("Problem", "problem", "audience"),
        s("Goals and non-goals", "goals"),
        s("User stories", "keyFeatures", "userGoals"),
        s("Requirements", "keyFeatures"),
        s("Success metrics", "successMetrics"),
        s("Risks and constraints", "constraints", "platforms"),
        s("Competitive context", "competitors"),
        s("Open questions", "successMetrics"),
      ],
    }),
    artifact({
      type: "frd",
      title: "Functional requirements document",
      stage: 3,
      agent: "product",
      needs: ["productName", "keyFeatures", "userFlows", "platforms", "nonFunctional"],
      uses: ["integrations", "dataEntities"],
      aliases: ["frd", "functional requirements", "functional requirements document"],
      outline: [
        s("Scope", "productName", "keyFeatures"),
        s("Functional requirements per feature", "keyFeatures"),
        s("Flows", "userFlows"),
        s("Platforms and integrations", "platforms", "integrations"),
        s("Data", "dataEntities"),
        s("Non-functional requirements", "nonFunctional"),
      ],
    }),
    artifact({
      type: "drd",
      title: "Design requirements document",
      stage: 3,
      agent: "design",
      needs: ["productName", "audience", "designPrinciples", "platforms", "userFlows"],
      uses: ["painPoints", "visualIdentity", "nonFunctional"],
      aliases: ["drd", "design requirements", "design requirements document"],
      outline: [
        s("Users and context", "audience", "painPoints"),
        s("Design principles", "designPrinciples"),
        s("Platforms and breakpoints", "platforms"),
        s("Key flows and their states", "userFlows"),
        s("Measurable design targets", "nonFunctional"),
        s("Visual direction", "visualIdentity"),
      ],
    }),
    artifact({
      type: "erd",
      title: "Entity relationship diagram",
      stage: 3,
      agent: "product",
      format: "mermaid",
      needs: ["productName", "dataEntities"],
      uses: ["keyFeatures"],
      aliases: ["erd", "entity relationship diagram", "er diagram", "data model"],
      outline: [s("Diagram", "dataEntities"), s("Entities", "dataEntities"), s("Notes", "keyFeatures")],
    }),
    artifact({
      type: "c4-context",
      title: "C4 system context diagram",
      stage: 4,
      agent: "design",
      format: "mermaid",
      needs: ["productName", "audience", "platforms", "integrations"],
      uses: ["keyFeatures"],
      aliases: ["c4", "c4 context", "context diagram", "system context", "system context diagram"],
      outline: [
        s("Diagram", "productName", "audience", "integrations"),
        s("People", "audience"),
        s("The system", "productName", "platforms", "keyFeatures"),
        s("External systems", "integrations"),
      ],
    }),
    artifact({
      type: "flowchart",
      title: "Flowchart",
      stage: 4,
      agent: "design",
      format: "mermaid",
      needs: ["userFlows"],
      uses: ["keyFeatures", "pages"],
      aliases: ["flowchart", "flow chart", "flow diagram", "user flow diagram"],
      outline: [s("Diagram", "userFlows"), s("Steps and decisions", "userFlows", "keyFeatures")],
    }),
    artifact({
      type: "sitemap",
      title: "Sitemap",
      stage: 4,
      agent: "design",
      needs: ["productName", "pages", "navigation"],
      uses: ["userFlows"],
      aliases: ["sitemap", "site map"],
      outline: [
        s("Diagram", "pages"),
        s("Page hierarchy", "pages"),
        s("Navigation", "navigation"),
        s("Paths through the site", "userFlows"),
      ],
    }),
    artifact({
      type: "wireframe",
      title: "Wireframe",
      stage: 4,
      agent: "design",
      format: "layout",
      needs: ["pages", "keyScreen", "platforms"],
      uses: ["uiComponents", "navigation"],
      aliases: ["wireframe", "wireframes", "mockup"],
      outline: [
        s("Layout", "keyScreen", "platforms"),
        s("Screen content", "keyScreen", "uiComponents"),
        s("Navigation", "navigation", "pages"),
        s("Annotations", "keyScreen"),
      ],
    }),
    artifact({
      type: "atomic-design-system",
      title: "Atomic design system",
      stage: 4,
      agent: "design",
      needs: ["productName", "uiComponents", "designPrinciples"],
      uses: ["visualIdentity", "brandPersonality", "keyScreen"],
      aliases: ["design system", "atomic design", "atomic design system", "component library"],
      outline: [
        s("Principles", "designPrinciples"),
        s("Tokens", "visualIdentity"),
        s("Atoms", "uiComponents"),
        s("Molecules", "uiComponents"),
        s("Organisms", "uiComponents", "keyScreen"),
        s("Personality in the UI", "brandPersonality"),
      ],
    }),
    artifact({
      type: "gtm-strategy",
      title: "Go-to-market strategy",
      stage: 5,
      agent: "brand",
      needs: [
        "productName",
        "audience",
        "valueProposition",
        "channels",
        "pricing",
        "competitors",
        "successMetrics",
      ],
      uses: ["problem", "costs", "constraints", "keyFeatures", "painPoints", "behaviours"],
      aliases: [
        "gtm",
        "gtm strategy",
        "go to market",
        "go-to-market",
        "go-to-market strategy",
        "go to market strategy",
        "launch plan",
      ],
      outline: [
        s("Summary", "productName", "valueProposition"),
        s("Segments", "audience", "behaviours"),
        s("Message", "valueProposition", "problem"),
        s("Channels", "channels"),
        s("Launch plan", "channels", "successMetrics"),
        s("Budget", "costs", "constraints"),
        s("Pricing", "pricing"),
        s("Metrics", "successMetrics"),
        s("Competitive positioning", "competitors"),
      ],
    }),
    artifact({
      type: "lean-canvas",
      title: "Lean Canvas",
      stage: 5,
      agent: "brand",
      needs: [
        "problem",
        "audience",
        "valueProposition",
        "keyFeatures",
        "channels",
        "pricing",
        "costs",
        "successMetrics",
        "unfairAdvantage",
      ],
      uses: ["competitors", "behaviours"],
      aliases: ["lean canvas", "canvas", "business model canvas"],
      outline: [
        s(
          "Canvas",
          "problem",
          "audience",
          "valueProposition",
          "keyFeatures",
          "channels",
          "pricing",
          "costs",
          "successMetrics",
          "unfairAdvantage",
        ),
        s("Riskiest assumptions", "problem", "channels", "pricing"),
      ],
    }),
    artifact({
      type: "voice-and-tone",
      title: "Voice and tone guide",
      stage: 5,
      agent: "brand",
      needs: ["productName", "audience", "brandPersonality", "voice"],
      uses: ["coreValues", "keyFeatures", "valueProposition"],
      aliases: ["voice and tone", "voice & tone", "brand voice", "tone of voice"],
      outline: [
        s("Who we speak to", "audience"),
        s("Voice traits", "brandPersonality"),
        s("Do and don't", "voice"),
        s("Tone by situation", "voice"),
        s("Words we use and avoid", "coreValues"),
      ],
    }),
    artifact({
      type: "core-values",
      title: "Core values",
      stage: 5,
      agent: "brand",
      needs: ["mission", "coreValues"],
      uses: ["productName"],
      aliases: ["core values", "values", "brand values"],
      outline: [s("Mission", "mission"), s("Values in practice", "coreValues")],
    }),
    artifact({
      type: "brand-identity",
      title: "Brand identity",
      stage: 5,
      agent: "brand",
      needs: ["productName", "brandPersonality", "visualIdentity", "audience"],
      uses: ["coreValues", "mission"],
      aliases: ["brand identity", "identity", "visual identity guide"],
      outline: [
        s("Brand essence", "productName", "brandPersonality"),
        s("Colour palette", "visualIdentity"),
        s("Typography", "visualIdentity"),
        s("Logo direction", "productName", "brandPersonality"),
        s("Imagery", "visualIdentity"),
        s("Audience fit", "audience"),
      ],
    }),
    artifact({
      type: "brand-book",
      title: "Brand book",
      stage: 5,
      agent: "brand",
      needs: [
        "productName",
        "mission",
        "audience",
        "coreValues",
        "brandPersonality",
        "voice",
        "visualIdentity",
      ],
      uses: ["valueProposition"],
      aliases: ["brand book", "brand guidelines", "brandbook", "style guide"],
      outline: [
        s("Introduction", "productName"),
        s("Brand story", "mission", "valueProposition"),
        s("Audience", "audience"),
        s("Core values", "coreValues"),
        s("Voice and tone", "voice", "brandPersonality"),
        s("Visual identity", "visualIdentity"),
        s("Application examples", "visualIdentity"),
      ],
    }),
    artifact({
      type: "campaign-plan",
      title: "Campaign plan",
      stage: 5,
      agent: "brand",
      needs: ["productName", "audience", "goals", "valueProposition", "channels", "successMetrics"],
      uses: ["pricing", "costs", "constraints"],
      aliases: ["campaign plan", "seasonal campaign", "marketing campaign", "campaign"],
      outline: [
        s("Campaign goal", "goals"),
        s("Audience", "audience"),
        s("Offer and message", "valueProposition", "pricing"),
        s("Timeline", "channels"),
        s("Channel plan", "channels"),
        s("Budget", "costs", "constraints"),
        s("Metrics", "successMetrics"),
      ],
    }),
    artifact({
      type: "content-calendar",
      title: "Content calendar",
      stage: 5,
      agent: "brand",
      needs: ["audience", "userGoals", "channels"],
      uses: ["painPoints", "successMetrics", "constraints", "productName"],
      aliases: ["content calendar", "editorial calendar", "content plan", "publishing calendar"],
      outline: [
        s("Content pillars", "userGoals", "painPoints"),
        s("Cadence", "constraints"),
        s("Calendar", "channels"),
        s("Formats by channel", "channels"),
        s("Metrics", "successMetrics"),
      ],
    }),
  ].map((a) => [a.type, a]),
) as Record<ArtifactType, ArtifactSpec>;

export const isArtifactType = (value: string): value is ArtifactType =>
  (ARTIFACT_TYPES as readonly string[]).includes(value);

export const stageArtifacts = (n: StageNumber): ArtifactType[] =>
  ARTIFACT_TYPES.filter((t) => ARTIFACTS[t].stage === n);
