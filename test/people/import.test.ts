import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { addService, addSite, FIXTURE_SERVICES, FIXTURE_SITES, FIXTURES, upload } from "./helpers.js";

const expected = JSON.parse(readFileSync(`${FIXTURES}/errors.json`, "utf8")) as {
  rows: number;
  errors: { row: number; matricule: string; error: string }[];
};
const CODE_OF: Record<string, string> = {
  "duplicate staff number": "duplicate_staff_number",
  "impossible date": "invalid_date",
  "unknown service": "unknown_service",
  "missing last name": "missing_last_name",
  "malformed e-mail": "invalid_email",
  "missing staff number": "missing_staff_number",
};
const expectedErrors = expected.errors
  .map((e) => ({ row: e.row, staffNumber: e.matricule, codes: [CODE_OF[e.error]] }))
  .sort((a, b) => a.row - b.row);
const csv = readFileSync(`${FIXTURES}/agents.csv`);
const xlsx = readFileSync(`${FIXTURES}/agents.xlsx`);

type Report = {
  rows: number;
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  committed: boolean;
  encoding: string | null;
  separator: string | null;
  mapping: Record<string, string | null>;
  sample: Record<string, unknown>[];
  skillsCreated: string[];
  errors: { row: number; staffNumber: string; reasons: { code: string; message: string }[] }[];
};
const summary = (r: Report) =>
  r.errors.map((e) => ({ row: e.row, staffNumber: e.staffNumber, codes: e.reasons.map((x) => x.code) }));

async function setup() {
  const t = await createTestApp();
  for (const s of FIXTURE_SERVICES) await addService(t, s);
  for (const s of FIXTURE_SITES) await addSite(t, s);
  return t;
}
const count = async (t: TestApp) =>
  Number(
    (
      await t.app.deps.database.db
        .selectFrom("agents")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("org_id", "=", t.orgId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each([
  ["agents.csv", csv],
  ["agents.xlsx", xlsx],
])("import of the fixture %s", (name, content) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setup();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("previews without writing: encoding, mapping, sample and the exact rejected rows", async () => {
    const res = await upload(t.admin, { name, content }, { mode: "preview" });
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ rows: 150, accepted: 143, rejected: 7, created: 143, committed: false });
    if (name.endsWith(".csv")) expect(r).toMatchObject({ encoding: "windows-1252", separator: ";" });
    expect(r.mapping).toMatchObject({
      staffNumber: "Matricule",
      firstName: "Prénom",
      hiredOn: "Date d'entrée",
    });
    expect(summary(r)).toEqual(expectedErrors);
    for (const e of r.errors) expect(e.reasons[0].message).toMatch(/[a-zé]/);
    expect(r.errors.find((e) => e.row === 41)?.reasons[0].message).toContain("Servcie Juridique");
    expect(r.sample[0]).toMatchObject({
      row: 2,
      staffNumber: "C16328",
      lastName: "FOURNIER",
      hiredOn: "1995-09-03",
      workTimePct: 100,
      canTelework: false,
      phone: "+33562740764",
      site: "Agence Nord - Blagnac",
    });
    expect(r.sample[1]).toMatchObject({
      workTimePct: 80,
      canTelework: true,
      skills: ["juridique", "communication de crise"],
    });
    expect(await count(t)).toBe(0);
  });

  it("refuses the whole file by default (all or nothing) with a 422 report", async () => {
    const res = await upload(t.admin, { name, content }, { mode: "commit" });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: { code: string; details: { row: number }[] }; report: Report };
    expect(body.error.code).toBe("import_rejected");
    expect(body.error.details.map((d) => d.row).sort((a, b) => a - b)).toEqual(
      expectedErrors.map((e) => e.row),
    );
    expect(summary(body.report)).toEqual(expectedErrors);
    expect(await count(t)).toBe(0);
  });

  it("keeps the valid rows with onError=skip, then updates on re-import", async () => {
    const res = await upload(t.admin, { name, content }, { mode: "commit", onError: "skip" });
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ committed: true, created: 143, updated: 0, unchanged: 0, rejected: 7 });
    expect(r.skillsCreated.length).toBeGreaterThan(5);
    expect(await count(t)).toBe(143);

    const again = (
      await upload(t.admin, { name, content }, { mode: "commit", onError: "skip" })
    ).json() as Report;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 143, skillsCreated: [] });
    expect(await count(t)).toBe(143);

    const list = await t.admin.get("/api/agents?q=C26226");
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ lastName: "Joly", workTimePct: 80, canTelework: true, hiredOn: "2012-11-08" }],
    });
    expect(list.json().items[0].skillIds).toHaveLength(2);
    const audit = await t.admin.get("/api/audit?entity=agent&action=import");
    expect(audit.json().total).toBe(2);
    expect(audit.json().items[0].after).toMatchObject({ created: 0, unchanged: 143, rejected: 7 });
  });
});

describe("re-import and options", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await setup();
  });
  afterAll(async () => {
    await t?.close();
  });
  const file = (
    rows: string[],
    header = "Matricule;Nom;Prénom;Service;Site;Compétences;Temps de travail",
  ) => ({
    name: "agents.csv",
    content: iconv.encode([header, ...rows].join("\r\n"), "win1252"),
  });

  it("updates by staff number instead of duplicating, and reports what changed", async () => {
    const first = await upload(
      t.admin,
      file(["A1;Martin;Léa;Comptabilité;Siège - Toulouse;paie;100 %", "A2;Bernard;Paul;Comptabilité;;;80 %"]),
      { mode: "commit" },
    );
    expect(first.json()).toMatchObject({ created: 2, updated: 0 });
    const second = await upload(
      t.admin,
      file([
        "A1;Martin;Léa;Gestion Sociale;Siège - Toulouse;paie, accueil;100 %",
        "A2;Bernard;Paul;comptabilite;;;80 %",
        "A3;Petit;Zoé;COMPTABILITÉ;;;90",
      ]),
      { mode: "commit" },
    );
    expect(second.json()).toMatchObject({ created: 1, updated: 1, unchanged: 1, skillsCreated: ["accueil"] });
    const a1 = (await t.admin.get("/api/agents?q=A1")).json().items[0];
    expect(a1.skillIds).toHaveLength(2);
    expect((await t.admin.get("/api/agents")).json().total).toBe(3);
  });

  it("leaves columns absent from the file untouched", async () => {
    await t.admin.patch(`/api/agents/${(await t.admin.get("/api/agents?q=A2")).json().items[0].id}`, {
      jobTitle: "Comptable",
    });
    const res = await upload(
      t.admin,
      file(["A2;Bernard;Paul;Comptabilité"], "Matricule;Nom;Prénom;Service"),
      {
        mode: "commit",
      },
    );
    expect(res.json()).toMatchObject({ unchanged: 1 });
    expect((await t.admin.get("/api/agents?q=A2")).json().items[0].jobTitle).toBe("Comptable");
  });

  it("rejects unknown sites unless asked to create them", async () => {
    const f = file(["S1;Roux;Anne;Comptabilité;Annexe Est;;100 %"]);
    const refused = await upload(t.admin, f, { mode: "commit" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().report.errors[0].reasons[0]).toMatchObject({ code: "unknown_site" });
    const ok = await upload(t.admin, f, { mode: "commit", createMissingSites: "true" });
    expect(ok.json()).toMatchObject({ created: 1, sitesCreated: ["Annexe Est"] });
  });

  it("accepts a column mapping, UTF-8 with BOM and comma separators", async () => {
    const text = "\ufeffN° agent,Nom,Prénom,Unité,Télétravail\r\nM1,Durand,Éloïse,Comptabilité,X\r\n";
    const res = await upload(
      t.admin,
      { name: "export.csv", content: Buffer.from(text, "utf8") },
      { mapping: JSON.stringify({ staffNumber: "N° agent", service: "Unité", canTelework: "Télétravail" }) },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ encoding: "utf-8-bom", separator: ",", accepted: 1 });
    expect(res.json().sample[0]).toMatchObject({ staffNumber: "M1", firstName: "Éloïse", canTelework: true });
    const bad = await upload(
      t.admin,
      { name: "export.csv", content: Buffer.from(text, "utf8") },
      {
        mapping: JSON.stringify({ staffNumber: "Inexistante" }),
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: "mapping.staffNumber" });
  });

  it("accepts the JSON form with the file in base64", async () => {
    const res = await t.admin.post("/api/agents/import", {
      fileName: "agents.xlsx",
      contentBase64: xlsx.toString("base64"),
      mode: "preview",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ format: "xlsx", accepted: 143, rejected: 7 });
  });

  it("explains bad files", async () => {
    const notXlsx = await upload(t.admin, { name: "agents.xlsx", content: Buffer.from("pas un classeur") });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.code).toBe("invalid_xlsx");
    const empty = await upload(t.admin, { name: "agents.csv", content: Buffer.alloc(0) });
    expect(empty.json().error.code).toBe("empty_file");
    const garbage = await upload(t.admin, {
      name: "agents.csv",
      content: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 151 + 7) % 256)),
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe("unknown_encoding");
    const noFile = await upload(t.admin, null, { mode: "preview" });
    expect(noFile.json().error.code).toBe("missing_file");
    const badOption = await upload(t.admin, file(["Z1;A;B;Comptabilité"]), { mode: "maybe" });
    expect(badOption.statusCode).toBe(400);
    const noColumns = await upload(t.admin, { name: "x.csv", content: Buffer.from("Foo;Bar\n1;2\n") });
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json().error.message).toContain("Matricule");
  });

  it("refuses oversized files with 413", async () => {
    const small = await createTestApp({ RELAIS_IMPORT_LIMIT_BYTES: "2048" });
    try {
      const big = Buffer.from(`Matricule;Nom;Prénom;Service\n${"X;Y;Z;W\n".repeat(1000)}`);
      const res = await upload(small.admin, { name: "big.csv", content: big });
      expect(res.statusCode).toBe(413);
    } finally {
      await small.close();
    }
  });

  it("is for admins and PCA managers only", async () => {
    const crisis = await t.signIn("crisis_cell");
    expect((await upload(crisis, file(["Z1;A;B;Comptabilité"]))).statusCode).toBe(403);
    const pca = await t.signIn("pca_manager");
    expect((await upload(pca, file(["Z1;A;B;Comptabilité"]))).statusCode).toBe(200);
  });

  it("reads an XLSX written by ExcelJS with numeric phones and hyperlinked e-mails", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Feuil1");
    ws.addRow(["Matricule", "Nom", "Prénom", "Service", "Téléphone", "Courriel", "Date d'entrée"]);
    ws.addRow([
      "X1",
      "Nguyen",
      "Lan",
      "Comptabilité",
      562898508,
      { text: "l.nguyen@x.fr", hyperlink: "mailto:l.nguyen@x.fr" },
      new Date(Date.UTC(2020, 1, 29)),
    ]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(t.admin, { name: "x.xlsx", content: buf });
    expect(res.json().sample[0]).toMatchObject({
      phone: "+33562898508",
      email: "l.nguyen@x.fr",
      hiredOn: "2020-02-29",
    });
  });
});
