import { describe, expect, it } from "vitest";
import { estimateTokens, fitHistory } from "./history";
import type { ChatMessage } from "./port";

const turn = (i: number): ChatMessage[] => [
  { role: "user", content: `question ${i} `.padEnd(400, "q") },
  { role: "assistant", content: `answer ${i} `.padEnd(400, "a") },
];

describe("the history budget", () => {
  it("keeps the newest turns within the budget and says how many older ones it dropped", () => {
    const history = [
      ...Array.from({ length: 10 }, (_, i) => turn(i)).flat(),
      { role: "user" as const, content: "latest" },
    ];
    const { messages, dropped } = fitHistory(history, 500);
    const used = messages.reduce((n, m) => n + estimateTokens(m.content), 0);
    expect(used).toBeLessThanOrEqual(500);
    expect(messages.at(-1)?.content).toBe("latest");
    expect(messages[0]?.role).toBe("user");
    expect(dropped).toBe(history.length - messages.length);
    expect(dropped).toBeGreaterThan(10);
  });

  it("keeps everything when it fits", () => {
    const history = turn(1);
    expect(fitHistory(history, 10_000)).toEqual({ messages: history, dropped: 0 });
  });

  it("cuts a single message that is larger than the whole budget instead of sending nothing", () => {
    const { messages } = fitHistory([{ role: "user", content: "x".repeat(8000) }], 100);
    expect(messages).toHaveLength(1);
    expect(estimateTokens(messages[0]!.content)).toBeLessThanOrEqual(100);
  });
});
