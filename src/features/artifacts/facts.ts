/** The facts an artifact is written from, as the guide in the owner's Durable Object holds them. */
import { userChat } from "../../lib/user-chat";
import { artifactFacts, initialState } from "../pipeline/state";
import type { Facts } from "./writer";

/** What the guide knows of a project now (retractions included); a project it has not discussed yet knows its name. */
export async function projectFacts(
  env: Env,
  ownerId: string,
  project: { id: string; name: string; createdAt: number },
): Promise<Facts> {
  const state = await userChat(env, { id: ownerId }).pipeline(project.id);
  return artifactFacts(state ?? initialState(project.name, project.createdAt));
}
