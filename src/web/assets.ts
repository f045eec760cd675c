/**
 * Links to the hashed browser assets. The manifest is written by scripts/build-assets.mjs, which runs
 * before `npm start`, `npm test` and deploys; a missing name fails type-checking, not a page.
 */
import { MANIFEST } from "./assets.gen";

export type AssetName = keyof typeof MANIFEST;
/** Page scripts, by entry file name in src/web/client/. */
export type ScriptName = Extract<AssetName, `${string}.js`> extends `${infer N}.js` ? N : never;

export const assetUrl = (name: AssetName): string => MANIFEST[name].url;

/** A script entry and the shared chunks it imports, so the browser can fetch them in parallel. */
export function scriptUrls(name: ScriptName): { url: string; preload: readonly string[] } {
  return MANIFEST[`${name}.js`];
}
