/** Publishing a creation: image preview and tag suggestions. */
import { previewImage } from "./lib/preview";
import { suggestAllTagInputs } from "./lib/tag-suggest";

suggestAllTagInputs();
const input = document.querySelector<HTMLInputElement>("input[data-preview]");
const img = document.getElementById(input?.dataset.preview ?? "");
const status = document.getElementById(input?.dataset.status ?? "");
if (input && img instanceof HTMLImageElement && status) previewImage(input, img, status);
