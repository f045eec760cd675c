/** The docs say what the code does: tables in docs/ checked against the typed tables they show. */
import { describe, expect, it } from "vitest";
import apiClientsDoc from "../docs/API-CLIENTS.md?raw";
import { GENERIC_STATUSES, PROBLEM_TYPES, problemTypeUri } from "../src/lib/problem-types";

describe("problem types", () => {
  it("are documented in docs/API-CLIENTS.md exactly as the typed table says", () => {
    // The table's rows, cells trimmed (the formatter pads them).
    const rows = new Set(
      apiClientsDoc
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) =>
          l
            .split("|")
            .slice(1, -1)
            .map((cell) => cell.trim())
            .join(" | "),
        ),
    );
    for (const [code, t] of Object.entries(PROBLEM_TYPES))
      expect(rows, code).toContain(`\`${problemTypeUri(code)}\` | ${t.status} | ${t.meaning}`);
    for (const [status, meaning] of Object.entries(GENERIC_STATUSES))
      expect(rows, status).toContain(`\`about:blank\` | ${status} | ${meaning}`);
  });
});
