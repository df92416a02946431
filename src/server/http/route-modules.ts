// Every capability's routes are found by file name: src/server/<capability>/**/routes.ts exports a
// default Fastify plugin. Adding a capability needs no edit here.
import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { App } from "./types.js";

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

function findRouteFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findRouteFiles(path));
    else if (entry.name === "routes.ts" || entry.name === "routes.js") found.push(path);
  }
  return found;
}

export async function loadRouteModules(): Promise<{ name: string; plugin: (app: App) => Promise<void> }[]> {
  const files = findRouteFiles(SERVER_DIR).sort();
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(pathToFileURL(file).href)) as { default: (app: App) => Promise<void> };
      return { name: relative(SERVER_DIR, file), plugin: mod.default };
    }),
  );
}
