/**
 * The brand: core values in practice, voice and tone, the brand identity (palette with computed
 * contrast, type scale, logo direction, imagery), and the brand book assembled from those three.
 */
import {
  PROPOSAL,
  bullets,
  clause,
  isVerbPhrase,
  items,
  sentence,
  table,
  text,
  upperFirst,
  type DocSection,
} from "./doc";
import { ask, type TypeWriter, type WriterContext } from "./context";
import { INK, PAPER, contrast, palette, ratio, typeScale, typefaces } from "./palette";

/** "Friendly" → "Friendly, not over-familiar": each trait with the excess it must avoid. */
const NOT: readonly [RegExp, string][] = [
  [/friendl/i, "over-familiar"],
  [/practical|pragmatic/i, "dry"],
  [/cheeky|witty|humou?r|funny/i, "snarky"],
  [/playful/i, "silly"],
  [/calm/i, "passive"],
  [/bold|confident/i, "loud"],
  [/warm/i, "gushing"],
  [/honest|direct/i, "blunt"],
  [/expert|smart|knowledgeable/i, "academic"],
  [/premium|elegant|refined|luxur/i, "snobbish"],
  [/simple|clear/i, "simplistic"],
  [/caring|kind|empath/i, "patronising"],
  [/energetic|enthusias/i, "pushy"],
  [/professional|serious/i, "stiff"],
  [/authentic|real/i, "unpolished"],
];

const notThat = (trait: string) => NOT.find(([re]) => re.test(trait))?.[1] ?? `too ${clause(trait)}`;

export const voiceAndTone: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const traits = items(f.brandPersonality);
  const voice = text(f.voice);
  // "Casual and encouraging; serious and short in error messages": the parts naming a situation override it.
  const parts = (voice ?? "")
    .split(/;|\.(?=\s)/)
    .map((p) => p.trim())
    .filter(Boolean);
  const errorTone = parts.find((p) => /error|problem|wrong|fail/i.test(p));
  const baseTone = parts.find((p) => p !== errorTone) ?? "friendly and clear";
  const feature = items(f.keyFeatures)[0];
  const situations: [string, string, string][] = [
    [
      "Onboarding",
      clause(baseTone),
      `“Welcome to ${ctx.product}. Let's ${feature ? (isVerbPhrase(feature) ? clause(feature) : `set up ${clause(feature)}`) : "get you set up"} — it takes a minute.”`,
    ],
    ["Success", `${clause(baseTone)}, celebrating briefly`, "“Done! That's one less thing to remember.”"],
    [
      "Error",
      errorTone ? clause(errorTone).replace(/\s+in error messages?$/i, "") : "calm, short, helpful",
      "“We couldn't save that. Check your connection and try again — nothing was lost.”",
    ],
    ["Reminder", "light, never nagging", "“A quick nudge: three things are waiting for you today.”"],
    [
      "Marketing",
      `${clause(baseTone)}, concrete`,
      `“${f.valueProposition ? upperFirst(clause(f.valueProposition.value)) : ctx.product}.”`,
    ],
  ];
  return [
    { title: "Who we speak to", body: f.audience ? sentence(f.audience.value) : ask("audience") },
    {
      title: "Voice traits",
      body: traits.length
        ? table(
            ["We are", "We are not"],
            traits.map((t) => [upperFirst(clause(t)), `${upperFirst(notThat(t))} ${PROPOSAL}`]),
          )
        : ask("brandPersonality"),
    },
    {
      title: "Do and don't",
      body: `${table(
        ["Do", "Don't"],
        [
          ["“Add your first item.”", "“Click here to initiate item creation.”"],
          [
            `“${feature ? upperFirst(clause(feature)) : "It"} saves you time.”`,
            "“Revolutionary AI-powered synergy.”",
          ],
          ["“That didn't work. Try again?”", "“Error 500: operation failed.”"],
          ["“You're all set.”", "“Congratulations!!! 🎉🎉🎉”"],
        ],
      )}\n\nExamples ${PROPOSAL}: rewrite them with real screens' copy.`,
    },
    {
      title: "Tone by situation",
      body: `${voice ? `In your words: ${sentence(voice)}\n\n` : `${ask("voice")}\n\n`}${table(
        ["Situation", "Tone", "Example"],
        situations.map(([s, t, e]) => [s, upperFirst(t), e]),
      )}`,
    },
    {
      title: "Words we use and avoid",
      body: table(
        ["Use", "Avoid"],
        [
          ["you, your", "users, customers (in copy)"],
          ["plain verbs: add, plan, share", "jargon: leverage, utilise, onboard"],
          ...items(f.coreValues)
            .slice(0, 2)
            .map((v) => [`words that show ${clause(v)}`, `anything that contradicts ${clause(v)}`]),
        ],
      ),
    },
  ];
};

const VALUES: readonly [RegExp, string, string, string][] = [
  [
    /thrift|frugal|waste|saving/i,
    "Every feature should save money, time or food, and say how much.",
    "Show the saving in numbers",
    "Upsell what nobody needs",
  ],
  [
    /warm|kind|care|empath/i,
    "We write and design as a friend who happens to know the subject.",
    "Answer questions personally and quickly",
    "Blame the user when something goes wrong",
  ],
  [
    /honest|transparen|trust|integrity/i,
    "We say what things cost and what we do with data before anyone commits.",
    "Show prices and data use up front",
    "Hide costs or use dark patterns",
  ],
  [
    /simple|clarity|easy/i,
    "One clear way to do each thing; we remove before we add.",
    "Cut a feature when it confuses",
    "Add options to avoid a decision",
  ],
  [
    /quality|craft|handmade|care/i,
    "We would rather ship less, made well.",
    "Check every product or release by hand",
    "Rush a launch to meet a date",
  ],
  [
    /sustain|planet|green|eco/i,
    "We choose the option with the smaller footprint when costs allow.",
    "Prefer local, recyclable, repairable",
    "Greenwash with vague claims",
  ],
  [
    /community|together|belong/i,
    "Our customers help shape what we make.",
    "Share the roadmap and ask",
    "Treat feedback as noise",
  ],
  [
    /curio|learn|growth/i,
    "We learn in public and change our minds when the evidence says so.",
    "Test assumptions before building",
    "Defend a decision because it is ours",
  ],
  [
    /fun|joy|play/i,
    "Small moments of delight, never in the way.",
    "Add a light touch to success states",
    "Joke in error messages",
  ],
  [
    /privacy|secur|safe/i,
    "Data belongs to the people it describes.",
    "Collect the minimum; let people export and delete",
    "Sell or share personal data",
  ],
  [
    /inclusi|access|divers/i,
    "Designed so nobody is left out.",
    "Test with people with disabilities",
    "Treat accessibility as a later phase",
  ],
];

export function valuesInPractice(ctx: WriterContext): string[][] {
  return items(ctx.facts.coreValues).map((v) => {
    const m = VALUES.find(([re]) => re.test(v));
    return m
      ? [upperFirst(clause(v)), `${m[1]} ${PROPOSAL}`, m[2], m[3]]
      : [
          upperFirst(clause(v)),
          `What ${clause(v)} means for ${ctx.product}: write one decision it made easier ${PROPOSAL}`,
          "To define with the team",
          "To define with the team",
        ];
  });
}

export const coreValues: TypeWriter = (ctx) => {
  const f = ctx.facts;
  return [
    { title: "Mission", body: f.mission ? sentence(f.mission.value) : ask("mission") },
    {
      title: "Values in practice",
      body: items(f.coreValues).length
        ? `${table(["Value", "What it means in practice", "We do", "We don't"], valuesInPractice(ctx))}\n\nA value earns its place when it settles a real decision: test each against the last hard choice you made.`
        : ask("coreValues"),
    },
  ];
};

function paletteTable(ctx: WriterContext): string {
  return table(
    ["Colour", "Hex", "Use", "On white", "With ink text", "AA body text"],
    palette(ctx).map((s) => {
      const onWhite = contrast(s.hex, PAPER);
      const withInk = contrast(s.hex, INK);
      const best = Math.max(onWhite, withInk);
      return [
        `${s.name}${s.proposed ? ` ${PROPOSAL}` : ""}`,
        s.hex,
        s.use,
        ratio(onWhite),
        ratio(withInk),
        best >= 4.5
          ? onWhite >= withInk
            ? "Yes, as text on white"
            : "Yes, with ink text on it"
          : best >= 3
            ? "Large text and icons only"
            : "Decoration only",
      ];
    }),
  );
}

export const brandIdentity: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const traits = items(f.brandPersonality);
  const faces = typefaces(ctx);
  const said = text(f.visualIdentity) ?? "";
  const avoid = /\b(?:avoid|no|not|never|without)\b(.*)$/i.exec(said)?.[1]?.trim();
  const imagery = /illustrat|drawn/i.test(said)
    ? "Illustration"
    : /photo/i.test(said) && !/no (stock )?photo/i.test(said)
      ? "Photography"
      : "Photography of real use";
  return [
    {
      title: "Brand essence",
      body: `${ctx.product} is ${traits.length ? traits.map(clause).join(", ") : "a personality still to define"}${f.mission ? `, in service of one idea: ${clause(f.mission.value)}` : ""}.`,
    },
    {
      title: "Colour palette",
      body: `${f.visualIdentity ? `From what you said: ${sentence(said)}` : `${ask("visualIdentity")}\n\nUntil then, a palette typical for a ${ctx.k.label} ${PROPOSAL}.`}\n\n${paletteTable(ctx)}\n\nRatios are WCAG 2.x contrast, computed from the hex values: 4.5:1 is the minimum for body text, 3:1 for large text and interface parts.`,
    },
    {
      title: "Typography",
      body: `**Headings:** ${faces.heading}. **Body:** ${faces.body}. Why: ${faces.why}${faces.proposed ? ` ${PROPOSAL}` : ""}.\n\n${table(
        ["Style", "Size / line height", "Use"],
        typeScale(ctx).map((s) => [s.token, `${s.px} / ${s.line} px`, s.use]),
      )}`,
    },
    {
      title: "Logo direction",
      body: bullets([
        `A wordmark of “${ctx.product}” in ${faces.heading}, with ${traits[0] ? `a ${clause(traits[0])} detail` : "one distinctive detail"} in the primary colour ${PROPOSAL}`,
        `A symbol that works at 24 px as an app icon or favicon; test it in one colour on white and on ink ${PROPOSAL}`,
        "Clear space: the height of the first letter on every side; never stretched, outlined or recoloured outside the palette",
      ]),
    },
    {
      title: "Imagery",
      body: table(
        ["Do", "Don't"],
        [
          [
            `${imagery}${/illustrat|drawn/i.test(said) ? ", in the palette's colours" : " of real people in real settings"}`,
            avoid ? upperFirst(avoid.replace(/[.;]+$/, "")) : `Generic stock imagery ${PROPOSAL}`,
          ],
          ["One subject per image, plenty of space around it", "Busy collages or text baked into images"],
          ["Alt text that says what the image shows", "Images that carry information text cannot"],
        ],
      ),
    },
    {
      title: "Audience fit",
      body: f.audience
        ? `Made to speak to ${clause(f.audience.value)}: test the palette and logo with five of them before printing anything ${PROPOSAL}.`
        : ask("audience"),
    },
  ];
};

/** Sections of another writer, by title: the brand book reuses them rather than rewriting them. */
const pick = (sections: DocSection[], ...titles: string[]) =>
  titles
    .map((t) => sections.find((s) => s.title === t)?.body ?? "")
    .filter(Boolean)
    .join("\n\n");

export const brandBook: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const values = coreValues(ctx);
  const voice = voiceAndTone(ctx);
  const identity = brandIdentity(ctx);
  return [
    {
      title: "Introduction",
      body: `This book keeps ${ctx.product} recognisable wherever it appears. It gathers the core values, the voice and the visual identity; each has its own document with the detail.`,
    },
    {
      title: "Brand story",
      body: [
        pick(values, "Mission"),
        f.valueProposition ? `**Why choose it:** ${sentence(f.valueProposition.value)}` : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    },
    { title: "Audience", body: pick(voice, "Who we speak to") },
    { title: "Core values", body: pick(values, "Values in practice") },
    { title: "Voice and tone", body: pick(voice, "Voice traits", "Tone by situation") },
    {
      title: "Visual identity",
      body: pick(identity, "Brand essence", "Colour palette", "Typography", "Logo direction", "Imagery"),
    },
    {
      title: "Application examples",
      body: table(
        ["Where", "How"],
        (ctx.kind === "shop"
          ? [
              ["Packaging and labels", "Logo in one colour, product name in the heading face"],
              ["Instagram post", "One product, palette background, price visible"],
              ["Receipt email", "Ink on white, one primary button"],
            ]
          : ctx.kind === "content"
            ? [
                ["Newsletter header", "Wordmark left, issue number right"],
                ["Video thumbnail", "One face or object, three words at most"],
                ["Social quote card", "Secondary background, ink text"],
              ]
            : [
                ["App icon", "Symbol on the primary colour"],
                ["Onboarding screen", "One illustration, one sentence, one button"],
                ["Launch post", "Product screenshot on the muted background"],
              ]
        ).map(([w, h]) => [w!, `${h} ${PROPOSAL}`]),
      ),
    },
  ];
};
