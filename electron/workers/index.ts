// Where each job worker's entry file is: the TypeScript source when run by Node directly, the bundled
// file (out/electron/workers/NAME.js) in the packaged app.
declare const __PORTCULLIS_BUNDLED__: boolean | undefined;

export type WorkerName = 'backup' | 'integrity' | 'demo' | 'import' | 'export' | 'count' | 'score' | 'resolve' | 'age' | 'training';

export function workerUrl(name: WorkerName): URL {
  const bundled = typeof __PORTCULLIS_BUNDLED__ !== 'undefined' && __PORTCULLIS_BUNDLED__;
  return new URL(bundled ? `./workers/${name}.js` : `./${name}-worker.ts`, import.meta.url);
}
