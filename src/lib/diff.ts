/**
 * Line diffs in unified format (what `diff -u` and code review tools read), computed by jsdiff
 * (`diff`, kept and widely used) with a bound on the work: a Worker has 128 MB and limited CPU, and
 * the hand-written Myers with a full trace it replaced used 371 MB for two 3,000-line versions that
 * share nothing. jsdiff keeps only the live search frontier, and gives up (returns undefined) once the
 * edit script would exceed MAX_DIFF_EDITS lines or the search has run DIFF_TIMEOUT_MS.
 * Measured (docs/PERFORMANCE.md, `npm run bench:heavy`): the worst case at the largest artifact body
 * stays far under 64 MB.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { Problem } from "./problem";

/**
 * Most changed lines (added plus removed) a diff will show. Two versions of a long document that
 * differ in more than this are better compared side by side; 1,000 lines bound the search at ~150 ms.
 */
export const MAX_DIFF_EDITS = 1_000;
/** A second bound on CPU, for inputs whose lines are costly to compare. */
export const DIFF_TIMEOUT_MS = 1_000;

/** The versions differ too much to show as a diff (a 422 with its own problem type). */
export const diffTooLarge = () =>
  new Problem(
    422,
    `These versions differ in more than ${MAX_DIFF_EDITS.toLocaleString("en")} lines, too many to show as a diff. Compare them side by side, or pick versions closer together.`,
    { code: "diff-too-large" },
  );

/**
 * A unified diff of two texts with `context` lines around each change; "" when they are equal.
 * Throws `diffTooLarge()` past the bounds above.
 */
export function unifiedDiff(
  from: string,
  to: string,
  labels: { from: string; to: string },
  context = 3,
): string {
  if (from === to) return "";
  const patch = createTwoFilesPatch(labels.from, labels.to, from, to, undefined, undefined, {
    context,
    headerOptions: FILE_HEADERS_ONLY,
    maxEditLength: MAX_DIFF_EDITS,
    timeout: DIFF_TIMEOUT_MS,
  });
  if (patch === undefined) throw diffTooLarge();
  return patch;
}
