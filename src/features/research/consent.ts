/**
 * The consent hook for research: sending a user's query to an outside search provider (Brave,
 * Tavily, a SearXNG instance) shares what they typed with a third party, so it needs their
 * "external-search" consent (src/lib/consent.ts; given in features/privacy). Without it the research API answers 403 and no query
 * leaves the Worker; a queued job whose consent was withdrawn fails without calling out. It is
 * called only when an outside provider is configured: offline research needs no consent.
 */
export { assertConsent } from "../../lib/consent";
