import { describe, expect, it } from "vitest";
import { MAX_DIFF_EDITS, unifiedDiff } from "./diff";
import { Problem } from "./problem";

const labels = { from: "v1", to: "v2" };

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", labels)).toBe("");
  });

  it("shows a changed line with its context", () => {
    const a = ["1", "2", "3", "4", "5", "6", "7"].join("\n");
    const b = ["1", "2", "3", "four", "5", "6", "7"].join("\n");
    expect(unifiedDiff(a, b, labels)).toBe(
      [
        "--- v1",
        "+++ v2",
        "@@ -1,7 +1,7 @@",
        " 1",
        " 2",
        " 3",
        "-4",
        "+four",
        " 5",
        " 6",
        " 7",
        "\\ No newline at end of file",
        "",
      ].join("\n"),
    );
  });

  it("splits far-apart changes into hunks with correct line numbers", () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const b = [...a];
    b[1] = "changed 2";
    b.splice(15, 1);
    const diff = unifiedDiff(a.join("\n"), b.join("\n"), labels);
    const hunks = diff.split("\n").filter((l) => l.startsWith("@@"));
    expect(hunks).toEqual(["@@ -1,5 +1,5 @@", "@@ -13,7 +13,6 @@"]);
    expect(diff).toContain("-line 16\n");
  });

  it("handles additions to and deletions from empty texts", () => {
    expect(unifiedDiff("", "x\ny\n", labels)).toBe("--- v1\n+++ v2\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    expect(unifiedDiff("x\n", "", labels)).toBe("--- v1\n+++ v2\n@@ -1,1 +0,0 @@\n-x\n");
  });

  it("marks a last line without a newline, as diff -u does", () => {
    expect(unifiedDiff("a\n", "a", labels)).toBe(
      "--- v1\n+++ v2\n@@ -1,1 +1,1 @@\n-a\n+a\n\\ No newline at end of file\n",
    );
  });

  it("refuses, with a 422 problem of its own type, versions that differ in too many lines", () => {
    const lines = (tag: string) => Array.from({ length: MAX_DIFF_EDITS }, (_, i) => `${tag} ${i}`).join("\n");
    let thrown: unknown;
    try {
      unifiedDiff(lines("a"), lines("b"), labels);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).status).toBe(422);
    expect((thrown as Problem).extra.code).toBe("diff-too-large");
    // Just under the bound it still answers.
    const half = Array.from({ length: MAX_DIFF_EDITS / 2 - 1 }, (_, i) => `a ${i}`).join("\n");
    expect(unifiedDiff(half, half.replaceAll("a ", "b "), labels)).toContain("+b 0\n");
  });

  it("applies: old lines plus the diff give the new text", () => {
    const a = "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n".repeat(3);
    const b = a
      .replace("gamma", "GAMMA")
      .replace(/zeta\n/, "")
      .concat("iota\n");
    const diff = unifiedDiff(a, b, labels);
    // Rebuild b from a and the hunks.
    const aLines = a.split("\n").slice(0, -1);
    const result: string[] = [];
    let pos = 0;
    for (const block of diff.split(/^@@ /m).slice(1)) {
      const [header, ...body] = block.split("\n");
      const start = Number(/^-(\d+)/.exec(header!)![1]) - 1;
      result.push(...aLines.slice(pos, start));
      pos = start;
      for (const l of body) {
        if (l.startsWith(" ")) result.push(l.slice(1)), pos++;
        else if (l.startsWith("-")) pos++;
        else if (l.startsWith("+")) result.push(l.slice(1));
      }
    }
    result.push(...aLines.slice(pos));
    expect(`${result.join("\n")}\n`).toBe(b);
  });
});
