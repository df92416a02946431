// Browser test of the crisis cell against the real server: create and activate the scenario
// "site fermé 14 jours", read the activity board, log a decision and an action, generate and
// freeze a bilan, download its PDF. axe runs on every page visited (zero serious/critical).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_EMAIL,
  axeLog,
  type Browser,
  checkA11y,
  launchBrowser,
  PASSWORD,
  type RunningServer,
  startServer,
} from "./harness";

const SCENARIO = "site fermé 14 jours";

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.url);
  page = browser.page;
  page.setDefaultTimeout(60_000);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  const lines = axeLog.map(
    (r) =>
      `  ${r.name}: ${r.violations.length === 0 ? "aucune violation" : r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(", ")}`,
  );
  process.stdout.write(`\naxe — ${axeLog.length} pages vérifiées :\n${lines.join("\n")}\n`);
});

function today(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
}

describe("Cellule de crise", () => {
  it("signs in and opens the crisis cell", async () => {
    await page.goto("/connexion");
    await page.getByLabel("Adresse e-mail").fill(ADMIN_EMAIL);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor();
    await page.getByRole("link", { name: "Cellule de crise" }).click();
    await page.getByRole("heading", { level: 1, name: "Cellule de crise" }).waitFor();
    await page.getByText("Aucune crise active").waitFor();
    await checkA11y(page, "Cellule de crise — aucune crise");
  }, 180_000);

  it("creates and activates the scenario « site fermé 14 jours »", async () => {
    const scenarioForm = page.locator("form", {
      has: page.getByRole("heading", { name: "Nouveau scénario" }),
    });
    // Empty name: the error summary is announced.
    await scenarioForm.getByRole("button", { name: "Créer le scénario" }).click();
    await scenarioForm.getByRole("alert").waitFor();
    await checkA11y(page, "Cellule de crise — erreurs de saisie");

    await page.locator("#sc-name").fill(SCENARIO);
    await page.locator("#sc-type").selectOption("site_loss");
    await page.locator("#sc-duration").fill("14");
    await page.locator("#sc-sites").check();
    await scenarioForm.getByRole("button", { name: "Créer le scénario" }).click();
    await page.getByText(`Scénario « ${SCENARIO} » créé.`).waitFor();
    await page.getByRole("rowheader", { name: SCENARIO }).waitFor();

    await page.locator("#act-scenario").selectOption({ label: SCENARIO });
    await page.locator("#act-level").selectOption("2");
    await page.getByRole("button", { name: "Activer le PCA" }).click();
    await page.getByText(`Crise active : ${SCENARIO} (niveau 2)`).waitFor();
    await page.getByRole("heading", { name: "Désactiver le PCA" }).waitFor();
    await checkA11y(page, "Cellule de crise — crise active");
  }, 180_000);

  it("shows the activity board with status in words and filters", async () => {
    await page
      .getByRole("navigation", { name: "Pages de la cellule de crise" })
      .getByRole("link", { name: "Tableau des activités" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Tableau des activités" }).waitFor();
    await page.getByText(/Couvertes : \d+/).waitFor();
    await page.locator("table, p:has-text('Aucune activité')").first().waitFor();
    await checkA11y(page, "Tableau des activités");
    await page.locator("#board-status").selectOption("not_covered");
    await page.getByText(/Couvertes : \d+/).waitFor();
    await checkA11y(page, "Tableau des activités — filtré");
  }, 180_000);

  it("logs a decision and an action in the main courante, and corrects it", async () => {
    await page
      .getByRole("navigation", { name: "Pages de la cellule de crise" })
      .getByRole("link", { name: "Main courante" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Main courante" }).waitFor();

    await page.locator("#entry-kind").selectOption("decision");
    await page.locator("#entry-title").fill("Télétravail généralisé pour le site fermé");
    await page
      .locator("#entry-body")
      .fill("Décision de la cellule : tous les agents du site passent en télétravail.");
    await page.getByRole("button", { name: "Inscrire à la main courante" }).click();
    await page.getByText("Entrée inscrite à la main courante.").waitFor();
    await page
      .getByRole("heading", { level: 3, name: /Télétravail généralisé pour le site fermé/ })
      .waitFor();

    await page.locator("#entry-kind").selectOption("action");
    await page.locator("#entry-title").fill("Distribuer les ordinateurs portables");
    await page.locator("#entry-owner").fill("DSI");
    await page.locator("#entry-due").fill(today());
    await page.getByRole("button", { name: "Inscrire à la main courante" }).click();
    await page.getByRole("heading", { level: 3, name: /Distribuer les ordinateurs portables/ }).waitFor();
    await page.getByText(/Porteur : DSI/).waitFor();
    await checkA11y(page, "Main courante");

    // A correction is a new version; the previous one stays visible.
    await page.getByRole("button", { name: /Corriger — Distribuer les ordinateurs portables/ }).click();
    const form = page.locator("form", { has: page.getByRole("heading", { level: 4 }) });
    await form.getByLabel("Titre").fill("Distribuer 40 ordinateurs portables");
    await form.getByLabel(/Motif de la correction/).fill("Nombre précisé");
    await form.getByRole("button", { name: "Enregistrer la nouvelle version" }).click();
    await page.getByText("Nouvelle version enregistrée.").waitFor();
    await page.getByRole("heading", { level: 3, name: /Distribuer 40 ordinateurs portables/ }).waitFor();
    await page.getByRole("button", { name: /Versions précédentes — Distribuer 40/ }).click();
    await page.getByText(/Version 1 du .*: Distribuer les ordinateurs portables/).waitFor();
    await checkA11y(page, "Main courante — versions");
  }, 180_000);

  it("generates, comments and freezes a bilan, then downloads its PDF", async () => {
    await page
      .getByRole("navigation", { name: "Pages de la cellule de crise" })
      .getByRole("link", { name: "Bilans" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Bilans" }).waitFor();
    await checkA11y(page, "Bilans — vide");
    await page.getByRole("button", { name: "Générer", exact: true }).click();
    await page.getByText("Bilan généré (brouillon).").waitFor();
    await page.getByRole("heading", { level: 2, name: /^Brouillon du/ }).waitFor();
    await page.getByRole("figure").first().waitFor();
    await page.getByText("Télétravail généralisé pour le site fermé").first().waitFor();
    await page.getByLabel("Commentaire").fill("Situation maîtrisée, vigilance sur les activités à risque.");
    await page.getByRole("button", { name: "Enregistrer le commentaire" }).click();
    await page.getByText("Commentaire enregistré.").waitFor();
    await page.getByRole("button", { name: "Figer le bilan" }).click();
    await page.getByText("Bilan figé : n° 1.").waitFor();
    await page.getByRole("heading", { level: 2, name: /^Bilan n° 1 du/ }).waitFor();
    await checkA11y(page, "Bilans — bilan figé");

    const orgName = ((await page.locator(".org-name").textContent()) ?? "").trim();
    const href = await page.getByRole("link", { name: "Télécharger le PDF" }).getAttribute("href");
    expect(href).toMatch(/\/api\/crisis\/reports\/.+\/pdf$/);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    const pdf = await res.body();
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const dir = mkdtempSync(join(tmpdir(), "relais-bilan-"));
    try {
      const file = join(dir, "bilan.pdf");
      writeFileSync(file, pdf);
      const text = spawnSync("pdftotext", [file, "-"], { encoding: "utf8" });
      if (!text.error && text.status === 0 && orgName) {
        expect(text.stdout.replace(/\s+/g, " ")).toContain(orgName.replace(/\s+/g, " "));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const md = await page.request.get(
      (await page.getByRole("link", { name: "Télécharger le Markdown" }).getAttribute("href"))!,
    );
    expect(md.status()).toBe(200);
    expect(await md.text()).toContain("Télétravail généralisé");
  }, 240_000);
  it("deactivates the plan with the lessons learned", async () => {
    await page
      .getByRole("navigation", { name: "Pages de la cellule de crise" })
      .getByRole("link", { name: "Crise en cours" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Cellule de crise" }).waitFor();
    await page.getByRole("button", { name: "Désactiver et enregistrer le retour d'expérience" }).click();
    await page
      .locator("form", { has: page.getByRole("heading", { name: "Désactiver le PCA" }) })
      .getByRole("alert")
      .waitFor();
    await page.locator("#deact-worked").fill("Bascule en télétravail rapide.");
    await page.locator("#deact-change").fill("Prévoir davantage de portables en réserve.");
    await page.getByRole("button", { name: "Désactiver et enregistrer le retour d'expérience" }).click();
    await page.getByText("PCA désactivé.").waitFor();
    await page.getByText("Aucune crise active").waitFor();
    await page.getByText(/Prévoir davantage de portables en réserve/).waitFor();
    await checkA11y(page, "Cellule de crise — après désactivation");
  }, 180_000);
});
