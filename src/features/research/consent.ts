/**
 * The consent hook for research: sending a user's query to an outside search provider (Brave,
 * Tavily, a SearXNG instance) shares what they typed with a third party, so it needs their consent.
 *
 * INTEGRATION POINT for the privacy feature. Today no consent records exist, so this allows. When
 * they do, this function should look up `purpose` for `userId` and, when it is not granted, throw
 * `new Problem(403, "…", { code: "consent-required" })`: the research API answers that 403 and no
 * query leaves the Worker; a queued job whose consent was withdrawn fails without calling out.
 * It is called only when an outside provider is configured: offline research needs no consent.
 */
export type ConsentPurpose = "external-search";

export async function assertConsent(_env: Env, _userId: string, _purpose: ConsentPurpose): Promise<void> {
  // Allowed until the privacy feature records consents (see above).
}
