/**
 * Writing an artifact with a language model, inside guard rails the code enforces.
 *
 * The model gets what a practitioner would: the facts the user gave, the offline writer's draft
 * (its structure and proposals), the research results with their citations and the user's
 * instructions, all in the user message (adapters send `system` and `messages`; nothing else
 * reaches the wire). Its answer is checked (validate.ts); on failure it is asked once to repair
 * with the list of problems, and if the repair fails too, the offline draft is saved with a note
 * saying why, so a broken diagram is never saved.
 */
import type { LanguageModel } from "../../lib/llm/port";
import { ARTIFACTS, FACTS, FACT_IDS, type ArtifactType } from "../pipeline/catalogue";
import { validateArtifact } from "./validate";
import { requiredSections, writeArtifact, type Facts, type Reference, type Written } from "./writer";

export interface AuthorInput {
  type: ArtifactType;
  facts: Facts;
  instructions?: string;
  references?: Reference[];
}

export function authorSystem(type: ArtifactType): string {
  const spec = ARTIFACTS[type];
  return [
    `You are a senior UX practitioner writing the ${spec.title} of a project, in Markdown.`,
    `Use exactly these "## " sections, in this order: ${requiredSections(type).join("; ")}. You may add "## Open questions", "## Research findings" and "## References".`,
    "Start from the draft you are given: keep its structure, tables, ids and diagrams, and improve the wording and the substance the way an expert would.",
    "Use the user's facts as facts. Anything you add beyond them (names, numbers, targets, examples) must be marked *(proposal)*; never present a guess as something the user said.",
    "Keep every Mermaid block valid Mermaid and every wireframe block valid JSON of the same shape. Keep every [n] citation and the References section with its links.",
    "Answer with the document only, no preamble.",
  ].join("\n");
}

export function authorMessage(input: AuthorInput, draft: Written): string {
  const facts = FACT_IDS.filter((id) => input.facts[id]).map(
    (id) => `- ${FACTS[id].label}: ${input.facts[id]!.value}`,
  );
  // Only the sources the draft cites: those that support a line of it (writers/citations.ts).
  const refs = (draft.references ?? []).map(
    (r, i) => `[${i + 1}] ${r.title} — ${r.url}${r.note ? `: ${r.note}` : ""}`,
  );
  return [
    `## The user's facts\n\n${facts.join("\n") || "(none yet)"}`,
    refs.length ? `## Research results (cite them as [n])\n\n${refs.join("\n")}` : "",
    input.instructions?.trim()
      ? `## What the user asked for this version\n\n${input.instructions.trim()}`
      : "",
    `## The draft to start from\n\n${draft.body}`,
  ]
    .filter(Boolean)
    .join("\n\n");
}

async function complete(
  model: LanguageModel,
  system: string,
  messages: { role: "user" | "assistant"; content: string }[],
  signal?: AbortSignal,
) {
  let body = "";
  for await (const delta of model.stream({ system, messages, guideReply: "", maxTokens: 4000, signal }))
    body += delta;
  // Models like to wrap the whole answer in a ```markdown fence.
  return `${body
    .trim()
    .replace(/^```(?:markdown|md)?\n([\s\S]*)\n```$/, "$1")
    .trim()}\n`;
}

export interface Authored extends Written {
  /** How the version came to be: the model's, repaired once, or the offline draft and why. */
  note: string;
}

export async function authorWithModel(
  model: LanguageModel,
  input: AuthorInput,
  signal?: AbortSignal,
): Promise<Authored> {
  const draft = writeArtifact(input);
  const system = authorSystem(input.type);
  const ask = authorMessage(input, draft);
  const check = (body: string) =>
    validateArtifact(input.type, body, { references: draft.references, draft: draft.body });
  let failure: string[];
  try {
    const first = await complete(model, system, [{ role: "user", content: ask }], signal);
    failure = await check(first);
    if (!failure.length) return { ...draft, body: first, note: `Written by ${model.name}.` };
    const repaired = await complete(
      model,
      system,
      [
        { role: "user", content: ask },
        { role: "assistant", content: first },
        {
          role: "user",
          content: `Your document failed these checks:\n${failure.map((p) => `- ${p}`).join("\n")}\n\nAnswer with the corrected complete document.`,
        },
      ],
      signal,
    );
    const again = await check(repaired);
    if (!again.length)
      return {
        ...draft,
        body: repaired,
        note: `Written by ${model.name}, repaired once (${failure.join(" ")})`,
      };
    failure = again;
  } catch (e) {
    failure = [`The model could not be reached: ${(e as Error).message}`];
  }
  const why = failure.join(" ").slice(0, 400);
  return {
    ...draft,
    body: draft.body.replace(
      /\n\n/,
      `\n\n_The language model's version did not pass the checks (${why.replace(/[_*]/g, "")}); this is the offline draft._\n\n`,
    ),
    note: `Offline draft: the model's version failed the checks. ${why}`,
  };
}
