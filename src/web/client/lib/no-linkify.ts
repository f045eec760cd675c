/**
 * Stands in for linkify-it in the browser bundle (scripts/build-assets.mjs aliases it here). The
 * shared renderer (lib/markdown.ts) turns linkify off, so markdown-it constructs a LinkifyIt but
 * never calls it; shipping the real one would cost 16 KB of every chat page's script budget.
 */
export class LinkifyIt {
  test(): boolean {
    return false;
  }
  match(): null {
    return null;
  }
  pretest(): boolean {
    return false;
  }
  matchAtStart(): null {
    return null;
  }
}
