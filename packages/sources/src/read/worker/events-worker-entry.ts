/**
 * Where the events worker's entry file is: next to the built module (`dist/events-worker.js`, or `.cjs` beside
 * the CommonJS build), or, when this module runs from its TypeScript sources, a small `.mjs` file that loads
 * the TypeScript entry through tsx.
 */
export function eventsWorkerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith(".ts")) return new URL("./events-worker-dev.mjs", here);
  return new URL(here.endsWith(".cjs") ? "./events-worker.cjs" : "./events-worker.js", here);
}
