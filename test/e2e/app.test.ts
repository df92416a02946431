// Browser tests of the web app against the real server: sign-in, creating an activity, importing
// agents from the HR fixture, setting a status and seeing the dashboard change. axe runs on every
// page visited and fails the test on any serious or critical violation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
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
  SHARED_DIR,
  startServer,
} from "./harness";

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.url);
  page = browser.page;
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  const lines = axeLog.map(
    (r) =>
      `  ${r.name}: ${r.violations.length === 0 ? "aucune violation" : r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(", ")}`,
  );
  process.stdout.write(`\naxe — ${axeLog.length} pages vérifiées :\n${lines.join("\n")}\n`);
});

describe("Relais web app", () => {
  it("signs in: redirect, errors announced, wrong password, success", async () => {
    await page.goto("/plan/sites");
    await page.waitForURL("**/connexion");
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    await checkA11y(page, "Connexion");

    // Empty form: the error summary (role=alert) takes focus and links to the fields.
    await page.getByRole("button", { name: "Se connecter" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Adresse e-mail");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    expect(await page.getByLabel("Adresse e-mail").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Adresse e-mail").getAttribute("aria-describedby")).toContain(
      "signin-email-error",
    );
    await checkA11y(page, "Connexion — erreurs de saisie");

    // Wrong password: the API's French message is shown.
    await page.getByLabel("Adresse e-mail").fill(ADMIN_EMAIL);
    await page.getByLabel("Mot de passe").fill("pas-le-bon-mot-de-passe");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByText("Adresse e-mail ou mot de passe incorrect.").waitFor();

    // Right password: back to the page asked for.
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Sites" }).waitFor();
    await checkA11y(page, "Sites");
    await page.getByRole("link", { name: "Tableau de bord" }).click();
    await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /Effectifs du/ }).waitFor();
    await checkA11y(page, "Tableau de bord");
  });

  it("visits every page of the navigation with the keyboard-reachable links", async () => {
    const pages: [string, string][] = [
      ["Sites", "Sites"],
      ["Services", "Services"],
      ["Activités essentielles", "Activités essentielles"],
      ["Compétences", "Compétences"],
      ["Applications", "Applications"],
      ["Agents", "Agents"],
      ["Matériel", "Matériel"],
      ["Audit", "Journal d'audit"],
    ];
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    for (const [link, heading] of pages) {
      await nav.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await page.locator("table, .tree, .alert-error").first().waitFor();
      await page.locator(".loading").waitFor({ state: "detached" });
      // Focus moved to the new page's title.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("page-title");
      await checkA11y(page, heading);
    }
    // On a fresh load the skip link is the first thing the keyboard reaches, and it leads to main.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Journal d'audit" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Aller au contenu");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("creates an essential activity through the form", async () => {
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    await nav.getByRole("link", { name: "Activités essentielles" }).click();
    await page.getByRole("heading", { level: 1, name: "Activités essentielles" }).waitFor();
    await page.getByRole("link", { name: "Nouvelle activité" }).click();
    await page.getByRole("heading", { level: 1, name: "Nouvelle activité essentielle" }).waitFor();
    await page.getByLabel("Service", { exact: false }).first().waitFor();
    await checkA11y(page, "Nouvelle activité");

    // Submitting the empty form: summary focused, each error linked to its field.
    await page.getByRole("button", { name: "Créer l'activité" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);
    expect(await summary.textContent()).toContain("Nom de l'activité : ce champ est obligatoire");
    expect(await page.locator("#activity-name").getAttribute("aria-describedby")).toContain(
      "activity-name-error",
    );
    await checkA11y(page, "Nouvelle activité — erreurs");
    await summary.getByRole("link", { name: /Nom de l'activité/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("activity-name");

    const name = `Accueil téléphonique d'urgence ${Date.now()}`;
    await page.locator("#activity-name").fill(name);
    await page.locator("#activity-serviceId").selectOption({ index: 1 });
    await page.locator("#activity-siteId").selectOption({ index: 1 });
    await page
      .locator("#activity-description")
      .fill("Numéro unique, renvoyé vers l'astreinte hors des heures d'ouverture.");
    await page.locator("#activity-criticality").selectOption("1");
    await page.locator("#activity-maxInterruptionHours").fill("4");
    await page.locator("#activity-minimumService").fill("Répondre aux appels urgents des locataires.");
    await page.locator("#activity-minOnSite").fill("1");
    await page.locator("#activity-minRemote").fill("2");
    await page.getByRole("checkbox", { name: "sur site" }).check();
    await page.getByRole("checkbox", { name: "à distance" }).check();
    await page.locator("#activity-hours").fill("24 h/24");
    const skills = page.getByRole("group", { name: "Compétences requises" }).getByRole("checkbox");
    if ((await skills.count()) > 0) await skills.first().check();
    await page.getByRole("checkbox", { name: "Ordinateur portable" }).check();
    await page.getByRole("button", { name: "Créer l'activité" }).click();

    await page.getByRole("heading", { level: 1, name: "Activités essentielles" }).waitFor();
    await page.getByText(`Activité « ${name} » créée.`).waitFor();
    await page.getByRole("searchbox", { name: "Rechercher" }).fill(name);
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.locator("caption", { hasText: /: 1 au total/ }).waitFor();
    await page.getByRole("link", { name }).waitFor();
    await checkA11y(page, "Activités essentielles — après création");

    await page.getByRole("link", { name }).click();
    await page.getByRole("heading", { level: 1, name: `Activité « ${name} »` }).waitFor();
    await page.locator("#activity-name").waitFor();
    expect(await page.locator("#activity-name").inputValue()).toBe(name);
    expect(await page.locator("#activity-criticality").inputValue()).toBe("1");
    expect(await page.getByRole("checkbox", { name: "à distance" }).isChecked()).toBe(true);
    await checkA11y(page, "Activité — modification");
  });

  it("imports agents from the HR export: preview, rejected rows, keep the valid ones", async () => {
    const fixture = join(SHARED_DIR, "fixtures/hr/agents.csv");
    const expected = JSON.parse(readFileSync(join(SHARED_DIR, "fixtures/hr/errors.json"), "utf8")) as {
      rows: number;
      errors: { row: number; error: string }[];
    };
    await ensureFixturePlan(page, fixture, expected.errors);

    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    await nav.getByRole("link", { name: "Agents", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Agents" }).waitFor();
    await page.getByRole("link", { name: "Importer l'export RH" }).click();
    await page.getByRole("heading", { level: 1, name: "Import de l'export RH" }).waitFor();
    await checkA11y(page, "Import RH");

    await page.getByLabel(/Fichier à importer/).setInputFiles(fixture);
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    const report = page.getByRole("heading", { level: 2, name: "Rapport de prévisualisation" });
    await report.waitFor({ timeout: 60_000 });
    const valid = expected.rows - expected.errors.length;
    await page
      .getByText(
        `${expected.rows} lignes lues (hors en-tête) : ${valid} valides, ${expected.errors.length} rejetées.`,
      )
      .waitFor();
    const rejectedTable = page.locator("table", {
      has: page.locator("caption", { hasText: "Lignes rejetées" }),
    });
    const rows = await rejectedTable.locator("tbody th[scope=row]").allTextContents();
    expect(rows.map(Number).sort((a, b) => a - b)).toEqual(
      expected.errors.map((e) => e.row).sort((a, b) => a - b),
    );
    // All-or-nothing (the default) cannot go on with rejected rows.
    await page.getByText("Avec le choix « tout ou rien »").waitFor();
    expect(await page.getByRole("button", { name: /^Importer les/ }).count()).toBe(0);
    await checkA11y(page, "Import RH — rapport");

    await page.getByRole("radio", { name: "Importer les lignes valides" }).check();
    await page.getByRole("button", { name: `Importer les ${valid} lignes valides` }).click();
    await page.getByRole("heading", { level: 2, name: "Import terminé" }).waitFor({ timeout: 60_000 });
    const summary = (await page.locator(".alert-success").first().textContent()) ?? "";
    const m = /(\d+) agents créés, (\d+) mis à jour, (\d+) inchangés, (\d+) lignes rejetées/.exec(summary);
    expect(m, summary).not.toBeNull();
    expect(Number(m![1]) + Number(m![2]) + Number(m![3])).toBe(valid);
    expect(Number(m![4])).toBe(expected.errors.length);
    await checkA11y(page, "Import RH — résultat");

    await page.getByRole("link", { name: "Voir la liste des agents" }).click();
    await page.getByRole("heading", { level: 1, name: "Agents" }).waitFor();
    await page.getByRole("searchbox", { name: "Rechercher" }).fill("C26226");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.getByRole("link", { name: "JOLY Pierre" }).waitFor();
    await checkA11y(page, "Agents — recherche");
  });

  it("sets an agent's status for today and sees the dashboard change", async () => {
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    await nav.getByRole("link", { name: "Tableau de bord" }).click();
    await page.getByRole("heading", { level: 2, name: /Effectifs du/ }).waitFor();
    const agent = (
      await apiCall<{ items: { id: string; statusToday: string | null }[] }>(
        page,
        "GET",
        "/api/agents?q=C26226",
      )
    ).items[0];
    const target = agent.statusToday === "on_site" ? "telework" : "on_site";
    const targetLabel = target === "on_site" ? "Sur site" : "Télétravail";
    const before = await cardValue(page, target);

    await page.goto(`/agents/${agent.id}`);
    await page.getByRole("heading", { level: 1, name: "Pierre JOLY" }).waitFor();
    await page.locator("#status-status").waitFor();
    await checkA11y(page, "Fiche agent");
    await page.locator("#status-status").selectOption(target);
    if (target === "on_site")
      await page.locator("#status-siteId").selectOption({ label: "Siège - Toulouse" });
    await page.getByRole("button", { name: "Enregistrer la situation" }).click();
    await page.getByText(`Situation « ${targetLabel} » enregistrée pour Pierre JOLY.`).waitFor();
    await page
      .locator("table", { has: page.locator("caption", { hasText: "Modifications des situations" }) })
      .waitFor();
    await checkA11y(page, "Fiche agent — situation enregistrée");

    await nav.getByRole("link", { name: "Tableau de bord" }).click();
    await page.getByRole("heading", { level: 2, name: /Effectifs du/ }).waitFor();
    expect(await cardValue(page, target)).toBe(before + 1);
    await checkA11y(page, "Tableau de bord — après la saisie");

    // The chart's data table is there for those who cannot see the chart.
    await page.getByText("Afficher les données du graphique sous forme de tableau").first().click();
    await page
      .locator("table", { has: page.locator("caption", { hasText: "Effectifs par situation" }) })
      .waitFor();
    await checkA11y(page, "Tableau de bord — données du graphique");
  });

  it("signs out", async () => {
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    await page.goto("/agents");
    await page.waitForURL("**/connexion");
  });
});

async function cardValue(p: Page, status: string): Promise<number> {
  const text = (await p.getByTestId(`card-${status}`).textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

const nameKey = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * The import needs the fixture's services and sites to exist in the plan: create, through the
 * API, those the demo organisation does not have — except the misspelt service the fixture uses
 * on purpose for an "unknown service" row.
 */
async function ensureFixturePlan(p: Page, csvPath: string, spoiled: { row: number; error: string }[]) {
  const text = new TextDecoder("windows-1252").decode(readFileSync(csvPath));
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0].split(";").map((h) => h.replace(/^"|"$/g, ""));
  const col = (name: string) => header.findIndex((h) => nameKey(h) === nameKey(name));
  const serviceCol = col("Service");
  const siteCol = col("Site");
  const unknownServiceRows = new Set(
    spoiled.filter((e) => /unknown service/.test(e.error)).map((e) => e.row),
  );
  const services = new Set<string>();
  const sites = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(";").map((c) => c.replace(/^"|"$/g, "").trim());
    if (!unknownServiceRows.has(i + 2) && cells[serviceCol]) services.add(cells[serviceCol]);
    if (cells[siteCol]) sites.add(cells[siteCol]);
  });
  const existing = await apiCall<{ items: { name: string }[] }>(p, "GET", "/api/services?limit=500");
  const known = new Set(existing.items.map((s) => nameKey(s.name)));
  for (const name of services) {
    if (!known.has(nameKey(name))) await apiCall(p, "POST", "/api/services", { name });
  }
  const existingSites = await apiCall<{ items: { name: string }[] }>(p, "GET", "/api/sites?limit=500");
  const knownSites = new Set(existingSites.items.map((s) => nameKey(s.name)));
  for (const name of sites) {
    if (!knownSites.has(nameKey(name))) await apiCall(p, "POST", "/api/sites", { name, capacity: 50 });
  }
}
