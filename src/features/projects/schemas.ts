/** Shapes of projects; the same schemas validate requests and document them. */
import { z } from "zod";
import { idParam, writtenText } from "../../lib/validate";

/** A project's path `{id}`; a malformed one is a 404 like an unknown one (lib/validate.ts idParam). */
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
