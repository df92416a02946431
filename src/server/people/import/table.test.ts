import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { AppError } from "../../http/errors.js";
import {
  detectEncoding,
  detectSeparator,
  parseCsv,
  readTable,
  readXlsx,
  readXlsxWithExcelJs,
} from "./table.js";

const FIXTURES = "/work/shared/fixtures/hr";

describe("encoding detection", () => {
  it("tells UTF-8, UTF-8 with BOM and Windows-1252 apart", () => {
    const text = "Nom;Prénom\nŒuvre;Hervé €\n";
    expect(detectEncoding(Buffer.from(text, "utf8"))).toEqual({ encoding: "utf-8", text });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    expect(detectEncoding(bom)).toEqual({ encoding: "utf-8-bom", text });
    expect(detectEncoding(iconv.encode(text, "win1252"))).toEqual({ encoding: "windows-1252", text });
  });
  it("reads UTF-16 with its BOM", () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("Nom;Prénom\n", "utf16le")]);
    expect(detectEncoding(buf).text).toBe("Nom;Prénom\n");
  });
  it("refuses binary garbage", () => {
    const garbage = Buffer.from([0x4e, 0x6f, 0x6d, 0x00, 0x01, 0x81, 0x9d, 0xff]);
    expect(() => detectEncoding(garbage)).toThrow(AppError);
    expect(() => detectEncoding(Buffer.from([0x41, 0x81, 0x42]))).toThrow(/ni de l'UTF-8/);
  });
});

describe("CSV", () => {
  it("detects the separator from the header line", () => {
    expect(detectSeparator('"Nom";"Prénom, usuel"\n')).toBe(";");
    expect(detectSeparator("Nom,Prénom,Site\n")).toBe(",");
    expect(detectSeparator("Nom\tPrénom\n")).toBe("\t");
  });
  it("parses quotes, doubled quotes and line breaks inside quotes", () => {
    const { rows } = parseCsv('a;"b ""c""";"d\ne"\r\n1;2;3', ";");
    expect(rows).toEqual([
      ["a", 'b "c"', "d\ne"],
      ["1", "2", "3"],
    ]);
  });
  it("reads the Windows-1252 fixture", async () => {
    const t = await readTable(readFileSync(`${FIXTURES}/agents.csv`), "agents.csv");
    expect(t).toMatchObject({ format: "csv", encoding: "windows-1252", separator: ";" });
    expect(t.headers[2]).toBe("Prénom");
    expect(t.rows).toHaveLength(150);
    expect(t.rowNumbers[0]).toBe(2);
  });
  it("refuses an empty file", async () => {
    await expect(readTable(Buffer.alloc(0), "x.csv")).rejects.toMatchObject({ code: "empty_file" });
    await expect(readTable(Buffer.from("\r\n\r\n"), "x.csv")).rejects.toMatchObject({ code: "empty_file" });
  });
});

describe("XLSX", () => {
  it("reads the fixture with date cells and percentages", async () => {
    const t = await readTable(readFileSync(`${FIXTURES}/agents.xlsx`), "agents.xlsx");
    expect(t).toMatchObject({ format: "xlsx", sheet: "Agents" });
    expect(t.rows).toHaveLength(150);
    expect(t.rows[0][7]).toBeInstanceOf(Date);
    expect(t.rows[1][8]).toBe("80 %");
  });
  it("refuses a file named .xlsx that is not one", async () => {
    await expect(readTable(Buffer.from("hello"), "agents.xlsx")).rejects.toMatchObject({
      code: "invalid_xlsx",
    });
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    await expect(readTable(fakeZip, "agents.xlsx")).rejects.toMatchObject({ code: "invalid_xlsx" });
  });
});

describe("fast XLSX reader", () => {
  it("reads the fixture exactly as ExcelJS does", async () => {
    const buf = readFileSync(`${FIXTURES}/agents.xlsx`);
    const fast = await readXlsx(buf);
    const reference = await readXlsxWithExcelJs(buf);
    const norm = (rows: unknown[][]) =>
      rows.map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : (c ?? null))));
    expect(fast.headers).toEqual(reference.headers);
    expect(fast.rowNumbers).toEqual(reference.rowNumbers);
    expect(norm(fast.rows).map((r) => r.slice(0, 13))).toEqual(
      norm(reference.rows).map((r) => r.slice(0, 13)),
    );
  });
  it("reads inline strings, booleans, formulas and sparse cells of an ExcelJS workbook", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Feuil 1 & co");
    ws.addRow(["Matricule", "Nom", "Actif", "Date", "Taux", "Formule"]);
    const row = ws.addRow([
      "A<1>",
      "Ça & là",
      true,
      new Date(Date.UTC(2024, 1, 29)),
      0.8,
      { formula: "1+1", result: 2 },
    ]);
    row.getCell(4).numFmt = "dd/mm/yyyy";
    row.getCell(5).numFmt = "0%";
    ws.getCell("H3").value = "loin";
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const t = await readXlsx(buf);
    expect(t.sheet).toBe("Feuil 1 & co");
    expect(t.rows[0]).toEqual(["A<1>", "Ça & là", true, new Date(Date.UTC(2024, 1, 29)), "80 %", 2]);
    expect(t.rows[1][7]).toBe("loin");
    expect(t.rowNumbers).toEqual([2, 3]);
  });
});
