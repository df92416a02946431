// Reading an HR export into a plain table: format and encoding detection, CSV parsing, XLSX cells.
// Pure except for ExcelJS; errors are AppErrors with French messages that say what to fix.
import type ExcelJSType from "exceljs";
import iconv from "iconv-lite";
import { errors } from "../../http/errors.js";
import { readXlsxFast } from "./xlsx.js";

/** A cell as read: text, number, boolean or a real date cell (XLSX). */
export type Cell = string | number | boolean | Date | null;

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
export type Separator = ";" | "," | "\t";

export interface Table {
  format: "csv" | "xlsx";
  encoding: Encoding | null;
  separator: Separator | null;
  sheet: string | null;
  headers: string[];
  /** Data rows (without the header); rowNumbers[i] is the spreadsheet row number (header = 1). */
  rows: Cell[][];
  rowNumbers: number[];
}

export const MAX_ROWS = 100_000;

/** Bytes that Windows-1252 leaves undefined: a file containing them is not Windows-1252 text. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export function detectEncoding(buf: Buffer): { encoding: Encoding; text: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { encoding: "utf-8-bom", text: decodeUtf8Strict(buf.subarray(3)) };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { encoding: "utf-16le", text: iconv.decode(buf.subarray(2), "utf-16le") };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { encoding: "utf-16be", text: iconv.decode(buf.subarray(2), "utf-16be") };
  }
  assertText(buf);
  try {
    return { encoding: "utf-8", text: new TextDecoder("utf-8", { fatal: true }).decode(buf) };
  } catch {
    for (const b of buf) {
      if (CP1252_UNDEFINED.has(b)) throw unknownEncoding();
    }
    return { encoding: "windows-1252", text: iconv.decode(buf, "win1252") };
  }
}

function decodeUtf8Strict(buf: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    throw unknownEncoding("Le fichier annonce de l'UTF-8 (BOM) mais contient des octets invalides.");
  }
}

/** Control characters other than tab, CR, LF mean binary data, not a text export. */
function assertText(buf: Buffer): void {
  const n = Math.min(buf.length, 65_536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) throw unknownEncoding();
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > 0) throw unknownEncoding();
}

const unknownEncoding = (
  detail = "Le fichier contient des caractères qui ne sont ni de l'UTF-8 ni du Windows-1252.",
) =>
  errors.badRequest(
    "unknown_encoding",
    `${detail} Enregistrez-le en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) » depuis votre tableur, ou envoyez le fichier XLSX.`,
  );

/** The separator used in the header line: the most frequent of ; , tab outside quotes. */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ";": 0, ",": 0, "\t": 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) break;
    else if (!inQuotes && (c === ";" || c === "," || c === "\t")) counts[c]++;
  }
  const best = (Object.keys(counts) as Separator[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ";";
}

/** RFC 4180 with a chosen separator: quoted fields, doubled quotes, line breaks inside quotes. */
export function parseCsv(text: string, sep: string): { rows: string[][]; lineNumbers: number[] } {
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let rowStart = 1;
  const pushRow = () => {
    row.push(field);
    field = "";
    rows.push(row);
    lineNumbers.push(rowStart);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === "") {
      field = "";
      inQuotes = true;
    } else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      pushRow();
      line++;
      rowStart = line;
    } else field += c;
  }
  if (field !== "" || row.length > 0) pushRow();
  return { rows, lineNumbers };
}

const isBlankRow = (r: readonly Cell[]) =>
  r.every((c) => c === null || (typeof c === "string" && c.trim() === ""));

export function readCsv(buf: Buffer): Table {
  const { encoding, text } = detectEncoding(buf);
  const separator = detectSeparator(text);
  const { rows } = parseCsv(text, separator);
  // Row numbers count records (header = 1), as a spreadsheet program shows them once opened.
  const numbered = rows.map((r, i) => ({ r, n: i + 1 })).filter(({ r }) => !isBlankRow(r));
  return finish({ format: "csv", encoding, separator, sheet: null }, numbered);
}

function finish(
  meta: Pick<Table, "format" | "encoding" | "separator" | "sheet">,
  numbered: { r: Cell[]; n: number }[],
): Table {
  if (numbered.length === 0) throw emptyFile();
  const [head, ...data] = numbered;
  if (data.length > MAX_ROWS) {
    throw errors.tooLarge(`Le fichier compte ${data.length} lignes : ${MAX_ROWS} au plus par import.`);
  }
  const headers = head.r.map((c) => cellText(c).trim());
  return {
    ...meta,
    headers,
    rows: data.map(({ r }) => r),
    rowNumbers: data.map(({ n }) => n),
  };
}

const emptyFile = () =>
  errors.badRequest(
    "empty_file",
    "Le fichier est vide : il doit contenir une ligne d'en-têtes puis les agents.",
  );

export function cellText(c: Cell): string {
  if (c === null) return "";
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

const notXlsx = () =>
  errors.badRequest(
    "invalid_xlsx",
    "Ce fichier n'est pas un classeur XLSX lisible. Ouvrez-le dans votre tableur et enregistrez-le au format « Classeur Excel (.xlsx) » ou en CSV.",
  );

export async function readXlsx(buf: Buffer, sheetName?: string): Promise<Table> {
  let fast: ReturnType<typeof readXlsxFast> = null;
  try {
    fast = readXlsxFast(buf, sheetName);
  } catch {
    fast = null; // unusual structure: ExcelJS below decides
  }
  if (fast) {
    const numbered = fast.rows
      .filter(({ cells }) => !isBlankRow(cells))
      .map(({ n, cells }) => ({ r: cells, n }));
    return finish({ format: "xlsx", encoding: null, separator: null, sheet: fast.sheet }, numbered);
  }
  return readXlsxWithExcelJs(buf, sheetName);
}

/** The reference reader, slower: used when the fast reader does not recognise the workbook. */
export async function readXlsxWithExcelJs(buf: Buffer, sheetName?: string): Promise<Table> {
  // Loaded on first use: the fast reader handles most files and exceljs costs start-up time.
  const ExcelJS = ((await import("exceljs")) as unknown as { default: typeof ExcelJSType }).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) {
    if (sheetName) {
      throw errors.badRequest(
        "unknown_sheet",
        `Onglet « ${sheetName} » introuvable (onglets : ${wb.worksheets.map((w) => w.name).join(", ")}).`,
      );
    }
    throw emptyFile();
  }
  const numbered: { r: Cell[]; n: number }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    const values = row.values as unknown[];
    for (let i = 1; i < values.length; i++) {
      const cell = values[i];
      cells.push(xlsxCell(cell, cell === undefined || cell === null ? null : row.getCell(i).numFmt));
    }
    if (!isBlankRow(cells)) numbered.push({ r: cells, n });
  });
  return finish({ format: "xlsx", encoding: null, separator: null, sheet: ws.name }, numbered);
}

/** An ExcelJS cell value as a plain Cell: rich text, hyperlinks and formula results flattened. */
export function xlsxCell(v: unknown, numFmt: string | null | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") {
    // A percentage cell holds a fraction (0.8 shown "80 %"): hand it on as the text people see.
    if (numFmt?.includes("%")) return `${Math.round(v * 10_000) / 100} %`;
    return v;
  }
  if (typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
      formula?: string;
    };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join("");
    if ("result" in o || "formula" in o) return xlsxCell(o.result, numFmt);
    if (o.text !== undefined) return xlsxCell(o.text, numFmt);
    if (o.error !== undefined) return null;
  }
  return String(v);
}

/** Reads a CSV or XLSX export, chosen by content (zip signature), not by the file name. */
export async function readTable(buf: Buffer, fileName: string, sheet?: string): Promise<Table> {
  if (buf.length === 0) throw emptyFile();
  const isZip = buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
  const isOle = buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0;
  if (isOle) {
    throw errors.badRequest(
      "unsupported_format",
      "Ancien format Excel (.xls) non pris en charge : enregistrez le fichier en .xlsx ou en CSV.",
    );
  }
  if (isZip) return readXlsx(buf, sheet);
  if (/\.xlsx$/i.test(fileName)) throw notXlsx();
  return readCsv(buf);
}
