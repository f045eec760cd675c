import type { ProjectKind } from "../../../lib/knowledge/types";

/** One entry of the knowledge base the app ships (see methods.ts, practice.ts and templates.ts). */
export interface KbEntry {
  /** Stable: "<section>/<slug>", linked as uxprt://kb/<id>. */
  id: string;
  title: string;
  tags: readonly string[];
  body: string;
  /** The kinds of project it is written for; none: it fits every kind. */
  kinds?: readonly ProjectKind[];
}

export const KB_URL_PREFIX = "uxprt://kb/";
export const kbUrl = (id: string) => `${KB_URL_PREFIX}${id}`;
