// Accent- and case-insensitive search shared by the plan lists: the term is folded in JS, the
// column with translate() in SQL (no `unaccent` extension on PGlite).
import { type Expression, type RawBuilder, sql } from "kysely";

const ACCENTED = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝŸýÿ";
const PLAIN = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOooooooUUUUuuuuYYyy";

/** Lower-case, accents removed: "Élève" → "eleve". */
export function foldText(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** LIKE pattern matching the folded term anywhere, with LIKE's special characters escaped. */
export function likePattern(term: string): string {
  return `%${foldText(term.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The SQL counterpart of foldText for a text column. */
export function folded(column: Expression<string>): RawBuilder<string> {
  return sql<string>`lower(translate(${column}, ${ACCENTED}, ${PLAIN}))`;
}
