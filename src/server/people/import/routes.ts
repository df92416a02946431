import { Value } from "@sinclair/typebox/value";
import type { FastifyRequest } from "fastify";
import { PLAN_EDITORS } from "../../http/access.js";
import { errors } from "../../http/errors.js";
import { ErrorBody, errorResponses } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { ImportJsonBody, ImportOptions, ImportRejected, ImportReport } from "./schema.js";
import { type ImportFile, importAgents } from "./service.js";

export default async function importRoutes(app: App) {
  app.post(
    "/api/agents/import",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags: ["people"],
        summary: "Importer les agents depuis un export RH (CSV ou XLSX)",
        description:
          "multipart/form-data : un champ fichier `file` et les options `mode` (preview|commit), `onError` (abort|skip), `mapping` (JSON : champ → en-tête), `createMissingSites`, `sheet`. Ou JSON : { fileName, contentBase64, …options }.",
        consumes: ["multipart/form-data", "application/json"],
        body: {
          content: { "application/json": { schema: ImportJsonBody } },
        } as unknown as typeof ImportJsonBody,
        response: { 200: ImportReport, 413: ErrorBody, 422: ImportRejected, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { file, options } = request.isMultipart() ? await readMultipart(request) : readJson(request.body);
      const outcome = await importAgents(ctxOf(request), file, options);
      if (outcome.ok) return outcome.report;
      const { report } = outcome;
      return reply.code(422).send({
        error: {
          code: "import_rejected",
          message: `${report.rejected} ligne(s) refusée(s) sur ${report.rows} : rien n'a été enregistré. Corrigez ces lignes, ou relancez avec onError=skip pour importer les lignes valides.`,
          details: report.errors.flatMap((e) =>
            e.reasons.map((r) => ({
              row: e.row,
              field: r.field,
              message: `Ligne ${e.row}${e.staffNumber ? ` (matricule ${e.staffNumber})` : ""} : ${r.message}`,
            })),
          ),
        },
        report,
      });
    },
  );
}

function readJson(body: unknown): { file: ImportFile; options: ImportOptions } {
  const b = body as ImportJsonBody | undefined;
  if (!b) throw errors.badRequest("missing_file", "Envoyez le fichier (multipart, champ « file »).");
  const { fileName, contentBase64, ...options } = b;
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(contentBase64)) {
    throw errors.validation("contentBase64 n'est pas du base64 valide.", [
      { field: "contentBase64", message: "base64 attendu" },
    ]);
  }
  return { file: { buffer: Buffer.from(contentBase64, "base64"), fileName }, options };
}

async function readMultipart(request: FastifyRequest): Promise<{ file: ImportFile; options: ImportOptions }> {
  let file: ImportFile | null = null;
  const fields: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === "file") {
      if (file) throw errors.badRequest("too_many_files", "Envoyez un seul fichier par import.");
      file = { buffer: await part.toBuffer(), fileName: part.filename || "import" };
    } else {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file)
    throw errors.badRequest(
      "missing_file",
      "Aucun fichier reçu : joignez l'export RH dans le champ « file ».",
    );
  const options: Record<string, unknown> = { ...fields };
  if (typeof options.mapping === "string") {
    try {
      options.mapping = JSON.parse(options.mapping);
    } catch {
      throw errors.validation("L'option mapping doit être un objet JSON (champ → en-tête de colonne).", [
        { field: "mapping", message: "JSON invalide" },
      ]);
    }
  }
  if (typeof options.createMissingSites === "string") {
    const v = options.createMissingSites.toLowerCase();
    options.createMissingSites = ["true", "1", "oui", "on"].includes(v)
      ? true
      : ["false", "0", "non", "off", ""].includes(v)
        ? false
        : v;
  }
  if (!Value.Check(ImportOptions, options)) {
    const details = [...Value.Errors(ImportOptions, options)].slice(0, 10).map((e) => ({
      field: e.path.replace(/^\//, "").replace(/\//g, ".") || "options",
      message:
        e.path.startsWith("/") && !(e.path.slice(1).split("/")[0] in ImportOptions.properties)
          ? "champ inconnu"
          : "valeur non autorisée",
    }));
    throw errors.validation(
      `Option d'import invalide : ${details[0]?.field ?? "options"} (mode=preview|commit, onError=abort|skip, createMissingSites=true|false, mapping=JSON).`,
      details,
    );
  }
  return { file, options: options as ImportOptions };
}
