/** Shapes of projects; the same schemas validate requests and document them. */
import { z } from "zod";
import { writtenText } from "../../lib/validate";

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A path `{id}` that must look like one of our ULIDs, so junk never reaches a query. */
export const idParam = (what: string) => z.object({ id: z.string().regex(ULID, `Not a ${what} id`) });
export const ProjectIdParam = idParam("project");

const Name = writtenText("The name", 100);
const Description = z.string().trim().max(2000, "At most 2000 characters");

export const CreateProjectBody = z.strictObject({ name: Name, description: Description.optional() });

export const UpdateProjectBody = z
  .strictObject({ name: Name.optional(), description: Description.optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, "Change at least one field");

export const PageQuery = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const Project = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ProjectPage = z.object({ items: z.array(Project), nextCursor: z.string().nullable() });

export type ProjectView = z.infer<typeof Project>;
