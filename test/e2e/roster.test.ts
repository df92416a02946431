// End-to-end: the rotation planner and the resilience analysis against the real server with demo
// data. The admin creates a planning period in the UI, generates a roster, fixes a cell of the demo
// agent by hand in the grid (a lock), sets a soft-goal weight, generates again and publishes: the
// lock is kept and the weight used. The demo agent then creates a personal iCal feed, which is
// parsed with ical.js and must hold exactly the published on-site days (at least the locked one).
// A resilience analysis is run from its page. axe runs on every page.
import ICAL from "ical.js";
import { type APIRequestContext, type Page, request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_EMAIL,
  apiCall,
  axeLog,
  type Browser,
  checkA11y,
  launchBrowser,
  PASSWORD,
  type RunningServer,
  startServer,
} from "./harness";

const AGENT_EMAIL = "agent@relais.test";

let server: RunningServer;
let browser: Browser;
let page: Page;
let agentApi: APIRequestContext | undefined;

interface Assignment {
  agentId: string;
  day: string;
  activityId: string;
  siteId: string;
}
interface PeriodView {
  id: string;
  name: string;
  publishedVersionId: string | null;
  needs: { day: string; activityId: string; siteId: string; count: number }[];
  versions: { id: string; status: string; number: number | null }[];
  agents: { id: string; name: string; qualified: string[] }[];
  locks: { agentId: string; day: string; activityId: string | null }[];
  settings: { weights?: Record<string, number> };
}

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.url);
  page = browser.page;
  page.setDefaultTimeout(90_000);
});

afterAll(async () => {
  await agentApi?.dispose();
  await browser?.close();
  await server?.stop();
  const lines = axeLog.map(
    (r) =>
      `  ${r.name}: ${r.violations.length === 0 ? "aucune violation" : r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(", ")}`,
  );
  process.stdout.write(`\naxe — ${axeLog.length} pages vérifiées :\n${lines.join("\n")}\n`);
});

describe("Roulements et résilience", () => {
  let periodId = "";
  let published: Assignment[] = [];
  let agentId = "";
  const periodName = `Roulement e2e ${Date.now()}`;

  it("admin: creates a period, generates, edits by a lock, generates again and publishes", async () => {
    await page.goto("/connexion");
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    await page.getByLabel("Adresse e-mail").fill(ADMIN_EMAIL);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor();

    await page.getByRole("link", { name: "Roulements sur site" }).click();
    await page.getByRole("heading", { level: 1, name: "Roulements sur site" }).waitFor();
    await checkA11y(page, "Roulements");

    // The demo agent's record, to follow their days through to the calendar.
    const agentLogin = await request.newContext({ baseURL: server.url });
    agentApi = agentLogin;
    const login = await agentLogin.post("/api/auth/login", {
      data: { email: AGENT_EMAIL, password: PASSWORD },
    });
    expect(login.ok(), await login.text()).toBe(true);
    const me = (await (await agentLogin.get("/api/auth/me")).json()) as {
      user?: { agentId: string | null };
      agentId?: string | null;
    };
    agentId = me.user?.agentId ?? me.agentId ?? "";
    expect(agentId).not.toBe("");

    // Create the period in the UI: one week from tomorrow, every site.
    const start = isoDay(1);
    const end = isoDay(7);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Créer la période" }) });
    await form.getByLabel("Nom").fill(periodName);
    await form.getByLabel("Début").fill(start);
    await form.getByLabel("Fin").fill(end);
    const boxes = form.getByRole("group", { name: "Sites" }).getByRole("checkbox");
    await boxes.first().waitFor();
    for (const box of await boxes.all()) await box.check();
    await form.getByRole("button", { name: "Créer la période" }).click();
    await page.getByRole("heading", { level: 2, name: periodName }).waitFor();
    await checkA11y(page, "Roulements — période créée");

    const periods = await apiCall<{ items: PeriodView[] }>(page, "GET", "/api/rosters");
    const period = periods.items.find((p) => p.name === periodName);
    expect(period).toBeDefined();
    periodId = period!.id;

    // Generate a draft (a few seconds of solving).
    await page.getByLabel("Durée du calcul (secondes)").fill("3");
    await page.getByRole("button", { name: "Calculer un planning" }).click();
    await page.getByText(/Brouillon calculé/).waitFor({ timeout: 180_000 });
    await checkA11y(page, "Roulements — brouillon");

    // Hand edit in the grid: fix the demo agent on site on a day the draft left them at home (a
    // lock the solver must keep), and send someone else home (through the API) on a day they were
    // on site.
    const detail = await apiCall<PeriodView>(page, "GET", `/api/rosters/${periodId}`);
    const draftId = detail.versions.find((v) => v.status === "draft")?.id;
    expect(draftId).toBeDefined();
    const draft = await apiCall<{ assignments: Assignment[] }>(
      page,
      "GET",
      `/api/rosters/${periodId}/versions/${draftId}`,
    );
    const mine = detail.agents.find((a) => a.id === agentId);
    expect(mine?.qualified.length).toBeGreaterThan(0);
    const periodDays = [...new Set(detail.needs.map((n) => n.day))].sort();
    const kept = {
      day:
        periodDays.find((d) => !draft.assignments.some((a) => a.agentId === agentId && a.day === d)) ??
        periodDays[0],
      activityId: mine!.qualified[0],
    };
    await page.getByLabel("Rechercher un agent").fill(mine!.name);
    await page.locator(`[data-cell="${agentId}:${kept.day}"]`).click();
    const editor = page.locator("form.roster-editor");
    await editor.getByRole("heading", { name: new RegExp(`Case : ${mine!.name}`) }).waitFor();
    await checkA11y(page, "Roulements — modification d'une case");
    await editor.getByLabel("Affectation fixée à la main").selectOption(kept.activityId);
    await editor.getByRole("button", { name: "Enregistrer la case" }).click();
    await page.getByText(/Case de .* enregistrée/).waitFor();
    await page
      .locator(`[data-cell="${agentId}:${kept.day}"]`)
      .getByText(/verrouillé/)
      .waitFor();
    const locked = await apiCall<PeriodView>(page, "GET", `/api/rosters/${periodId}`);
    expect(locked.locks).toContainEqual({ agentId, day: kept.day, activityId: kept.activityId });
    const other = draft.assignments.find((a) => a.agentId !== agentId);
    if (other)
      await apiCall(page, "PUT", `/api/rosters/${periodId}/locks`, {
        agentId: other.agentId,
        day: other.day,
        activityId: null,
      });

    // A soft-goal weight: fewer people on site matters more.
    await page.getByLabel(/Peu de personnes sur site/).fill("35");
    await page.getByRole("button", { name: "Enregistrer les poids" }).click();
    await page.getByText("Poids enregistrés : ils serviront au prochain calcul.").waitFor();
    const weighted = await apiCall<PeriodView>(page, "GET", `/api/rosters/${periodId}`);
    expect(weighted.settings.weights?.person).toBe(35);
    await checkA11y(page, "Roulements — poids enregistrés");

    // Generate again and publish from the page.
    const before = detail.versions.length;
    await page.getByRole("button", { name: "Calculer un planning" }).click();
    await expect
      .poll(
        async () => (await apiCall<PeriodView>(page, "GET", `/api/rosters/${periodId}`)).versions.length,
        {
          timeout: 180_000,
          interval: 1_000,
        },
      )
      .toBeGreaterThan(before);
    // The page shows the new draft once the calculation's answer arrives (the version row exists
    // a little before): publish that one, not the first draft still on screen.
    const latest = await apiCall<PeriodView>(page, "GET", `/api/rosters/${periodId}`);
    const fresh = latest.versions.find((v) => !detail.versions.some((x) => x.id === v.id));
    expect(fresh).toBeDefined();
    await expect
      .poll(() => page.getByLabel("Version affichée").inputValue(), { timeout: 120_000, interval: 500 })
      .toBe(fresh!.id);
    await page.getByRole("button", { name: "Calculer un planning" }).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Publier cette version" }).click();
    await page.getByText(/Version \d+ publiée\./).waitFor({ timeout: 120_000 });
    await checkA11y(page, "Roulements — version publiée");

    const after = await apiCall<PeriodView>(page, "GET", `/api/rosters/${periodId}`);
    expect(after.publishedVersionId).not.toBeNull();
    const version = await apiCall<{ assignments: Assignment[]; status: string }>(
      page,
      "GET",
      `/api/rosters/${periodId}/versions/${after.publishedVersionId}`,
    );
    expect(version.status).toBe("published");
    // The locks held, and the weight was used.
    expect(
      version.assignments.some(
        (a) => a.agentId === agentId && a.day === kept.day && a.activityId === kept.activityId,
      ),
    ).toBe(true);
    const summary = await apiCall<{ terms: Record<string, number>; counts: Record<string, number> }>(
      page,
      "GET",
      `/api/rosters/${periodId}/versions/${after.publishedVersionId}`,
    );
    expect(summary.terms.person).toBe(summary.counts.person * 35);
    if (other)
      expect(version.assignments.some((a) => a.agentId === other.agentId && a.day === other.day)).toBe(false);
    published = version.assignments.filter((a) => a.agentId === agentId);

    // Contradictory locks are reported before solving: five days fixed on site, then a sixth
    // through the grid (five in a row at most): the cell and the check say so, in words.
    const run = periodDays.slice(0, 6);
    for (const day of run.slice(0, 5))
      await apiCall(page, "PUT", `/api/rosters/${periodId}/locks`, {
        agentId,
        day,
        activityId: kept.activityId,
      });
    await page.locator(`[data-cell="${agentId}:${run[5]}"]`).click();
    await editor.getByLabel("Affectation fixée à la main").selectOption(kept.activityId);
    await editor.getByRole("button", { name: "Enregistrer la case" }).click();
    await page.locator(`[data-cell="${agentId}:${run[5]}"]`).getByText("verrou contradictoire").waitFor();
    await page.getByText(/points? bloquants? : le calcul sera refusé/).waitFor();
    await page
      .getByText(/les verrous imposent plus de 5 jours de suite sur site/)
      .first()
      .waitFor();
    await checkA11y(page, "Roulements — verrous contradictoires");
    for (const day of run)
      if (day !== kept.day)
        await apiCall(page, "DELETE", `/api/rosters/${periodId}/locks?agentId=${agentId}&day=${day}`);
  }, 900_000);

  it("agent: the personal iCal feed holds the published on-site days", async () => {
    expect(agentApi).toBeDefined();
    const api = agentApi!;
    const me = (await (await api.get("/api/auth/me")).json()) as { csrfToken: string };
    const res = await api.post("/api/me/calendar-feed", {
      headers: { "x-csrf-token": me.csrfToken, "content-type": "application/json" },
      data: "{}",
    });
    expect(res.ok(), await res.text()).toBe(true);
    const feed = (await res.json()) as { token: string; path: string };
    expect(feed.path).toMatch(/\.ics$/);

    // Read without any session, as a calendar application would.
    const anon = await request.newContext({ baseURL: server.url });
    try {
      const ics = await anon.get(feed.path);
      expect(ics.ok()).toBe(true);
      expect(ics.headers()["content-type"]).toContain("text/calendar");
      const cal = new ICAL.Component(ICAL.parse(await ics.text()));
      expect(cal.name).toBe("vcalendar");
      const events = cal.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
      const onSite = events.filter((e) => e.uid.startsWith(`roster-${periodId}-`));
      const days = onSite
        .map((e) => {
          const d = e.startDate.toJSDate();
          const pad = (n: number) => String(n).padStart(2, "0");
          // Events start at 08:00 local time (Europe/Paris for the demo organisation).
          const local = new Date(d.toLocaleString("en-US", { timeZone: "Europe/Paris" }));
          return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
        })
        .sort();
      expect(days).toEqual(published.map((a) => a.day).sort());
      expect(days.length).toBeGreaterThan(0);
      process.stdout.write(
        `\niCal : ${days.length} jour(s) sur site publiés pour l'agent de démonstration.\n`,
      );
      for (const e of onSite) {
        expect(e.summary).toMatch(/^Sur site : /);
        expect(e.endDate.compare(e.startDate)).toBe(1);
      }
    } finally {
      await anon.dispose();
    }
  }, 300_000);

  it("agent: « Mon planning » lists the published days and takes a wish", async () => {
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    await page.getByLabel("Adresse e-mail").fill(AGENT_EMAIL);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Mon planning" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Mon planning" }).waitFor();
    const table = page.getByRole("table", { name: /Jours sur site des plannings publiés/ });
    await table.waitFor();
    expect(await table.getByRole("row").count()).toBe(published.length + 1);
    await checkA11y(page, "Mon planning");
    const day = isoDay(20);
    await page.getByLabel("Jour", { exact: true }).fill(day);
    await page.getByLabel("Souhait", { exact: true }).selectOption("off");
    await page.getByRole("button", { name: "Enregistrer le souhait" }).click();
    await page.getByText(/Souhait du .* enregistré\./).waitFor();
    await page
      .getByRole("button", { name: /Retirer/ })
      .first()
      .waitFor();
    await checkA11y(page, "Mon planning — souhait enregistré");
    // Back to the administrator for the next test.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    await page.getByLabel("Adresse e-mail").fill(ADMIN_EMAIL);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    // Signing in again returns to the last page visited.
    await page.getByRole("heading", { level: 1, name: "Mon planning" }).waitFor();
  }, 300_000);

  it("runs a resilience analysis from its page", async () => {
    await page.getByRole("link", { name: "Résilience" }).click();
    await page.getByRole("heading", { level: 1, name: "Résilience" }).waitFor();
    await checkA11y(page, "Résilience");

    // Client checks: the error summary links to the field.
    await page.getByLabel("Nom de l'analyse").fill("");
    await page.getByRole("button", { name: "Lancer l'analyse" }).click();
    await page.getByRole("alert").filter({ hasText: "Nom de l'analyse" }).waitFor();
    expect(await page.getByLabel("Nom de l'analyse").getAttribute("aria-invalid")).toBe("true");
    await checkA11y(page, "Résilience — erreurs de saisie");

    await page.getByLabel("Nom de l'analyse").fill("Grippe e2e");
    await page.getByLabel("Nombre d'itérations").fill("500");
    await page.getByLabel("Graine (reproductibilité)").fill("42");
    await page.getByLabel("Absentéisme moyen (%)").fill("20");
    await page.getByRole("button", { name: "Lancer l'analyse" }).click();
    await page
      .getByRole("heading", { level: 2, name: "Résultats : Grippe e2e" })
      .waitFor({ timeout: 300_000 });
    await page.getByRole("table", { name: /Par activité/ }).waitFor();
    await page.getByRole("link", { name: "Exporter en CSV (tableur)" }).waitFor();
    await page.getByRole("button", { name: "Afficher l'analyse « Grippe e2e »" }).waitFor();
    await checkA11y(page, "Résilience — résultats");
  }, 600_000);
});
