// The real server process: starts on an embedded data folder, keeps data across a restart, answers
// readiness, and stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "relais-restart-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function start(
  port: number,
  env: Record<string, string> = {},
): Promise<{ proc: ChildProcess; output: () => string }> {
  let output = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      RELAIS_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      RELAIS_DEMO: "0",
      RELAIS_LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d) => {
    output += String(d);
  });
  proc.stderr?.on("data", (d) => {
    output += String(d);
  });
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return { proc, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill("SIGKILL");
  throw new Error(`server not ready: ${output}`);
}

async function stop(proc: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  proc.kill("SIGTERM");
  return exited;
}

describe("server process", { timeout: 400_000 }, () => {
  it("keeps data in the PGlite folder across a restart and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const first = await start(port);
    const { spawnSync } = await import("node:child_process");
    // The CLI writes through the same data folder only when the server is down (PGlite is single-process).
    expect(await stop(first.proc)).toBe(0);
    const created = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "org",
        "create",
        "--name",
        "Région test",
        "--type",
        "region",
        "--timezone",
        "Europe/Paris",
        "--admin-email",
        "admin@region.test",
        "--admin-password",
        "un-mot-de-passe-solide",
      ],
      { env: { ...process.env, DATABASE_URL: "", RELAIS_DATA_DIR: dataDir }, encoding: "utf8" },
    );
    expect(created.status, created.stderr).toBe(0);
    const second = await start(port);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@region.test", password: "un-mot-de-passe-solide" }),
    });
    expect(login.status).toBe(200);
    expect(second.output()).toMatch(/"level":30/); // JSON logs
    expect(await stop(second.proc)).toBe(0);
  });

  it("refuses to start with a bad setting and says which", async () => {
    const { spawnSync } = await import("node:child_process");
    const res = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...process.env, PORT: "soixante", RELAIS_DATA_DIR: dataDir },
      encoding: "utf8",
    });
    expect(res.status).toBe(78);
    expect(res.stderr).toContain("PORT");
  });
});
