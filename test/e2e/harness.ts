// End-to-end harness: starts the real Relais server on a temporary PGlite folder and a free
// port, drives Debian's chromium with playwright-core, and runs axe on every page visited.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DIR = process.env.RELAIS_SHARED_DIR ?? resolve(ROOT, "../shared");
export const ADMIN_EMAIL = "admin@relais.test";
export const PASSWORD = "motdepasse-e2e-2024";
export const CHROMIUM = process.env.RELAIS_CHROMIUM ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.once("error", ko);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

function serverEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RELAIS_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    RELAIS_DEMO: "1",
    RELAIS_DEMO_PASSWORD: PASSWORD,
    RELAIS_LOG_LEVEL: "warn",
    RELAIS_WEB_DIST: join(ROOT, "web/dist"),
    DATABASE_URL: "",
  };
}

async function startProcess(dataDir: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  // The compiled server, as `npm start` runs it (`npm run test:e2e` builds it first).
  const child: ChildProcess = spawn(process.execPath, ["--enable-source-maps", "dist/server/main.js"], {
    cwd: ROOT,
    env: serverEnv(dataDir, port),
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, stopped as a whole.
    detached: true,
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  child.stdout?.on("data", (b: Buffer) => {
    output += b.toString();
  });
  child.stderr?.on("data", (b: Buffer) => {
    output += b.toString();
  });
  let exited = false;
  const exit = new Promise<void>((ok) =>
    child.once("exit", () => {
      exited = true;
      ok();
    }),
  );
  const readyWithin = Number(process.env.RELAIS_E2E_READY_SECONDS ?? 240) * 1000;
  const deadline = Date.now() + readyWithin;
  for (;;) {
    if (exited) throw new Error(`Le serveur s'est arrêté au démarrage :\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      signal("SIGKILL");
      throw new Error(`Le serveur n'est pas prêt après ${readyWithin / 1000} s :\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (exited) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

async function canSignIn(url: string): Promise<boolean> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: PASSWORD }),
  });
  return res.ok;
}

/**
 * Starts Relais with demo data. If the demo organisation is not available (demo data module not
 * there yet), creates an organisation and its admin with the CLI, then starts again.
 */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(join(ROOT, "web/dist/index.html")) || !existsSync(join(ROOT, "dist/server/main.js"))) {
    throw new Error("web/dist ou dist/ est absent : lancez « npm run test:e2e » (qui construit Relais).");
  }
  const dataDir = mkdtempSync(join(tmpdir(), "relais-e2e-"));
  let server = await startProcess(dataDir);
  if (await canSignIn(server.url)) return wrapCleanup(server);
  await server.stop();
  const cli = spawnSync(
    join(ROOT, "node_modules/.bin/tsx"),
    [
      "src/cli/main.ts",
      "org",
      "create",
      "--name",
      "Office public de l'habitat (démo e2e)",
      "--type",
      "housing_office",
      "--timezone",
      "Europe/Paris",
      "--admin-email",
      ADMIN_EMAIL,
      "--admin-password",
      PASSWORD,
    ],
    { cwd: ROOT, env: serverEnv(dataDir, 0), encoding: "utf8" },
  );
  if (cli.status !== 0)
    throw new Error(`Création de l'organisation impossible :\n${cli.stdout}${cli.stderr}`);
  server = await startProcess(dataDir);
  if (!(await canSignIn(server.url))) throw new Error(`Connexion impossible :\n${server.output()}`);
  return wrapCleanup(server);
}

function wrapCleanup(server: RunningServer): RunningServer {
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(baseURL: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} est absent : installez-le (apt-get install -y chromium).`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), "relais-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface AxeRecord {
  name: string;
  url: string;
  violations: { id: string; impact: string | null | undefined; nodes: number }[];
}

export const axeLog: AxeRecord[] = [];

/** Runs axe on the page as it is; fails on any serious or critical violation, listing them. */
export async function checkA11y(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("domcontentloaded");
  const results = await new AxeBuilder({ page }).analyze();
  axeLog.push({
    name,
    url: page.url(),
    violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
  });
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length > 0) {
    const text = bad
      .map(
        (v) =>
          `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
            .slice(0, 5)
            .map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.replace(/\n/g, " ")}`)
            .join("\n")}`,
      )
      .join("\n");
    throw new Error(`axe : ${bad.length} violation(s) graves sur « ${name} » (${page.url()}) :\n${text}`);
  }
}

/** Calls the API with the browser's session (cookie) and CSRF token. */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const me = await page.request.get("/api/auth/me");
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const res = await page.request.fetch(path, {
    method,
    headers: {
      "x-csrf-token": csrfToken,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
