// The one place that reads process.env: every setting is validated at start with a clear message.
import { resolve } from "node:path";

export type Role = "web" | "worker" | "scheduler";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  demo: boolean;
  demoPassword: string | null;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  bodyLimitBytes: number;
  importLimitBytes: number;
  roles: Role[];
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    user: string | null;
    password: string | null;
    from: string;
  } | null;
  /** Relais's own SMTP listener for inbound requests (a mail server relays to it); null: off. */
  inboundSmtp: { port: number; host: string; maxBytes: number } | null;
  webDist: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${raw}" : un entier entre ${min} et ${max} est attendu.`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    if (["1", "true", "yes", "oui"].includes(raw.toLowerCase())) return true;
    if (["0", "false", "no", "non"].includes(raw.toLowerCase())) return false;
    problems.push(`${name}="${raw}" : 1 ou 0 (true ou false) est attendu.`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL doit commencer par postgres:// (reçu « ${databaseUrl.slice(0, 30)} »).`);
  }
  const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
  const logLevel = (env.RELAIS_LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!logLevels.includes(logLevel)) problems.push(`RELAIS_LOG_LEVEL doit valoir ${logLevels.join(", ")}.`);

  const rolesRaw = (env.RELAIS_ROLES ?? "web,worker,scheduler").split(",").map((r) => r.trim());
  const roles: Role[] = [];
  for (const r of rolesRaw) {
    if (r === "web" || r === "worker" || r === "scheduler") roles.push(r);
    else problems.push(`RELAIS_ROLES : rôle inconnu « ${r} » (web, worker, scheduler).`);
  }

  const demoPassword = env.RELAIS_DEMO_PASSWORD || null;
  if (demoPassword !== null && demoPassword.length < 8) {
    problems.push("RELAIS_DEMO_PASSWORD doit faire au moins 8 caractères.");
  }

  let smtp: Config["smtp"] = null;
  if (env.SMTP_HOST) {
    smtp = {
      host: env.SMTP_HOST,
      port: int("SMTP_PORT", 25, 1, 65535),
      secure: bool("SMTP_SECURE", false),
      user: env.SMTP_USER || null,
      password: env.SMTP_PASSWORD || null,
      from: env.SMTP_FROM || "relais@localhost",
    };
  }

  const inboundPort = env.RELAIS_INBOUND_SMTP_PORT ? int("RELAIS_INBOUND_SMTP_PORT", 2525, 0, 65535) : null;
  const inboundSmtp: Config["inboundSmtp"] =
    inboundPort === null
      ? null
      : {
          port: inboundPort,
          host: env.RELAIS_INBOUND_SMTP_HOST || "127.0.0.1",
          maxBytes: int("RELAIS_INBOUND_SMTP_MAX_BYTES", 15 * 1_048_576, 1024, 100 * 1_048_576),
        };

  const config: Config = {
    port: int("PORT", 3000, 0, 65535),
    host: env.HOST || "0.0.0.0",
    databaseUrl,
    dataDir: resolve(env.RELAIS_DATA_DIR || "./data"),
    demo: bool("RELAIS_DEMO", true),
    demoPassword,
    logLevel,
    secureCookies: bool("RELAIS_SECURE_COOKIES", false),
    sessionIdleMinutes: int("RELAIS_SESSION_IDLE_MINUTES", 120, 1, 24 * 60),
    sessionMaxHours: int("RELAIS_SESSION_MAX_HOURS", 12, 1, 24 * 30),
    bodyLimitBytes: int("RELAIS_BODY_LIMIT_BYTES", 1_048_576, 1024, 100 * 1_048_576),
    importLimitBytes: int("RELAIS_IMPORT_LIMIT_BYTES", 20 * 1_048_576, 1024, 200 * 1_048_576),
    roles,
    smtp,
    inboundSmtp,
    webDist: resolve(env.RELAIS_WEB_DIST || "./web/dist"),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
