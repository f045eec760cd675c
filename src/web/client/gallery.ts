/** The gallery: tag suggestions in the search box. */
import { suggestAllTagInputs } from "./lib/tag-suggest";

suggestAllTagInputs();
