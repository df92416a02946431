// Browser test of the public front: a requester files a request through the public form (routed to
// a demo service by a rule created through the API), staff find it in the queue and answer it, and
// the requester reads the answer through the private follow-up link. Then the staff tools: a phone
// note from the queue, a saved answer used in a reply, a duplicate merged (confirm dialog), the
// quarantine (discard dialog), the urgency lexicon, request settings, and on-call rotations and
// overrides edited from the on-call page. axe runs on every page and dialog visited.
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

describe("Requests: staff tools", () => {
  const CALLER = "Mme Leroy";
  const CALL_TEXT = "Plus de chauffage depuis hier soir, j'ai un bébé de 3 mois à la maison.";
  const ANSWER_TITLE = "Passage du chauffagiste (e2e)";
  const ANSWER_BODY = "Un chauffagiste vous appellera dans la journée pour fixer un passage.";
  let phoneRef = "";
  let phoneUrl = "";

  async function notePhoneCall(text: string, caller: string): Promise<string> {
    await staff.goto("/demandes");
    await staff.getByRole("heading", { level: 1, name: "Demandes" }).waitFor();
    await staff.getByRole("button", { name: "Noter un appel téléphonique" }).click();
    // The caller field has the focus: the call is noted from the keyboard.
    await staff.waitForFunction(() => document.activeElement?.id === "pn-name");
    await staff.keyboard.type(caller);
    await staff.getByLabel("Téléphone de l'appelant").fill("06 12 34 56 78");
    await staff.getByLabel(/Ce que dit l'appelant/).fill(text);
    await staff.getByLabel("Catégorie").selectOption({ label: "Problème technique dans le logement" });
    await staff.getByLabel(/Ce que dit l'appelant/).press("Control+Enter");
    const created = staff.getByRole("status").filter({ hasText: /Demande REL-\d{4}-\d{6} créée/ });
    await created.waitFor();
    const reference = /REL-\d{4}-\d{6}/.exec((await created.textContent()) ?? "")![0];
    return reference;
  }

  it("notes a phone call from the queue: the request is triaged and appears in the queue", async () => {
    phoneRef = await notePhoneCall(CALL_TEXT, CALLER);
    await staff.getByRole("status").filter({ hasText: "URGENTE" }).waitFor();
    await checkA11y(staff, "File des demandes — note d'appel");
    const row = staff.getByRole("row").filter({ has: staff.getByRole("link", { name: phoneRef }) });
    await row.waitFor();
    await row.getByText("Urgent", { exact: true }).waitFor();
    phoneUrl = (await row.getByRole("link", { name: phoneRef }).getAttribute("href")) ?? "";
    expect(phoneUrl).toMatch(/^\/demandes\//);
  });

  it("manages saved answers and uses one in a reply", async () => {
    await staff.goto("/demandes/reponses");
    await staff.getByRole("heading", { level: 1, name: "Réponses enregistrées" }).waitFor();
    await checkA11y(staff, "Réponses enregistrées");
    await staff.getByRole("button", { name: "Enregistrer la réponse" }).click();
    await staff.locator(".error-summary").waitFor();
    await checkA11y(staff, "Réponses enregistrées — erreurs");
    await staff.getByLabel(/^Titre/).fill(ANSWER_TITLE);
    await staff.getByLabel(/^Texte de la réponse/).fill(ANSWER_BODY);
    await staff.getByRole("button", { name: "Enregistrer la réponse" }).click();
    await staff.getByText("Réponse enregistrée.", { exact: true }).waitFor();
    await staff.getByRole("rowheader", { name: ANSWER_TITLE }).waitFor();
    // Archive and bring back.
    await staff.getByRole("button", { name: `Archiver « ${ANSWER_TITLE} »` }).click();
    await staff.getByText(`Réponse « ${ANSWER_TITLE} » archivée.`).waitFor();
    await staff.getByLabel("Afficher les réponses archivées").check();
    await staff.getByRole("button", { name: `Désarchiver « ${ANSWER_TITLE} »` }).click();
    await staff.getByText(`Réponse « ${ANSWER_TITLE} » de nouveau proposée.`).waitFor();

    await staff.goto(phoneUrl);
    await staff.getByRole("heading", { level: 1, name: `Demande ${phoneRef}` }).waitFor();
    await staff.getByLabel("Réponse enregistrée").selectOption({ label: ANSWER_TITLE });
    await staff.getByRole("button", { name: "Insérer cette réponse" }).click();
    expect(await staff.getByLabel(/^Réponse \(obligatoire\)|^Réponse$/).inputValue()).toBe(ANSWER_BODY);
    await checkA11y(staff, "Détail de la demande — réponse enregistrée");
    await staff.getByRole("button", { name: "Envoyer la réponse" }).click();
    await staff.getByText("Réponse envoyée.").waitFor();
    await staff.getByRole("listitem").filter({ hasText: ANSWER_BODY }).first().waitFor();
  });

  it("merges a duplicate after confirming in a dialog", async () => {
    const duplicate = await notePhoneCall(
      "Je rappelle : toujours pas de chauffage, le bébé a froid.",
      CALLER,
    );
    await staff.getByRole("link", { name: `Ouvrir la demande ${duplicate}` }).click();
    await staff.getByRole("heading", { level: 1, name: `Demande ${duplicate}` }).waitFor();
    await staff.getByLabel(/Référence ou mots de la demande principale/).fill(phoneRef);
    await staff.getByRole("button", { name: "Chercher" }).click();
    await staff.getByRole("radio", { name: new RegExp(phoneRef) }).check();
    await staff.getByRole("button", { name: "Fusionner…" }).click();
    const dialog = staff.getByRole("dialog", { name: "Confirmer la fusion" });
    await dialog.waitFor();
    await checkA11y(staff, "Fusion — confirmation");
    await dialog.getByRole("button", { name: "Fusionner", exact: true }).click();
    await staff.getByText(`Demande fusionnée dans ${phoneRef}.`).waitFor();
    await staff.getByText("Cette demande a été fusionnée dans une autre demande.").waitFor();
    await staff.getByRole("link", { name: "Ouvrir la demande principale" }).click();
    await staff.getByRole("heading", { level: 1, name: `Demande ${phoneRef}` }).waitFor();
    await staff.getByRole("link", { name: duplicate }).waitFor();
  });

  it("lists quarantined messages and discards one with a reason", async () => {
    const org = await apiCall<{ slug: string }>(staff, "GET", "/api/org");
    // The honeypot field filled: kept in quarantine, out of the queue.
    const res = await requester.request.post("/api/public/requests", {
      data: {
        org: org.slug,
        message: "Achetez nos montres pas chères",
        website: "http://spam.example",
        consent: false,
      },
    });
    expect(res.status()).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    await staff.goto("/demandes/quarantaine");
    await staff.getByRole("heading", { level: 1, name: "Quarantaine" }).waitFor();
    const row = staff.getByRole("row").filter({ has: staff.getByRole("link", { name: reference }) });
    await row.waitFor();
    await row.getByText(/piège/).waitFor();
    await checkA11y(staff, "Quarantaine");
    await row.getByRole("button", { name: /^Écarter/ }).click();
    const dialog = staff.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Écarter le message" }).click();
    await dialog.locator(".error-summary").waitFor();
    await checkA11y(staff, "Quarantaine — écarter (erreurs)");
    await dialog.getByLabel(/Pourquoi l'écarter/).fill("Publicité");
    await dialog.getByRole("button", { name: "Écarter le message" }).click();
    await staff.getByRole("status").filter({ hasText: "a été écartée" }).waitFor();
    await staff.getByText("Aucun message en quarantaine.").waitFor();
    await staff.getByLabel("Afficher aussi les messages écartés").check();
    await staff
      .getByRole("row")
      .filter({ has: staff.getByRole("link", { name: reference }) })
      .getByText("(Écartée)")
      .waitFor();
  });

  it("extends the urgency lexicon and tries a text", async () => {
    const TEXT = "Le digicode est en panne et je suis bloquée dehors avec mes courses";
    await staff.goto("/demandes/lexique");
    await staff.getByRole("heading", { level: 1, name: "Lexique d'urgence" }).waitFor();
    await checkA11y(staff, "Lexique d'urgence");
    await staff.getByLabel("Texte à analyser").fill(TEXT);
    await staff.getByRole("button", { name: "Analyser" }).click();
    await staff.getByRole("status").filter({ hasText: "Pas d'urgence détectée" }).waitFor();
    await staff
      .getByLabel("Ajouter un mot ou une expression (sans logement ou expulsion)")
      .fill("bloquee dehors");
    await staff.getByLabel("Ajouter un mot ou une expression (sans logement ou expulsion)").press("Enter");
    await staff.getByRole("listitem").filter({ hasText: "« bloquee dehors »" }).waitFor();
    await staff.getByRole("button", { name: "Enregistrer le lexique" }).click();
    await staff.getByText("Lexique enregistré : il s'applique aux prochaines demandes.").waitFor();
    await staff.getByRole("button", { name: "Analyser" }).click();
    await staff.getByRole("status").filter({ hasText: "Urgence détectée" }).waitFor();
    await staff.getByText(/sans logement ou expulsion \(mots : .*dehors/).waitFor();
    await checkA11y(staff, "Lexique d'urgence — essai");
    // A false alarm of the same flag: the phrase no longer raises it.
    const falseAlarm = staff.getByLabel("Ajouter une fausse alerte (sans logement ou expulsion)");
    await falseAlarm.fill("dehors avec mes courses");
    await falseAlarm.press("Enter");
    await staff.getByRole("listitem").filter({ hasText: "« dehors avec mes courses »" }).waitFor();
    await staff.getByRole("button", { name: "Enregistrer le lexique" }).click();
    await staff.getByText("Lexique enregistré : il s'applique aux prochaines demandes.").waitFor();
    await staff.getByRole("button", { name: "Analyser" }).click();
    await staff.getByRole("status").filter({ hasText: "Pas d'urgence détectée" }).waitFor();
    const saved = await apiCall<{ flags: { homeless: { terms: string[]; falseAlarms: string[] } } }>(
      staff,
      "GET",
      "/api/triage/lexicon",
    );
    expect(saved.flags.homeless.falseAlarms).toEqual(["dehors avec mes courses"]);
    await checkA11y(staff, "Lexique d'urgence — fausse alerte");
  });

  it("changes the request settings", async () => {
    await staff.goto("/demandes/reglages");
    await staff.getByRole("heading", { level: 1, name: "Réglages des demandes" }).waitFor();
    await checkA11y(staff, "Réglages des demandes");
    await staff.getByLabel(/Priorité Urgente \(heures\)/).fill("0");
    await staff.getByRole("button", { name: "Enregistrer les réglages" }).click();
    await staff.locator(".error-summary").waitFor();
    await checkA11y(staff, "Réglages des demandes — erreurs");
    await staff.getByLabel(/Priorité Urgente \(heures\)/).fill("2");
    await staff.getByLabel(/Durée de conservation/).fill("730");
    await staff.getByRole("button", { name: "Enregistrer les réglages" }).click();
    await staff.getByText("Réglages enregistrés.").waitFor();
    const saved = await apiCall<{ dueHours: { urgent: number }; retentionDays: number }>(
      staff,
      "GET",
      "/api/request-settings",
    );
    expect(saved).toMatchObject({ dueHours: { urgent: 2 }, retentionDays: 730 });
  });

  it("creates an on-call line from the page, shows its addresses once, and renames it", async () => {
    await staff.goto("/astreintes");
    await staff.getByRole("heading", { level: 2, name: "Créer une ligne d'astreinte" }).waitFor();
    const create = staff.getByRole("form", { name: "Créer une ligne d'astreinte" });
    // Bad input first: no name, a ring time out of range — said in the error summary.
    await create.getByLabel(/Sonnerie avant de passer au suivant/).fill("3");
    await create.getByRole("button", { name: "Créer la ligne" }).click();
    await create.locator(".error-summary").getByText("Indiquez un nombre entier de secondes").waitFor();
    await checkA11y(staff, "Astreintes — ligne refusée");
    await create.getByLabel(/Nom de la ligne/).fill("Numéro unique (e2e)");
    await create.getByLabel("Numéro appelé").fill("05 49 00 00 00");
    await create.getByLabel(/Sonnerie avant de passer au suivant/).fill("25");
    await create.getByRole("button", { name: "Créer la ligne" }).click();
    await staff.getByText("Ligne « Numéro unique (e2e) » créée.").waitFor();
    const followMe = await create.locator("code").first().textContent();
    expect(followMe).toMatch(/\/api\/public\/oncall\/[A-Za-z0-9_-]{20,}\/followme$/);
    await checkA11y(staff, "Astreintes — ligne créée");
    // The phone system's address answers without an account.
    const res = await staff.request.get(followMe!);
    expect(res.status()).toBe(200);
    await staff.getByRole("rowheader", { name: "Numéro unique (e2e)" }).waitFor();

    await staff.locator("#oc-edit-line").selectOption({ label: "Numéro unique (e2e)" });
    await staff.getByText("Modifier la ligne (nom, numéro, service, sonnerie)").click();
    const edit = staff.getByRole("form", { name: "Modifier la ligne (nom, numéro, service, sonnerie)" });
    await edit.getByLabel(/Nom de la ligne/).fill("Numéro unique — accueil (e2e)");
    await edit.getByRole("button", { name: "Enregistrer la ligne" }).click();
    await edit.getByText("Ligne enregistrée.").waitFor();
    await staff.getByRole("rowheader", { name: "Numéro unique — accueil (e2e)" }).waitFor();
    const lines = await apiCall<{ items: { line: { name: string; phoneNumber: string } }[] }>(
      staff,
      "GET",
      "/api/oncall/lines",
    );
    expect(lines.items.map((l) => l.line.name)).toContain("Numéro unique — accueil (e2e)");
    expect(lines.items.find((l) => l.line.name.startsWith("Numéro unique —"))?.line.phoneNumber).toBe(
      "05 49 00 00 00",
    );
  });

  it("edits a rotation and creates an on-call override from the on-call page", async () => {
    const agents = await apiCall<{ items: { id: string; firstName: string; lastName: string }[] }>(
      staff,
      "GET",
      "/api/agents?limit=3",
    );
    expect(agents.items.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = agents.items as [
      (typeof agents.items)[0],
      (typeof agents.items)[0],
      (typeof agents.items)[0],
    ];
    const name = (x: typeof a) => `${x.firstName} ${x.lastName}`;
    const line = await apiCall<{ id: string }>(staff, "POST", "/api/oncall/lines", {
      name: "Urgences techniques (e2e)",
      phoneNumber: "05 00 00 00 00",
    });
    await apiCall(staff, "POST", `/api/oncall/lines/${line.id}/rotations`, {
      name: "Semaine (e2e)",
      participants: [a.id, b.id],
      startDate: "2026-01-05",
      handoffTime: "08:00",
      turnDays: 7,
    });
    await staff.goto("/astreintes");
    await staff.getByRole("heading", { level: 1, name: "Astreintes" }).waitFor();
    await staff.getByLabel("Ligne", { exact: true }).first().waitFor();
    await staff.locator("#oc-edit-line").selectOption({ label: "Urgences techniques (e2e)" });
    await staff.getByRole("heading", { level: 4, name: "Semaine (e2e)" }).waitFor();
    await checkA11y(staff, "Astreintes — roulements");

    // The rotation: add a third person, put them first, nights and weekends only.
    await staff.getByRole("button", { name: "Modifier le roulement « Semaine (e2e) »" }).click();
    await staff.getByLabel("Ajouter une personne").selectOption({ label: name(c) });
    await staff.getByRole("button", { name: "Ajouter au roulement" }).click();
    await staff.getByRole("button", { name: `Monter ${name(c)}` }).click();
    await staff.getByRole("button", { name: `Monter ${name(c)}` }).click();
    await staff.getByLabel("Quand le roulement s'applique").selectOption("outside_hours");
    await checkA11y(staff, "Astreintes — roulement en modification");
    await staff.getByRole("button", { name: "Enregistrer le roulement" }).click();
    await staff.getByText("Roulement enregistré.").waitFor();
    await staff.getByText(/en dehors des heures d'ouverture/).waitFor();
    const detail = await apiCall<{
      rotations: { participants: { agentId: string }[]; restriction: { kind: string } }[];
    }>(staff, "GET", `/api/oncall/lines/${line.id}`);
    expect(detail.rotations[0]!.participants.map((p) => p.agentId)).toEqual([c.id, a.id, b.id]);
    expect(detail.rotations[0]!.restriction.kind).toBe("outside_hours");

    // An override from the page, then one that overlaps it: refused with a French message.
    await staff.getByLabel(/Qui prend l'astreinte/).selectOption({ label: name(b) });
    await staff.getByLabel(/Début \(date et heure\)/).fill("2027-03-01T18:00");
    await staff.getByLabel(/Fin \(date et heure\)/).fill("2027-03-02T08:00");
    await staff.getByLabel("Motif", { exact: true }).fill("Échange de garde");
    await staff.getByRole("button", { name: "Enregistrer le remplacement" }).click();
    await staff.getByText("Remplacement enregistré.").waitFor();
    await staff.getByRole("rowheader", { name: name(b) }).waitFor();
    await staff.getByLabel(/Qui prend l'astreinte/).selectOption({ label: name(a) });
    await staff.getByLabel(/Début \(date et heure\)/).fill("2027-03-02T07:00");
    await staff.getByLabel(/Fin \(date et heure\)/).fill("2027-03-02T12:00");
    await staff.getByRole("button", { name: "Enregistrer le remplacement" }).click();
    await staff
      .locator(".error-summary")
      .getByText(
        `Ce remplacement chevauche celui de ${name(b)} du 01/03/2027 à 18:00 au 02/03/2027 à 08:00`,
        {
          exact: false,
        },
      )
      .waitFor();
    await checkA11y(staff, "Astreintes — remplacement refusé");
  });
});
