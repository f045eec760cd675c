/**
 * Bounding what is sent to a model. Tokens are estimated at four characters each (close enough for
 * English with the common tokenizers, and it errs on the generous side for code and ids); the newest
 * turns are kept whole and the oldest dropped first. Dropped turns are not lost: their facts are in
 * the brief that the system prompt carries, and the caller says how many were left out.
 */
import type { ChatMessage } from "./port";

export const estimateTokens = (text: string) => Math.ceil(text.length / 4) + 4;

export interface Fitted {
  messages: ChatMessage[];
  dropped: number;
}

/** The newest messages that fit in `budget` tokens; the last one always, cut to fit if need be. */
export function fitHistory(history: readonly ChatMessage[], budget: number): Fitted {
  const kept: ChatMessage[] = [];
  let used = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    const cost = estimateTokens(m.content);
    if (used + cost > budget) {
      if (kept.length === 0)
        kept.push({ role: m.role, content: m.content.slice(-Math.max(0, (budget - 4) * 4)) });
      break;
    }
    kept.push(m);
    used += cost;
  }
  kept.reverse();
  // Chat templates expect the history to open with the user, not with a reply cut from its question.
  while (kept.length > 1 && kept[0]!.role === "assistant") kept.shift();
  return { messages: kept, dropped: history.length - kept.length };
}
