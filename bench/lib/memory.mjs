/** A process's resident memory as Linux reports it (/proc), for the heavy-path bench. */
import { readFileSync, writeFileSync } from "node:fs";

/** VmRSS (now) or VmHWM (the peak since the last reset), in MB. */
export const residentMb = (pid, field = "VmRSS") =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]) / 1024;

/** Resets VmHWM to the current resident set, so the peak read next belongs to what runs in between. */
export const resetPeak = (pid) => writeFileSync(`/proc/${pid}/clear_refs`, "5");
