// Turns Ajv errors into French messages that name the field.
interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

export function describeValidationErrors(
  errs: AjvError[],
  context: string,
): { message: string; details: { field: string; message: string }[] } {
  const details = errs.map((e) => {
    const base = (e.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
    const params = e.params ?? {};
    let field = base || context;
    let message: string;
    switch (e.keyword) {
      case "required":
        field = base ? `${base}.${String(params.missingProperty)}` : String(params.missingProperty);
        message = "champ obligatoire manquant";
        break;
      case "additionalProperties":
        field = base ? `${base}.${String(params.additionalProperty)}` : String(params.additionalProperty);
        message = "champ inconnu";
        break;
      case "type":
        message = `type attendu : ${translateType(String(params.type))}`;
        break;
      case "maxLength":
        message = `au plus ${String(params.limit)} caractères`;
        break;
      case "minLength":
        message =
          Number(params.limit) <= 1 ? "ne doit pas être vide" : `au moins ${String(params.limit)} caractères`;
        break;
      case "minimum":
        message = `doit être supérieur ou égal à ${String(params.limit)}`;
        break;
      case "maximum":
        message = `doit être inférieur ou égal à ${String(params.limit)}`;
        break;
      case "enum":
        message = `valeur non autorisée (valeurs possibles : ${((params.allowedValues as unknown[]) ?? []).join(", ")})`;
        break;
      case "format":
        message = `format invalide (${translateFormat(String(params.format))})`;
        break;
      case "pattern":
        message = "format invalide";
        break;
      case "maxItems":
        message = `au plus ${String(params.limit)} éléments`;
        break;
      case "minItems":
        message = `au moins ${String(params.limit)} élément(s)`;
        break;
      default:
        message = e.message ?? "valeur invalide";
    }
    return { field, message };
  });
  const first = details[0];
  const message = first ? `Données invalides : ${first.field} — ${first.message}.` : "Données invalides.";
  return { message, details };
}

function translateType(t: string): string {
  const map: Record<string, string> = {
    string: "texte",
    integer: "nombre entier",
    number: "nombre",
    boolean: "vrai ou faux",
    object: "objet",
    array: "liste",
    null: "vide",
  };
  return t
    .split(",")
    .map((x) => map[x] ?? x)
    .join(" ou ");
}

function translateFormat(f: string): string {
  const map: Record<string, string> = {
    email: "adresse e-mail",
    date: "date AAAA-MM-JJ",
    "date-time": "date et heure ISO 8601",
    uuid: "identifiant",
  };
  return map[f] ?? f;
}
