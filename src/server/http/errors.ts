// Error catalogue: services throw AppError; one handler turns every error into
// {error:{code,message,details}} with the right status. Messages are French: users read them.
export interface ErrorDetail {
  field?: string;
  row?: number;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const errors = {
  validation: (message: string, details: ErrorDetail[] = []) =>
    new AppError(400, "validation_failed", message, details),
  badRequest: (code: string, message: string, details: ErrorDetail[] = []) =>
    new AppError(400, code, message, details),
  unauthenticated: () => new AppError(401, "unauthenticated", "Vous devez vous connecter."),
  invalidCredentials: () =>
    new AppError(401, "invalid_credentials", "Adresse e-mail ou mot de passe incorrect."),
  forbidden: (message = "Vous n'avez pas le droit de faire cette action.") =>
    new AppError(403, "forbidden", message),
  csrf: () =>
    new AppError(
      403,
      "csrf_failed",
      "Jeton de sécurité (CSRF) manquant ou invalide : rechargez la page et réessayez.",
    ),
  notFound: (what: string) => new AppError(404, "not_found", `${what} introuvable.`),
  conflict: (code: string, message: string, details: ErrorDetail[] = []) =>
    new AppError(409, code, message, details),
  tooLarge: (message = "Le contenu envoyé est trop volumineux.") =>
    new AppError(413, "payload_too_large", message),
  unsupportedMedia: (message: string) => new AppError(415, "unsupported_media_type", message),
  unprocessable: (code: string, message: string, details: ErrorDetail[] = []) =>
    new AppError(422, code, message, details),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError(
      429,
      "too_many_requests",
      `Trop de tentatives. Réessayez dans ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      [],
      { "retry-after": String(Math.ceil(retryAfterSeconds)) },
    ),
  unavailable: (message = "Service momentanément indisponible, réessayez dans un instant.") =>
    new AppError(503, "unavailable", message, [], { "retry-after": "5" }),
};

/** Postgres unique violations become 409 with a message the caller chooses. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "23505";
}

export function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "23503";
}

/** Connection-level failures (server down or restarting) are answered 503, not 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const code = (err as { code?: string }).code ?? "";
  const message = (err as { message?: string }).message ?? "";
  return (
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "PGLITE_BUSY",
      "57P01",
      "57P02",
      "57P03",
      "08006",
      "08001",
      "08003",
    ].includes(code) || /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/**
 * The database refused the statement (bad data, a constraint, a deadlock, a raised error): it was
 * rolled back, so nothing of it is stored. A lost connection is not such a refusal (it may have
 * committed).
 */
export function isStatementRefused(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^(22|23|40|42|P0)[0-9A-Z]{3}$/.test(code);
}
