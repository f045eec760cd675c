/**
 * Shows the chosen image before upload and refuses, before any byte is sent, files the server would
 * refuse anyway (by type and size; the server still checks the bytes themselves).
 */
const TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"];

export function previewImage(input: HTMLInputElement, img: HTMLImageElement, status: HTMLElement): void {
  const maxBytes = Number(input.dataset.maxBytes);
  let url: string | undefined;

  input.addEventListener("change", () => {
    if (url) URL.revokeObjectURL(url);
    url = undefined;
    img.hidden = true;
    const file = input.files?.[0];
    let problem = "";
    if (file && !TYPES.includes(file.type)) problem = "Choose a PNG, JPEG, WebP or GIF image.";
    else if (file && maxBytes && file.size > maxBytes)
      problem = `The image is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB.`;
    input.setCustomValidity(problem);
    if (!file || problem) {
      status.textContent = problem;
      return;
    }
    url = URL.createObjectURL(file);
    img.src = url;
    img.alt = `Preview of ${file.name}`;
    img.hidden = false;
    status.textContent = `${file.name}, ${Math.ceil(file.size / 1024)} KB`;
  });
}
