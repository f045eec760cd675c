/**
 * Opaque keyset cursors: the last row's sort key and id, base64url JSON. Keyset paging costs the same
 * on page 1 and page 1,000, unlike OFFSET, and does not skip or repeat rows when new ones arrive.
 */
import { base64url, fromBase64url } from "./crypto";
import { badRequest } from "./problem";

export interface Cursor {
  /** The numeric sort value of the last row (absent when sorting by id alone). */
  v?: number;
  /** The text sort value of the last row, for orders by name. */
  s?: string;
  id: string;
}

export const encodeCursor = (c: Cursor) => base64url(new TextEncoder().encode(JSON.stringify(c)));

export function decodeCursor(s: string | undefined): Cursor | undefined {
  if (!s) return undefined;
  try {
    const c = JSON.parse(new TextDecoder().decode(fromBase64url(s))) as Cursor;
    if (
      typeof c.id === "string" &&
      (c.v === undefined || typeof c.v === "number") &&
      (c.s === undefined || typeof c.s === "string")
    )
      return c;
  } catch {
    // fall through to the error below
  }
  throw badRequest("The cursor is not one this API issued.", [
    { field: "cursor", message: "Invalid cursor" },
  ]);
}

/**
 * One page of a keyset listing, from a query that fetched `limit + 1` rows: the first `limit` as
 * views, and a cursor after the last of them only when the extra row shows there is more.
 */
export function keysetPage<R, V>(rows: R[], limit: number, view: (row: R) => V, key: (last: R) => Cursor) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null,
  };
}
