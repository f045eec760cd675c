/**
 * The generation hook: the one place the guide asks for an artifact to be made.
 *
 * The artifacts feature implements ArtifactGenerator (a queued job that writes a versioned artifact,
 * features/artifacts/chat-generator.ts); when it cannot start one it answers "unavailable", and the
 * guide says so plainly instead of pretending. The request carries everything a generator needs:
 * the artifact type, the facts (the catalogue says which sections each one fills) and the needed
 * facts still missing, which a generator writes as open questions.
 */
import type { ProjectKind } from "../../lib/knowledge";
import type { ArtifactType, FactId } from "./catalogue";
import type { FactValue } from "./state";

export interface GenerationRequest {
  ownerId: string;
  projectId: string;
  conversationId: string;
  type: ArtifactType;
  facts: Partial<Record<FactId, FactValue>>;
  missing: FactId[];
  instructions?: string;
  /** The project's kind, when the guide knows it: writers can fit the artifact to it. */
  kind?: ProjectKind;
}

export type GenerationOutcome =
  | { status: "started"; jobId: string; artifactId: string }
  | { status: "unavailable"; detail: string };

export interface ArtifactGenerator {
  start(request: GenerationRequest): Promise<GenerationOutcome>;
}
