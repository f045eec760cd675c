import { uxprtClient } from "./client";

/** With a personal access token: create a project, list my projects, and read the new one's brief. */
export async function example(baseUrl: string, token: string, fetch?: typeof globalThis.fetch) {
  const api = uxprtClient(baseUrl, { token, fetch });

  const created = await api.projects.$post({ json: { name: "Plant shop", description: "Plants by post" } });
  if (created.status !== 201) throw new Error(`uXPRT answered ${created.status}`);
  const project = await created.json();

  const page = await (await api.projects.$get({ query: { limit: "10" } })).json();
  const brief = await (await api.projects[":id"].brief.$get({ param: { id: project.id } })).json();

  return { names: page.items.map((p) => p.name), nextStep: brief.nextStep };
}
