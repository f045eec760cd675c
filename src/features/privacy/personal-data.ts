/**
 * Every declaration of personal data (lib/personal-data.ts), in the order of the export's sections.
 * Account export (export-data.ts) and erasure (erasure.ts) run over this list; a feature that
 * stores something about a user adds its declaration here, and personal-data.test.ts fails while a
 * D1 table with an owner or user column is in none.
 */
import { auditData } from "../../lib/audit";
import { consentData } from "../../lib/consent";
import type { PersonalData } from "../../lib/personal-data";
import { rateLimitData } from "../../lib/rate-limit-data";
import { artifactData } from "../artifacts/personal-data";
import { accountData } from "../auth/personal-data";
import { chatData } from "../chat/personal-data";
import { creationData } from "../creations/personal-data";
import { jobData } from "../jobs/personal-data";
import { projectData } from "../projects/personal-data";
import { researchData } from "../research/personal-data";
import { tokenData } from "../tokens/personal-data";
import { exportArchiveData } from "./archives";

export const PERSONAL_DATA: readonly PersonalData[] = [
  accountData,
  consentData,
  tokenData,
  projectData,
  chatData,
  artifactData,
  creationData,
  jobData,
  researchData,
  auditData,
  exportArchiveData,
  rateLimitData,
];
