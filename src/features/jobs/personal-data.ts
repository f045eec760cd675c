/** Background jobs a user started, with what they were given and produced; they go with the user row (cascade). */
import { jobs } from "../../db/schema";
import { iso, jsonFile, type PersonalData } from "../../lib/personal-data";
import { jobsOf } from "./queries";

export const jobData: PersonalData = {
  owner: "features/jobs",
  tables: [jobs],
  export: [
    {
      name: "jobs",
      description:
        "jobs.json: background jobs you started (artifact generation, research, exports), with what they were given and produced.",
      async collect({ db, userId }) {
        const rows = await jobsOf(db, { ownerId: userId });
        const items = rows.map((j) => ({
          id: j.id,
          kind: j.kind,
          projectId: j.projectId,
          status: j.status,
          error: j.error,
          input: JSON.parse(j.input) as unknown,
          result: j.result ? (JSON.parse(j.result) as unknown) : null,
          createdAt: iso(j.createdAt),
          updatedAt: iso(j.updatedAt),
        }));
        return { files: [jsonFile("jobs.json", items)], count: items.length };
      },
    },
  ],
};
