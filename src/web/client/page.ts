/** Loaded by every page: moments shown in the reader's time zone. */
import { localizeTimes } from "./lib/time";

localizeTimes();
