// Where the shared benchmark data lives: ../shared beside the repo, or RELAIS_SHARED_DIR.
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function sharedNrpDir(): string {
  const root =
    process.env.RELAIS_SHARED_DIR ?? resolve(fileURLToPath(import.meta.url), "../../../../../shared");
  return join(root, "bench", "nrp");
}
