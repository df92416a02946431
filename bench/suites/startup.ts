// Start-up time on an existing PGlite data folder: the real server as `npm start` runs it (the
// compiled `node dist/server/main.js`, built first by this suite) is started once to create the folder and load the demo data, stopped (SIGTERM), then started
// N times, measuring from spawn to the first 200 of GET /readyz. Target: median under 3 s.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Report } from "../run.js";
import { median } from "../stats.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`server not ready within ${timeoutMs} ms`);
}

/** Whether any process of the group led by `pid` is still alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the server's own process group, then wait until all of it is gone. */
async function stop(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
  const deadline = Date.now() + 30_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
}

/** Starts the server and returns the seconds from spawn to the first ready answer. */
async function startOnce(
  dataDir: string,
  timeoutMs: number,
): Promise<{ seconds: number; child: ChildProcess }> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, ["--enable-source-maps", "dist/server/main.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: "",
      RELAIS_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      RELAIS_DEMO: "1",
      RELAIS_DEMO_PASSWORD: "mot-de-passe-du-banc",
      RELAIS_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // its own process group, stopped as a whole
  });
  try {
    await waitReady(port, child, timeoutMs);
  } catch (err) {
    await stop(child);
    throw err;
  }
  return { seconds: (performance.now() - start) / 1000, child };
}

export async function run(report: Report): Promise<void> {
  const built = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error("build of the server failed");
  const dataDir = mkdtempSync(join(tmpdir(), "relais-bench-startup-"));
  try {
    const first = await startOnce(dataDir, 180_000);
    await stop(first.child);
    report("startup.pglite_first_start_with_demo_s", first.seconds, "s");
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { seconds, child } = await startOnce(dataDir, 60_000);
      times.push(seconds);
      await stop(child);
    }
    report("startup.pglite_existing.median_s", median(times), "s");
    report("startup.pglite_existing.max_s", Math.max(...times), "s");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
