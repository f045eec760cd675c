/**
 * Line diffs in unified format (what `diff -u` and code review tools read), by Myers' O(ND)
 * algorithm: cost grows with the size of the change, not with the square of the document.
 */

type Edit = { op: " " | "-" | "+"; line: string; a: number; b: number };

function splitLines(s: string): string[] {
  if (s === "") return [];
  const lines = s.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The shortest edit script from a to b (Myers 1986, with the trace kept for backtracking). */
function editScript(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v);
  // Walk the trace backwards from (n, m) to (0, 0).
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const prev = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : prev[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) edits.push({ op: " ", line: a[--x]!, a: x, b: --y });
    if (d > 0) {
      if (x === prevX) edits.push({ op: "+", line: b[--y]!, a: x, b: y });
      else edits.push({ op: "-", line: a[--x]!, a: x, b: y });
    }
  }
  return edits.reverse();
}

/**
 * A unified diff of two texts with `context` lines around each change; "" when they are equal.
 */
export function unifiedDiff(
  from: string,
  to: string,
  labels: { from: string; to: string },
  context = 3,
): string {
  const edits = editScript(splitLines(from), splitLines(to));
  const changed = edits.map((e, i) => (e.op !== " " ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return "";
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  let i = 0;
  while (i < changed.length) {
    // Grow a hunk while the next change is within 2×context lines of the last.
    let end = changed[i]!;
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - end <= 2 * context) end = changed[++j]!;
    const start = Math.max(0, changed[i]! - context);
    const stop = Math.min(edits.length - 1, end + context);
    const hunk = edits.slice(start, stop + 1);
    const aStart = hunk[0]!.a;
    const bStart = hunk[0]!.b;
    const aLen = hunk.filter((e) => e.op !== "+").length;
    const bLen = hunk.filter((e) => e.op !== "-").length;
    out.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`);
    for (const e of hunk) out.push(e.op + e.line);
    i = j + 1;
  }
  return `${out.join("\n")}\n`;
}
