/** Which handler runs each kind of job: the one table to extend when a feature adds a kind. */
import { artifactJob } from "../features/artifacts/generation";
import { generationPorts } from "./generation-ports";
import { exportJob } from "../features/privacy/export";
import { researchJob } from "../features/research/job";
import { researchPorts } from "./research-ports";
import type { JobHandlers } from "../features/jobs/queue";

export const jobHandlers: JobHandlers = {
  artifact: artifactJob(generationPorts),
  research: researchJob(researchPorts),
  export: exportJob,
};
