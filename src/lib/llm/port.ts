/**
 * The LanguageModel port: one streaming call, whatever is behind it (Workers AI, any OpenAI-compatible
 * Chat Completions server, or the built-in offline guide). Adapters turn their wire format into plain
 * text deltas and their failures into ModelError, so callers handle one shape.
 */

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ModelRequest {
  /** Instructions and context: who the agent is, what is known, what this turn must do. */
  system: string;
  /** The conversation, oldest first, already fitted to the token budget (see history.ts). */
  messages: ChatMessage[];
  /**
   * The deterministic guide's reply for this turn. Models rephrase it; the offline model says it
   * as is, which is what makes the offline guide a real guide rather than an echo.
   */
  guideReply: string;
  maxTokens?: number;
  /** Aborted on time-out or shutdown; adapters must stop reading and release the connection. */
  signal?: AbortSignal;
}

/** A function the model may call: its arguments are described by a JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A call the model made: the tool's name and its arguments as the JSON text the model wrote. */
export interface ToolCall {
  name: string;
  arguments: string;
}

export interface ToolRequest {
  system: string;
  messages: ChatMessage[];
  tools: ToolSpec[];
  /** The tool the model must call, when the provider supports forcing one. */
  force?: string;
  maxTokens?: number;
  signal?: AbortSignal;
}

export interface ToolAnswer {
  /** Plain text the model wrote besides its calls (often empty). */
  text: string;
  calls: ToolCall[];
}

export interface LanguageModel {
  /** For logs and message metadata, e.g. "openai-compatible:llama3.1". */
  readonly name: string;
  /** Text deltas in order. Throws ModelError on failure, including mid-stream. */
  stream(request: ModelRequest): AsyncIterable<string>;
  /**
   * Structured output: the model answers by calling tools (OpenAI tool calls, Workers AI function
   * calling). Absent for the offline guide. Throws ModelError on failure; a model that calls no tool
   * answers with an empty `calls`, which callers treat as a missing structured answer.
   */
  callTools?(request: ToolRequest): Promise<ToolAnswer>;
}

export class ModelError extends Error {
  constructor(
    message: string,
    /** The HTTP status the provider answered with, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "ModelError";
  }
}
