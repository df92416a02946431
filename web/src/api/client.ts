// API client: JSON over fetch, keeps the session's CSRF token for state-changing calls, turns
// error bodies {error:{code,message,details}} into ApiError and reports 401 to the app (sign-in).

export interface ErrorDetail {
  field?: string;
  row?: number;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** The whole error body (some errors carry more, e.g. the import report). */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A 401 on this call does not send the user to the sign-in page (e.g. the sign-in itself). */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", "");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)
      ?.error;
    const error = new ApiError(
      response.status,
      e?.code ?? "http_error",
      e?.message ?? "",
      e?.details ?? [],
      json,
    );
    if (response.status === 401 && !opts.allowUnauthenticated) onUnauthenticated?.();
    throw error;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, "body"> = {}) =>
    request<T>("POST", path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, { body }),
  delete: <T>(path: string) => request<T>("DELETE", path),
  upload: <T>(path: string, form: FormData, query?: Query) => request<T>("POST", path, { body: form, query }),
  raw: request,
};

export interface Page<T> {
  items: T[];
  total: number;
}

/** Reads every page of a list (reference data: services, sites, skills…). */
export async function getAll<T>(path: string, query: Query = {}): Promise<T[]> {
  const limit = 500;
  const out: T[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await api.get<Page<T>>(path, { ...query, limit, offset });
    out.push(...page.items);
    if (page.items.length < limit || out.length >= page.total) return out;
  }
}
