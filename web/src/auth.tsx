// The signed-in session: user, CSRF token, organisation name; sign-in and sign-out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from "./api/client";
import type { Org, Session, User } from "./api/types";

interface AuthState {
  /** undefined while the session is being checked, null when signed out. */
  user: User | null | undefined;
  org: Org | null;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Set when the session expired: the sign-in page says so. */
  expired: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

async function loadOrg(): Promise<Org | null> {
  try {
    return await api.get<Org>("/api/org");
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [org, setOrg] = useState<Org | null>(null);
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    let cancelled = false;
    api
      .raw<Session>("GET", "/api/auth/me", { allowUnauthenticated: true })
      .then(async (s) => {
        if (cancelled) return;
        setCsrfToken(s.csrfToken);
        setUser(s.user);
        const o = await loadOrg();
        if (!cancelled) setOrg(o);
      })
      .catch(() => {
        if (!cancelled) setUser(null);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const pathname = location.pathname;
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
      setExpired(true);
      if (pathname !== "/connexion") void navigate("/connexion", { state: { from: pathname } });
    });
    return () => setUnauthenticatedHandler(null);
  }, [navigate, pathname]);

  const signIn = useCallback(async (email: string, password: string) => {
    const s = await api.post<Session>("/api/auth/login", { email, password }, { allowUnauthenticated: true });
    setCsrfToken(s.csrfToken);
    setExpired(false);
    setUser(s.user);
    setOrg(await loadOrg());
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post("/api/auth/logout");
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
    setCsrfToken(null);
    setUser(null);
    setOrg(null);
    setExpired(false);
    void navigate("/connexion");
  }, [navigate]);

  const value = useMemo(
    () => ({ user, org, signIn, signOut, expired }),
    [user, org, signIn, signOut, expired],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

/** The signed-in user (only inside the authenticated layout). */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error("useUser without a signed-in user");
  return user;
}

export function canEditPlan(user: User): boolean {
  return user.role === "admin" || user.role === "pca_manager";
}

/** Admins, PCA managers and service managers (within their services, the server checks). */
export function canManagePeople(user: User): boolean {
  return user.role === "admin" || user.role === "pca_manager" || user.role === "service_manager";
}
