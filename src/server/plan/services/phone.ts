// French telephone numbers, metropolitan and overseas, as they are written on a service's card.
// Separators (spaces, dots, dashes, parentheses) are ignored.

/** Country codes of the overseas territories and the number of digits after the code. */
const OVERSEAS: Record<string, number> = {
  "262": 9, // La Réunion, Mayotte
  "590": 9, // Guadeloupe, Saint-Martin, Saint-Barthélemy
  "594": 9, // Guyane
  "596": 9, // Martinique
  "508": 6, // Saint-Pierre-et-Miquelon
  "681": 6, // Wallis-et-Futuna
  "687": 6, // Nouvelle-Calédonie
  "689": 8, // Polynésie française
};

export function isFrenchPhone(input: string): boolean {
  const raw = input.trim();
  if (!/^[+0-9][0-9 .\-()]*$/.test(raw)) return false;
  const digits = raw.replace(/[ .\-()]/g, "");
  if (/^0[1-9]\d{8}$/.test(digits)) return true; // 05 61 00 00 00 (metropole and DOM)
  if (/^\+33[1-9]\d{8}$/.test(digits)) return true;
  const m = /^\+(\d{3})(\d+)$/.exec(digits);
  if (m) return OVERSEAS[m[1]] === m[2].length;
  if (/^\d{6}$/.test(digits)) return true; // local number in New Caledonia, Wallis, Saint-Pierre
  if (/^(40|8[79])\d{6}$/.test(digits)) return true; // local number in French Polynesia
  if (/^(1\d{1,3}|3\d{3})$/.test(digits)) return true; // short numbers: 115, 119, 3939
  return false;
}
