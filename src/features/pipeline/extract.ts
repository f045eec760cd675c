/**
 * Simple, predictable fact extraction from an answer:
 * 1. "label: value" lines fill the fact the label names, asked or not ("Metrics: 1,000 users").
 * 2. The rest answers the facts the guide asked for. With two questions open it is split on a
 *    numbered "1. … 2. …", on lines, or on sentences; when it cannot be split it answers the first.
 * 3. Lead-ins are trimmed ("It's called Pantry Pal" → "Pantry Pal", "The problem is that …" → "…").
 */
import { FACTS, type FactId } from "./catalogue";
import { findFact } from "./intents";

export interface Extracted {
  id: FactId;
  value: string;
}

const LABELLED_LINE = /^\s*(?:[-*•]\s*)?([A-Za-z][A-Za-z &/'-]{1,40}?)\s*[:=]\s*(.+)$/;

export function productName(text: string): string {
  const quoted = text.match(/["“”'‘]([^"“”'‘’]{1,100})["“”’']/);
  if (quoted) return quoted[1]!.trim();
  const called = text.match(
    /\b(?:called|named|name is|name's|call it)\s+(.{1,100}?)(?:[.,;!]|\s+(?:and|but|because)\b|$)/i,
  );
  return (called ? called[1]! : text.split(/\r?\n/)[0]!)
    .replace(/[.!]+$/, "")
    .trim()
    .slice(0, 100);
}

/** Drops filler and a restatement of the question at the start of an answer. */
function clean(id: FactId, text: string): string {
  let v = text.trim().replace(/^(?:well|so|um+|uh+|ok(?:ay)?|basically|i think|i guess|hmm+)[,.]?\s+/i, "");
  if (id === "productName") return productName(v);
  const words = [FACTS[id].label, ...FACTS[id].aliases]
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|");
  v = v.replace(
    new RegExp(`^(?:the |our |my |their )?(?:${words})\\s+(?:is|are|would be|will be)(?:\\s+that)?\\s+`, "i"),
    "",
  );
  return v.trim();
}

/** Two answers from one message, when the message is clearly two parts. */
function splitTwo(text: string): [string, string] | undefined {
  const numbered = text.match(/^\s*(?:1[.)]|a[.)])\s*([\s\S]+?)\s*(?:^|\s)(?:2[.)]|b[.)])\s*([\s\S]+)$/m);
  if (numbered) return [numbered[1]!, numbered[2]!];
  const lines = text
    .split(/\r?\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 2 && !lines.every((l) => /^[-*•]/.test(l))) return [lines[0]!, lines[1]!];
  const sentences = text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9“"])/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (lines.length === 1 && sentences.length === 2) return [sentences[0]!, sentences[1]!];
  return undefined;
}

export function extractFacts(text: string, pending: readonly FactId[]): Extracted[] {
  const found = new Map<FactId, string>();
  const rest: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = line.match(LABELLED_LINE);
    const id = m ? findFact(m[1]!) : undefined;
    if (id && m) found.set(id, m[2]!);
    else rest.push(line);
  }
  const open = pending.filter((id) => !found.has(id));
  const remaining = rest.join("\n").trim();
  if (remaining && open.length === 1) found.set(open[0]!, remaining);
  if (remaining && open.length >= 2) {
    const parts = splitTwo(remaining);
    if (parts) {
      found.set(open[0]!, parts[0]);
      found.set(open[1]!, parts[1]);
    } else {
      found.set(open[0]!, remaining);
    }
  }
  return [...found].map(([id, raw]) => ({ id, value: clean(id, raw) })).filter((e) => e.value.length > 0);
}
