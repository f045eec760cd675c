/**
 * Regenerate with feedback, offline: the common requests a writer can honour without a model —
 * shorter, remove X, focus on Y — applied to the written sections. Anything else is reported as
 * needing a language model, so the user is never told a request was followed when it was not.
 */
import type { DocSection } from "./doc";

export interface Feedback {
  shorter: boolean;
  remove: string[];
  focus: string[];
  /** The parts of the request the offline writer cannot do. */
  unsupported: string[];
}

const SHORTER = /\b(shorter|short|concise|brief|briefer|condense|trim|less text|summari[sz]e|tl;?dr)\b/i;
const REMOVE = /\b(?:remove|delete|drop|without|no more|leave out|get rid of|cut)\s+(?:the\s+)?(.+)/i;
const FOCUS =
  /\b(?:focus on|focus more on|concentrate on|emphasi[sz]e|more about|prioriti[sz]e)\s+(?:the\s+)?(.+)/i;

export function parseFeedback(instructions: string | undefined): Feedback {
  const out: Feedback = { shorter: false, remove: [], focus: [], unsupported: [] };
  for (const raw of (instructions ?? "").split(/[.;\n]|\bthen\b|,\s*and\b/i)) {
    const part = raw.trim();
    if (!part) continue;
    const remove = REMOVE.exec(part);
    const focus = FOCUS.exec(part);
    let understood = false;
    if (SHORTER.test(part)) {
      out.shorter = true;
      understood = true;
    }
    if (remove) {
      out.remove.push(...topics(remove[1]!));
      understood = true;
    } else if (focus) {
      out.focus.push(...topics(focus[1]!));
      understood = true;
    }
    if (!understood) out.unsupported.push(part);
  }
  return out;
}

/** "the budget and the pricing section" → ["budget", "pricing"]. */
const topics = (s: string) =>
  s
    .split(/,|\band\b|\bor\b/)
    .map((t) =>
      t
        .trim()
        .replace(/^(the|a|an|any|all)\s+/i, "")
        .replace(/\s+(sections?|parts?|bits?|table|please)$/i, "")
        .replace(/[.!?"“”]/g, "")
        .trim()
        .toLowerCase(),
    )
    .filter((t) => t.length > 1);

const mentions = (text: string, topic: string) => text.toLowerCase().includes(topic);

/** A block cut down: lists to three entries, tables to four rows, prose to its first two sentences. */
function shorten(block: string): string {
  const lines = block.split("\n");
  if (lines.every((l) => /^\s*(?:[-*]|\d+\.)\s/.test(l) || !l.trim())) return lines.slice(0, 3).join("\n");
  if (lines[0]?.startsWith("|")) return lines.slice(0, 5).join("\n");
  if (block.startsWith("```") || block.startsWith("#") || block.startsWith(">")) return block;
  return block.match(/^[^.!?]+[.!?]+/)?.[0]?.trim() ?? block;
}

/** The sections after the feedback; the required outline sections are kept even when asked to go. */
export function applyFeedback(
  sections: DocSection[],
  fb: Feedback,
  required: ReadonlySet<string>,
): { sections: DocSection[]; done: string[] } {
  const done: string[] = [];
  let out = sections.map((s) => ({ ...s }));
  for (const topic of fb.remove) {
    let hit = false;
    out = out.flatMap((s) => {
      if (mentions(s.title, topic) && !required.has(s.title)) {
        hit = true;
        return [];
      }
      const blocks = s.body.split(/\n{2,}/).map((b) => {
        if (b.startsWith("```")) return b;
        const lines = b.split("\n");
        // Rows and entries that mention the topic go; a table keeps its header.
        const kept = lines.filter((l, i) => !(mentions(l, topic) && !(l.startsWith("|") && i < 2)));
        if (kept.length !== lines.length) hit = true;
        return kept.join("\n");
      });
      return [
        {
          ...s,
          body: blocks.filter((b) => b.trim() && !/^\|[^\n]*\n\|[- |]+\|$/.test(b.trim())).join("\n\n"),
        },
      ];
    });
    done.push(hit ? `removed “${topic}”` : `found nothing about “${topic}” to remove`);
  }
  for (const topic of fb.focus) {
    const hits = out.filter((s) => mentions(`${s.title}\n${s.body}`, topic));
    if (hits.length) {
      out = [...hits, ...out.filter((s) => !hits.includes(s))];
      done.push(`put the sections about “${topic}” first`);
    } else done.push(`found nothing about “${topic}” to focus on`);
  }
  if (fb.shorter) {
    out = out.map((s) => ({
      ...s,
      body: s.body
        .split(/\n{2,}/)
        // The first block, or the first two when the first is only a lead-in to a list or table.
        .slice(0, /:\s*$/.test(s.body.split(/\n{2,}/)[0] ?? "") ? 2 : 1)
        .map(shorten)
        .join("\n\n"),
    }));
    done.push("made every section shorter");
  }
  return { sections: out, done };
}
