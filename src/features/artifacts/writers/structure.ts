/**
 * Structure: the ER diagram, the C4 system context, the flowchart, the sitemap, the wireframe of the
 * key screen and the atomic design system. Diagrams come from ../diagrams.ts; the prose around
 * them reads the same structures, so text and picture agree.
 */
import {
  siteTree,
  c4Context,
  erModel,
  erSource,
  flowchartSource,
  flowGraph,
  integrationVerb,
  sitemapSource,
  type SiteNode,
} from "../diagrams";
import type { WireframeLayout } from "../wireframe";
import { PROPOSAL, bullets, clause, items, numbered, sentence, table, text, upperFirst } from "./doc";
import { ask, type TypeWriter, type WriterContext } from "./context";
import { palette, typeScale } from "./palette";

const mermaid = (src: string) => `\`\`\`mermaid\n${src}\n\`\`\``;

export const erd: TypeWriter = (ctx) => {
  const facts = items(ctx.facts.dataEntities);
  if (!facts.length)
    return [
      { title: "Diagram", body: ask("dataEntities") },
      { title: "Entities", body: "" },
      { title: "Notes", body: "" },
    ];
  const model = erModel(facts);
  return [
    { title: "Diagram", body: mermaid(erSource(model)) },
    {
      title: "Entities",
      body: table(
        ["Entity", "Attributes", "Relationships"],
        model.entities.map((e) => [
          e.name,
          e.attributes.map((a) => `${a.name}${a.key ? ` (${a.key})` : ""}: ${a.type}`).join(", "),
          model.relationships
            .filter((r) => r.from === e.name || r.to === e.name)
            .map((r) =>
              r.from === e.name
                ? `${r.verb.replace(/_/g, " ")} ${r.card === "||--o|" ? "zero or one" : "zero or more"} ${r.to}`
                : `belongs to one ${r.from}`,
            )
            .join("; ") || "—",
        ]),
      ),
    },
    {
      title: "Notes",
      body: bullets([
        `Keys (id, *_id) and created_at are added to every entity ${PROPOSAL}; types are read from the attribute names.`,
        ...(items(ctx.facts.keyFeatures).length
          ? [`Check the model against each feature: ${items(ctx.facts.keyFeatures).map(clause).join(", ")}.`]
          : []),
      ]),
    },
  ];
};

export const c4: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const externals = items(f.integrations);
  const operator =
    ctx.kind === "shop"
      ? "Shop owner"
      : ctx.kind === "content"
        ? "Creator"
        : ctx.kind === "service"
          ? "Team"
          : "Support team";
  return [
    { title: "Diagram", body: mermaid(c4Context(f, operator)) },
    {
      title: "People",
      body: bullets([
        f.audience ? `**Users:** ${sentence(f.audience.value)}` : ask("audience").replace(/^> /, ""),
        `**${operator}** ${PROPOSAL}: runs the product day to day and answers users.`,
      ]),
    },
    {
      title: "The system",
      body: `**${ctx.product}**${items(f.platforms).length ? `, on ${items(f.platforms).join(", ")}` : ""}: ${items(f.keyFeatures).map(clause).join(", ") || "its features are an open question"}.`,
    },
    {
      title: "External systems",
      body: externals.length
        ? table(
            ["System", "Relationship"],
            externals.map((e) => [e, `${ctx.product} ${integrationVerb(e).toLowerCase()} it`]),
          )
        : f.integrations
          ? "None: the system stands alone in its first version."
          : ask("integrations"),
    },
  ];
};

export const flowchartWriter: TypeWriter = (ctx) => {
  const flows = items(ctx.facts.userFlows);
  const source = flows.length
    ? flows
    : items(ctx.facts.keyFeatures).length
      ? [items(ctx.facts.keyFeatures).join(" → ")]
      : [];
  if (!source.length)
    return [
      { title: "Diagram", body: ask("userFlows") },
      { title: "Steps and decisions", body: "" },
    ];
  const g = flowGraph(source);
  const decisions = g.nodes.filter((n) => n.shape === "decision");
  return [
    {
      title: "Diagram",
      body: `${flows.length ? "" : `No flows were given, so this chains the key features ${PROPOSAL}.\n\n`}${mermaid(flowchartSource(g))}`,
    },
    {
      title: "Steps and decisions",
      body: [
        numbered(source.map((s, i) => `**Flow ${i + 1}:** ${s}`)),
        decisions.length
          ? `Decision points ${PROPOSAL}:\n\n${bullets(
              decisions.map((d) => {
                const no = g.edges.find((e) => e.from === d.id && e.label === "no");
                const target = no && g.nodes.find((n) => n.id === no.to);
                return `**${d.text}**${target ? ` No → ${target.text}.` : " Each answer starts its own flow."}`;
              }),
            )}`
          : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
    },
  ];
};

function outline(node: SiteNode, depth = 0): string[] {
  return node.children.flatMap((c) => [
    `${"  ".repeat(depth)}- ${c.text}${c.proposed ? ` ${PROPOSAL}` : ""}`,
    ...outline(c, depth + 1),
  ]);
}

export const sitemap: TypeWriter = (ctx) => {
  const pages = items(ctx.facts.pages);
  if (!pages.length)
    return [
      { title: "Diagram", body: ask("pages") },
      { title: "Page hierarchy", body: "" },
      { title: "Navigation", body: ask("navigation") },
      { title: "Paths through the site", body: ask("userFlows") },
    ];
  const tree = siteTree(ctx.product, pages, text(ctx.facts.navigation));
  return [
    { title: "Diagram", body: mermaid(sitemapSource(tree)) },
    { title: "Page hierarchy", body: `- ${ctx.product}\n${outline(tree, 1).join("\n")}` },
    {
      title: "Navigation",
      body: [
        ctx.facts.navigation ? sentence(ctx.facts.navigation.value) : ask("navigation"),
        `Main navigation: ${tree.children
          .filter((c) => !/settings|more/i.test(c.text))
          .map((c) => c.text)
          .join(", ")}. Settings and account pages sit one level down.`,
      ].join("\n\n"),
    },
    {
      title: "Paths through the site",
      body: items(ctx.facts.userFlows).length
        ? bullets(items(ctx.facts.userFlows).map(sentence))
        : `Validate the labels with a tree test before building ${PROPOSAL}.`,
    },
  ];
};

const ACTION =
  /^(add|tap|scan|create|buy|book|share|plan|search|filter|sort|start|new|invite|order|pay|save|send|upload|take|write|post|subscribe|join|edit)\b/i;

/** "The fridge: items sorted by expiry, add by photo, tap for recipes" → title, content, actions. */
export function keyScreenParts(keyScreen: string | undefined) {
  const [head, ...rest] = (keyScreen ?? "").split(":");
  const body = rest.length ? rest.join(":") : head!;
  const title = rest.length ? head!.trim().replace(/^the\s+/i, "") : "Key screen";
  const parts = body
    .split(/,|;|\band\b/)
    .map((p) => p.trim().replace(/[.!]+$/, ""))
    .filter(Boolean);
  return {
    title: upperFirst(title).slice(0, 60),
    content: parts.filter((p) => !ACTION.test(p)).map(upperFirst),
    actions: parts.filter((p) => ACTION.test(p)).map(upperFirst),
  };
}

export function wireframeLayout(facts: WriterContext["facts"]): WireframeLayout {
  const mobile = /ios|android|mobile|phone|app\b/i.test(facts.platforms?.value ?? "") || !facts.platforms;
  const pages = items(facts.pages);
  const screen = keyScreenParts(text(facts.keyScreen));
  const components = items(facts.uiComponents);
  // The tabs are the sitemap's main navigation, so the two artifacts agree.
  const tabs = pages.length
    ? siteTree("", pages, text(facts.navigation))
        .children.filter((c) => !c.proposed && !/settings|account|profile/i.test(c.text))
        .map((c) => c.text)
    : [];
  const active = tabs.find(
    (p) =>
      screen.title.toLowerCase().includes(p.toLowerCase()) ||
      p.toLowerCase().includes(screen.title.toLowerCase()),
  );
  // Content rows: three samples of the repeating component (a card, a row), then what else the screen shows.
  const repeating = components.find((c) => /card|row|item|tile|post|product/i.test(c));
  const sample = repeating
    ? upperFirst(
        clause(repeating)
          .replace(/^(an?|the)\s+/i, "")
          .replace(/s\b.*$/, ""),
      )
    : "Entry";
  const rows = [...[1, 2, 3].map((n) => `${sample} ${n}`), ...screen.content.slice(1)].slice(0, 8);
  const cut = (s: string) => s.slice(0, 120);
  const regions: WireframeLayout["regions"] = [
    { kind: "header", label: cut(screen.title), items: [], actions: ["Search"] },
    {
      kind: "main",
      label: cut(screen.content[0] ?? screen.title),
      items: rows.map(cut),
      actions: screen.actions.slice(0, 3).map(cut),
    },
  ];
  if (tabs.length) {
    const nav = tabs.slice(0, 5).map(cut);
    if (mobile)
      regions.push({
        kind: "tabbar",
        label: "Navigation",
        items: nav,
        ...(active ? { active: cut(active) } : {}),
      });
    else
      regions.splice(1, 0, {
        kind: "sidebar",
        label: "Navigation",
        items: nav,
        ...(active ? { active: cut(active) } : {}),
      });
  }
  return { screen: cut(screen.title), viewport: mobile ? "mobile" : "desktop", regions };
}

export const wireframe: TypeWriter = (ctx) => {
  const f = ctx.facts;
  if (!f.keyScreen)
    return [
      { title: "Layout", body: ask("keyScreen") },
      { title: "Screen content", body: "" },
      { title: "Navigation", body: ask("navigation") },
      { title: "Annotations", body: "" },
    ];
  const layout = wireframeLayout(f);
  const main = layout.regions.find((r) => r.kind === "main")!;
  const nav = layout.regions.find((r) => r.kind === "tabbar" || r.kind === "sidebar");
  return [
    { title: "Layout", body: `\`\`\`wireframe\n${JSON.stringify(layout, null, 2)}\n\`\`\`` },
    {
      title: "Screen content",
      body: table(
        ["Region", "Shows", "Actions"],
        layout.regions.map((r) => [
          r.kind,
          r.kind === "header" ? r.label : `${r.kind === "main" ? `${r.label}: ` : ""}${r.items.join("; ")}`,
          (r.actions ?? []).join("; ") || "—",
        ]),
      ),
    },
    {
      title: "Navigation",
      body: nav
        ? `Drawn as ${layout.viewport === "mobile" ? "a bottom tab bar" : "a side navigation"} with ${nav.items.join(", ")} (the sitemap's main navigation)${nav.active ? `; ${nav.active} is selected on this screen` : ""}.${f.navigation ? `\n\nIn your words: ${sentence(f.navigation.value)}` : ""}`
        : ask("pages"),
    },
    {
      title: "Annotations",
      body: numbered([
        `The main action (${main.actions?.[0] ?? "the first action"}) sits within thumb reach ${PROPOSAL}.`,
        `Empty state: explain what appears here and offer ${main.actions?.[0]?.toLowerCase() ?? "the first step"} ${PROPOSAL}.`,
        `Loading and error states keep the layout; errors say how to recover ${PROPOSAL}.`,
      ]),
    },
  ];
};

const SMALL = /button|input|field|icon|badge|tag|chip|toggle|checkbox|avatar|label|link/i;
const LARGE =
  /list|grid|table|form|header|nav|bar|sheet|dashboard|calendar|gallery|feed|checkout|modal|dialog/i;

function composition(c: string): string {
  const l = c.toLowerCase();
  if (/card/.test(l)) return "Image or icon, title text, meta badge, one action button";
  if (/row|item/.test(l))
    return "Leading icon, title and subtitle text, trailing action; swipe reveals secondary actions";
  if (/picker|date|select/.test(l)) return "Input, icon button, popover with options";
  if (/search/.test(l)) return "Input, search icon, clear button";
  if (/photo|camera|upload/.test(l)) return "Icon button with label, progress indicator";
  if (/chart|graph/.test(l)) return "Title text, axis labels, legend badges";
  return "Label, content text, action button";
}

/** Where a personality trait shows in an interface. */
function inTheUi(trait: string): string {
  const t = trait.toLowerCase();
  if (/friendl|warm/.test(t))
    return "microcopy that speaks like a person (“Let's add your first one”), rounded corners";
  if (/practical|pragmatic|efficient/.test(t))
    return "sensible defaults pre-selected, shortcuts for repeat actions";
  if (/cheeky|witty|playful|fun/.test(t))
    return "one light line in empty and success states, never in errors";
  if (/calm|quiet/.test(t)) return "muted colours, generous spacing, no more than one badge per screen";
  if (/authentic|real|honest/.test(t)) return "real photos and names, prices and limits stated plainly";
  if (/expert|smart|precise/.test(t)) return "exact numbers with units, sources linked, no vague claims";
  if (/premium|elegant|refined/.test(t)) return "a restrained palette, large type, slow subtle motion";
  return "choose one place it shows (microcopy, illustration or motion) and test that people read it that way";
}

export const designSystem: TypeWriter = (ctx) => {
  const f = ctx.facts;
  const colours = palette(ctx);
  const scale = typeScale(ctx);
  const components = items(f.uiComponents);
  const atoms: [string, string][] = [
    ["Button (primary, secondary, ghost)", "Default, hover, focus, pressed, disabled, loading"],
    ["Text input", "Empty, focus, filled, error, disabled"],
    ["Label and helper text", "Default, error"],
    ["Icon", "24 px on a 48 px target; decorative or labelled"],
    ["Badge", "Neutral, success, warning, danger"],
    ["Checkbox and toggle", "Off, on, focus, disabled"],
    ...components
      .filter((c) => SMALL.test(c) && !LARGE.test(c))
      .map((c): [string, string] => [
        upperFirst(clause(c).replace(/^(an?|the)\s+/i, "")),
        "Default, focus, pressed, disabled",
      ]),
  ];
  const molecules = components
    .filter((c) => !LARGE.test(c) || /row|card/i.test(c))
    .filter((c) => !SMALL.test(c) || /row|card/i.test(c));
  const organisms = [
    ...components.filter((c) => LARGE.test(c) && !/row|card/i.test(c)),
    ...(f.keyScreen
      ? [
          `${keyScreenParts(f.keyScreen.value).title} view: header, list of ${molecules[0] ? clause(molecules[0]) : "items"}, primary action`,
        ]
      : []),
    "Navigation bar: tabs with icon and label, active state",
  ];
  return [
    {
      title: "Principles",
      body: items(f.designPrinciples).length
        ? bullets(items(f.designPrinciples).map(sentence))
        : ask("designPrinciples"),
    },
    {
      title: "Tokens",
      body: [
        `**Colour** ${f.visualIdentity ? "" : PROPOSAL}\n\n${table(
          ["Token", "Value", "Use"],
          colours.map((c) => [`color.${c.token}`, c.hex, c.use]),
        )}`,
        `**Type scale** (ratio 1.25 from 16 px)\n\n${table(
          ["Token", "Size", "Use"],
          scale.map((s) => [`font.${s.token}`, `${s.px} px / ${s.line} px`, s.use]),
        )}`,
        `**Spacing** (8 px grid): space.1 = 4 px, space.2 = 8 px, space.3 = 12 px, space.4 = 16 px, space.6 = 24 px, space.8 = 32 px, space.12 = 48 px.`,
        "**Radius:** 4 px for inputs, 8 px for cards, full for chips. **Elevation:** 0 flat, 1 cards, 2 sheets and menus.",
      ].join("\n\n"),
    },
    {
      title: "Atoms",
      body: table(["Atom", "States and rules"], atoms),
    },
    {
      title: "Molecules",
      body: molecules.length
        ? table(
            ["Molecule", "Built from"],
            molecules.map((m) => [upperFirst(m), composition(m)]),
          )
        : `${ask("uiComponents")}\n\nStart with a list row and a card ${PROPOSAL}.`,
    },
    {
      title: "Organisms",
      body: table(
        ["Organism", "Built from"],
        organisms.map((o) => {
          const [name, from] = o.split(": ");
          return [upperFirst(name!), from ?? "Molecules above, arranged for the screen"];
        }),
      ),
    },
    {
      title: "Personality in the UI",
      body: items(f.brandPersonality).length
        ? bullets(items(f.brandPersonality).map((p) => `${upperFirst(clause(p))}: ${inTheUi(p)} ${PROPOSAL}`))
        : ask("brandPersonality"),
    },
  ];
};
