/** Which handler runs each kind of job: the one table to extend when a feature adds a kind. */
import { artifactJob } from "../artifacts/generation";
import { generationPorts } from "../artifacts/ports";
import { exportJob } from "../privacy/export";
import { researchJob } from "../research/job";
import { observeResearch } from "../research/observer";
import type { JobHandlers } from "./queue";

export const jobHandlers: JobHandlers = {
  artifact: artifactJob(generationPorts),
  research: researchJob(observeResearch),
  export: exportJob,
};
