// Starts an engine's worker thread, from compiled JavaScript (`dist/`, the server) or from the
// TypeScript sources (tsx: CLI, tests, benchmarks). On Node 20 a worker does not inherit tsx's
// loader hooks (`execArgv: ["--import", "tsx"]` does not reach it), so from the sources the worker
// registers tsx itself, from an eval'd bootstrap, before importing the .ts entry.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** tsx's loader API; Vitest has no `import.meta.resolve`, so fall back on the package directory. */
function resolveTsxApi(from: string): string {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === "function") {
    try {
      return meta.resolve("tsx/esm/api");
    } catch {
      // fall through to the package directory
    }
  }
  const pkg = createRequire(from).resolve("tsx/package.json");
  return pathToFileURL(join(dirname(pkg), "dist/esm/api/index.mjs")).href;
}

/**
 * The worker `entry` (a path without extension, relative to the module `from`, e.g. "./worker"):
 * `entry.js` next to compiled code, `entry.ts` next to sources.
 */
export function startEngineWorker(from: string, entry: string, options: WorkerOptions = {}): Worker {
  if (!from.endsWith(".ts")) return new Worker(new URL(`${entry}.js`, from), options);
  const api = JSON.stringify(resolveTsxApi(from));
  const file = JSON.stringify(new URL(`${entry}.ts`, from).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${file}); });`, {
    ...options,
    eval: true,
  });
}
