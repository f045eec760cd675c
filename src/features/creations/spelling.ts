/**
 * Near spellings of tag names, the pure part of fuzzy tag search. A name is indexed under itself and
 * every form with one character left out ("deletion neighbourhood"): two names within one edit of
 * each other always share one of those forms, so candidates come from an index lookup, and
 * withinOneEdit keeps only the true near spellings among them (sharing a form can also mean two edits).
 */

/** The name and each form of it with one character left out, without repeats (≤ 33 for a 32-char tag). */
export function spellings(name: string): string[] {
  const forms = new Set([name]);
  for (let i = 0; i < name.length; i++) forms.add(name.slice(0, i) + name.slice(i + 1));
  forms.delete("");
  return [...forms];
}

/** One letter missing, extra, wrong, or two neighbours swapped (or none): optimal string alignment ≤ 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  if (a.length === b.length)
    return (
      restA.slice(1) === restB.slice(1) ||
      (restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2))
    );
  return a.length > b.length ? restA.slice(1) === restB : restB.slice(1) === restA;
}
