// A fast reader for the first (or named) sheet of an XLSX workbook: the zip directory read by hand,
// entries inflated with node:zlib, the sheet XML scanned with regular expressions. ExcelJS takes
// seconds on a 20,000-row export; this takes a fraction. Anything unusual (zip64, strict OOXML,
// encrypted parts) returns null and the caller falls back to ExcelJS.
import { inflateRawSync } from "node:zlib";
import type { Cell } from "./table.js";

export interface SheetRows {
  sheet: string;
  rows: { n: number; cells: Cell[] }[];
}

function unzip(buf: Buffer): Map<string, Buffer> | null {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return null; // zip64
  const files = new Map<string, Buffer>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    if (method === 0) files.set(name, data);
    else if (method === 8) files.set(name, inflateRawSync(data));
    else return null;
  }
  return files;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (s.indexOf("&") < 0 && s.indexOf("_x") < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === "#"
        ? String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : ENTITIES[e],
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** The text of an <si> or <is>: every <t> run, phonetic runs (<rPh>) left out. */
function richText(xml: string): string {
  const noPhonetic = xml.indexOf("<rPh") >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let out = "";
  for (const m of noPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += m[1];
  return decodeXml(out);
}

const ATTR_PATTERNS = new Map<string, RegExp>();
const attr = (tag: string, name: string): string | null => {
  let re = ATTR_PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}="([^"]*)"`);
    ATTR_PATTERNS.set(name, re);
  }
  const m = re.exec(tag);
  return m ? m[1] : null;
};

/** Built-in number formats that show dates (ECMA-376 18.8.30, plus the CJK/locale ranges). */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);
const BUILTIN_PERCENT = new Set([9, 10]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function styleKinds(styles: string | undefined): ("date" | "percent" | null)[] {
  if (!styles) return [];
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = attr(m[0], "numFmtId");
    const code = attr(m[0], "formatCode");
    if (id !== null && code !== null) custom.set(Number(id), decodeXml(code));
  }
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  return [...xfs.matchAll(/<xf\s[^>]*?\/?>/g)].map((m) => {
    const id = Number(attr(m[0], "numFmtId") ?? 0);
    const code = custom.get(id);
    if (code !== undefined) return code.includes("%") ? "percent" : isDateFormat(code) ? "date" : null;
    return BUILTIN_DATES.has(id) ? "date" : BUILTIN_PERCENT.has(id) ? "percent" : null;
  });
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

export function readXlsxFast(buf: Buffer, sheetName?: string): SheetRows | null {
  const files = unzip(buf);
  if (!files) return null;
  const text = (name: string) => files.get(name)?.toString("utf8");
  const workbook = text("xl/workbook.xml");
  const rels = text("xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) return null;
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m) => ({
    name: decodeXml(attr(m[0], "name") ?? ""),
    rid: attr(m[0], "r:id"),
  }));
  const chosen = sheetName ? sheets.find((s) => s.name === sheetName) : sheets[0];
  if (!chosen?.rid) return null;
  const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)].find((m) => attr(m[0], "Id") === chosen.rid);
  const target = rel ? attr(rel[0], "Target") : null;
  if (!target) return null;
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  const sheetXml = text(sheetPath);
  if (!sheetXml) return null;
  const date1904 = /<workbookPr\s[^>]*date1904="(1|true)"/.test(workbook);
  const shared = [...(text("xl/sharedStrings.xml") ?? "").matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map(
    (m) => (m[1] === undefined ? "" : richText(m[1])),
  );
  const kinds = styleKinds(text("xl/styles.xml"));
  const epoch = date1904 ? 24_107 : 25_569; // serial of 1970-01-01

  const rows: { n: number; cells: Cell[] }[] = [];
  let lastRow = 0;
  for (const rm of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attr(rm[1], "r");
    const n = r ? Number(r) : lastRow + 1;
    lastRow = n;
    const body = rm[2];
    if (!body) continue;
    const cells: Cell[] = [];
    let col = 0;
    for (const cm of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = cm[1];
      const ref = attr(a, "r");
      if (ref) col = columnIndex(ref);
      const inner = cm[2] ?? "";
      const t = attr(a, "t") ?? "n";
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value: Cell = null;
      if (t === "s") value = v === undefined ? null : (shared[Number(v)] ?? null);
      else if (t === "inlineStr") value = richText(inner);
      else if (t === "str") value = v === undefined ? null : decodeXml(v);
      else if (t === "b") value = v === "1";
      else if (t === "e") value = null;
      else if (t === "d") value = v === undefined ? null : new Date(v);
      else if (v !== undefined) {
        const num = Number(v);
        const kind = kinds[Number(attr(a, "s") ?? 0)] ?? null;
        if (kind === "date") value = new Date(Math.round((num - epoch) * 86_400_000));
        else if (kind === "percent") value = `${Math.round(num * 10_000) / 100} %`;
        else value = num;
      }
      while (cells.length < col) cells.push(null);
      cells[col] = value;
      col++;
    }
    rows.push({ n, cells });
  }
  return { sheet: chosen.name, rows };
}
