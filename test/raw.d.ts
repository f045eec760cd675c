/** Vite's `?raw` imports: a file's text, so tests can check docs against the code they describe. */
declare module "*?raw" {
  const text: string;
  export default text;
}
