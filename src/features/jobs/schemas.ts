/** Shapes of the jobs route; the same schemas validate and document. */
import { z } from "zod";
import { Ulid } from "../../lib/validate";

export const IdParam = z.object({ id: Ulid });

export const Job = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  progress: z.number(),
  error: z.string().nullable(),
  attempts: z.number(),
  result: z.unknown().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
