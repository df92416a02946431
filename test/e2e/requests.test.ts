// Browser test of the public front: a requester files a request through the public form (routed to
// a demo service by a rule created through the API), staff find it in the queue and answer it, and
// the requester reads the answer through the private follow-up link. axe runs on every page visited.
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
  startServer,
} from "./harness";

let server: RunningServer;
let staffBrowser: Browser;
let requesterBrowser: Browser;
let staff: Page;
let requester: Page;

beforeAll(async () => {
  server = await startServer();
  staffBrowser = await launchBrowser(server.url);
  requesterBrowser = await launchBrowser(server.url);
  staff = staffBrowser.page;
  requester = requesterBrowser.page;
  staff.setDefaultTimeout(45_000);
  requester.setDefaultTimeout(45_000);
});

afterAll(async () => {
  await requesterBrowser?.close();
  await staffBrowser?.close();
  await server?.stop();
  const lines = axeLog.map(
    (r) =>
      `  ${r.name}: ${r.violations.length === 0 ? "aucune violation" : r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join(", ")}`,
  );
  process.stdout.write(`\naxe — ${axeLog.length} pages vérifiées :\n${lines.join("\n")}\n`);
});

describe("Requests: public form, queue, reply, follow-up", () => {
  let orgSlug = "";
  let service: { id: string; name: string };
  let reference = "";
  let followUrl = "";
  const WORD = "robinetterie";
  const ANSWER = "Un plombier passera demain matin entre 8 h et 10 h.";

  it("staff sign in and add a routing rule", async () => {
    await staff.goto("/connexion");
    await staff.getByLabel("Adresse e-mail").fill(ADMIN_EMAIL);
    await staff.getByLabel("Mot de passe").fill(PASSWORD);
    await staff.getByRole("button", { name: "Se connecter" }).click();
    await staff.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor();
    const org = await apiCall<{ slug?: string }>(staff, "GET", "/api/org");
    orgSlug = org.slug ?? "";
    expect(orgSlug).not.toBe("");
    const services = await apiCall<{ items: { id: string; name: string }[] }>(
      staff,
      "GET",
      "/api/services?limit=500",
    );
    expect(services.items.length).toBeGreaterThan(0);
    service = services.items[0];
    await apiCall(staff, "POST", "/api/routing-rules", {
      name: "Plomberie (e2e)",
      position: 0,
      conditions: { anyWords: [WORD] },
      serviceId: service.id,
      priority: "high",
    });
    await staff.goto("/demandes/regles");
    await staff.getByRole("heading", { level: 1, name: "Règles d'orientation" }).waitFor();
    await staff.getByRole("cell", { name: /Plomberie \(e2e\)/ }).waitFor();
    await staff.getByLabel("Texte à essayer").fill(`Problème de ${WORD} dans la cuisine`);
    await staff.getByRole("button", { name: "Tester" }).click();
    await staff.getByText("Règle appliquée").waitFor();
    await staff.getByRole("status").filter({ hasText: "Plomberie (e2e)" }).waitFor();
    await checkA11y(staff, "Règles d'orientation");
  });

  it("a requester files a request through the public form", async () => {
    await requester.goto(`/demande/${orgSlug}`);
    await requester.getByRole("heading", { level: 1, name: "Faire une demande" }).waitFor();
    await checkA11y(requester, "Formulaire public");

    // Empty form: the error summary lists the missing fields.
    await requester.getByRole("button", { name: "Envoyer la demande" }).click();
    await requester.locator(".error-summary").waitFor();
    expect(await requester.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(
      true,
    );
    await checkA11y(requester, "Formulaire public — erreurs");

    // The honeypot is not shown to people.
    expect(await requester.locator("#pr-website").isVisible()).toBe(false);

    await requester.getByLabel("Catégorie").selectOption({ label: "Problème technique dans le logement" });
    await requester
      .getByLabel(/Votre message/)
      .fill(`Bonjour, la ${WORD} de la salle de bain goutte depuis deux jours.`);
    await requester.getByLabel("Nom et prénom").fill("Camille Martin");
    await requester.getByLabel(/Adresse e-mail/).fill("camille.martin@example.org");
    await requester.getByLabel(/J'accepte d'être contacté/).check();
    await requester.getByRole("button", { name: "Envoyer la demande" }).click();
    await requester.getByRole("heading", { level: 1, name: "Demande enregistrée" }).waitFor();
    reference = (await requester.locator("dd strong").first().textContent()) ?? "";
    expect(reference).not.toBe("");
    followUrl =
      (await requester.getByRole("link", { name: "Ouvrir la page de suivi" }).getAttribute("href")) ?? "";
    expect(followUrl).toMatch(/^\/suivi\//);
    await checkA11y(requester, "Demande enregistrée");

    await requester.goto(followUrl);
    await requester.getByRole("heading", { level: 1, name: `Suivi de votre demande ${reference}` }).waitFor();
    await requester.getByText("Pas encore de réponse.").waitFor();
    await checkA11y(requester, "Suivi de la demande");
  });

  it("staff find the request in the queue and answer it", async () => {
    await staff.goto("/demandes");
    await staff.getByRole("heading", { level: 1, name: "Demandes" }).waitFor();
    const link = staff.getByRole("link", { name: reference });
    await link.waitFor();
    await checkA11y(staff, "File des demandes");
    await link.click();
    await staff.getByRole("heading", { level: 1, name: `Demande ${reference}` }).waitFor();
    await staff.getByText("Plomberie (e2e)").first().waitFor();
    await staff.getByText("camille.martin@example.org").first().waitFor();
    await checkA11y(staff, "Détail de la demande");
    await staff.getByLabel(/^Réponse/).fill(ANSWER);
    await staff.getByRole("button", { name: "Envoyer la réponse" }).click();
    await staff.getByText("Réponse envoyée.").waitFor();
    await staff.getByRole("heading", { level: 3, name: /Réponse envoyée/ }).waitFor();
    await checkA11y(staff, "Détail de la demande — après réponse");
    // Administrators assign the request to any account.
    await staff.getByLabel("Attribuée à").selectOption({ index: 1 });
    await staff.getByRole("button", { name: "Attribuer", exact: true }).click();
    await staff.getByText("Demande mise à jour.").waitFor();
  });

  it("the requester reads the answer and adds a message", async () => {
    await requester.goto(followUrl);
    await requester.getByRole("heading", { level: 1, name: `Suivi de votre demande ${reference}` }).waitFor();
    await requester.getByText(ANSWER).waitFor();
    await requester.getByRole("heading", { level: 3, name: /Réponse du service/ }).waitFor();
    await requester.getByLabel(/^Message/).fill("Merci, je serai présente.");
    await requester.getByRole("button", { name: "Envoyer le message" }).click();
    await requester.getByText("Votre message a été ajouté.").waitFor();
    await requester.getByText("Merci, je serai présente.").waitFor();
    await checkA11y(requester, "Suivi de la demande — après réponse");
  });

  it("shows the on-call page and logs a call", async () => {
    await staff.goto("/astreintes");
    await staff.getByRole("heading", { level: 1, name: "Astreintes" }).waitFor();
    await staff.getByRole("heading", { level: 2, name: "Noter un appel reçu" }).waitFor();
    await checkA11y(staff, "Astreintes");
    await staff.getByLabel("Appelant").fill("M. Durand");
    await staff.getByLabel("Motif de l'appel").fill("Ascenseur en panne");
    await staff.getByLabel(/^Issue/).selectOption("advised");
    await staff.getByRole("button", { name: "Enregistrer l'appel" }).click();
    await staff.getByText("Appel enregistré.").waitFor();
    await staff.getByRole("cell", { name: "Ascenseur en panne" }).waitFor();
    await checkA11y(staff, "Astreintes — appel noté");
  });
});
