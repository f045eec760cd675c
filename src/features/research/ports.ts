/**
 * What research needs from features above it, given by the composition root (src/worker/research-ports.ts):
 * the search over the user's own artifacts for the offline provider, and who hears how a job ended.
 */
import type { ResearchObserver } from "./job";
import type { LibrarySearch } from "./local";

export interface ResearchPorts {
  library: LibrarySearch;
  observe: ResearchObserver;
}
