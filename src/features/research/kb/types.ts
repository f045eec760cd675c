/** One entry of the knowledge base the app ships (see methods.ts and templates.ts). */
export interface KbEntry {
  /** Stable: "<section>/<slug>", linked as uxprt://kb/<id>. */
  id: string;
  title: string;
  tags: readonly string[];
  body: string;
}

export const KB_URL_PREFIX = "uxprt://kb/";
export const kbUrl = (id: string) => `${KB_URL_PREFIX}${id}`;
