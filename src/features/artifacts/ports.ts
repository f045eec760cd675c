/**
 * The generation ports as configured for this Worker. Facts come from the project (and, once the
 * guide records them, from its pipeline state); the offline writer fills outlines.
 */
import { eq } from "drizzle-orm";
import { projects } from "../../db/schema";
import { database } from "../../lib/db";
import type { GenerationPorts } from "./generation";
import { writeArtifact } from "./writer";

export const generationPorts: GenerationPorts = {
  async facts(env, ownerId, projectId) {
    const project = await database(env).select().from(projects).where(eq(projects.id, projectId)).get();
    if (!project || project.ownerId !== ownerId) return { facts: {} };
    return { facts: { productName: { value: project.name, at: project.createdAt, source: "project" } } };
  },
  author: async (_env, input) => writeArtifact(input),
  observe: async () => {},
};
