/**
 * Finished account exports: sealed ZIPs in R2 under exports/<userId>/ (export.ts writes them, the
 * retention job deletes them after EXPORT_RETENTION_DAYS). Their jobs are in features/jobs; the
 * archives themselves go when the user is erased.
 */
import { deleteR2Prefix } from "../../lib/listing";
import type { PersonalData } from "../../lib/personal-data";

export const EXPORT_PREFIX = "exports/";
export const exportKey = (userId: string, jobId: string) => `${EXPORT_PREFIX}${userId}/${jobId}.zip`;

export const exportArchiveData: PersonalData = {
  owner: "features/privacy",
  tables: [],
  export: [],
  async erase({ env, user }) {
    return {
      async sweep() {
        await deleteR2Prefix(env.MEDIA, `${EXPORT_PREFIX}${user.id}/`);
      },
    };
  },
};
