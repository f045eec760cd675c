/** Projects, each exported with what the guide learned about it (its pipeline state, held by the chat object). */
import { projects } from "../../db/schema";
import { iso, jsonFile, type PersonalData } from "../../lib/personal-data";
import { projectsOf } from "./queries";

export const projectData: PersonalData = {
  owner: "features/projects",
  tables: [projects],
  export: [
    {
      name: "projects",
      description:
        "projects.json: your projects, each with what the guide learned (guide: its pipeline state).",
      async collect({ db, userId, chat }) {
        const rows = await projectsOf(db, { ownerId: userId });
        const items = rows.map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description,
          createdAt: iso(p.createdAt),
          updatedAt: iso(p.updatedAt),
          guide: chat.pipelines.find((s) => s.projectId === p.id)?.state ?? null,
        }));
        return { files: [jsonFile("projects.json", items)], count: items.length };
      },
    },
  ],
};
