import { Type } from "@sinclair/typebox";
import { ALL_ROLES, MANAGERS } from "../http/access.js";
import { errors } from "../http/errors.js";
import { Body, IdParams, Uuid } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { ctxOf } from "../shared/request.js";
import {
  AtQuery,
  CallCreate,
  CallQuery,
  CallStatsQuery,
  LineCreate,
  LineUpdate,
  OverrideCreate,
  RangeQuery,
  RotationCreate,
  RotationUpdate,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["oncall"];
const Empty = Type.Optional(Body({}));
const LineParams = Type.Object({ id: Uuid, sub: Uuid }, { additionalProperties: false });
const TokenParams = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 100 }) },
  { additionalProperties: false },
);
const FeedParams = Type.Object(
  { file: Type.String({ pattern: "^[A-Za-z0-9_-]{20,100}\\.ics$" }) },
  { additionalProperties: false },
);

export default async function oncallRoutes(app: App) {
  const db = () => app.deps.database.db;

  app.get(
    "/api/oncall/lines",
    {
      config: { access: ALL_ROLES },
      schema: { tags, summary: "Lignes d'astreinte et qui est d'astreinte maintenant", querystring: AtQuery },
    },
    async (request) =>
      service.listLines(ctxOf(request), request.query.at ? new Date(request.query.at) : new Date()),
  );
  app.post(
    "/api/oncall/lines",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Créer une ligne (numéro unique, ligne d'urgence d'un service)",
        body: LineCreate,
      },
    },
    async (request, reply) => reply.code(201).send(await service.createLine(ctxOf(request), request.body)),
  );
  app.get(
    "/api/oncall/lines/:id",
    {
      config: { access: ALL_ROLES },
      schema: { tags, summary: "Une ligne, ses roulements et remplacements", params: IdParams },
    },
    async (request) => service.getLine(ctxOf(request), request.params.id),
  );
  app.patch(
    "/api/oncall/lines/:id",
    {
      config: { access: MANAGERS },
      schema: { tags, summary: "Modifier une ligne", params: IdParams, body: LineUpdate },
    },
    async (request) => service.updateLine(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/oncall/lines/:id/token",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Renouveler le jeton du standard et du calendrier",
        params: IdParams,
        body: Empty,
      },
    },
    async (request) => service.rotateFeedToken(ctxOf(request), request.params.id),
  );
  app.get(
    "/api/oncall/lines/:id/now",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Qui est d'astreinte maintenant (ou à l'instant ?at=)",
        params: IdParams,
        querystring: AtQuery,
      },
    },
    async (request) =>
      service.whoNow(
        ctxOf(request),
        request.params.id,
        request.query.at ? new Date(request.query.at) : new Date(),
      ),
  );
  app.get(
    "/api/oncall/lines/:id/schedule",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Planning d'astreinte sur une période",
        params: IdParams,
        querystring: RangeQuery,
      },
    },
    async (request) =>
      service.lineSchedule(
        ctxOf(request),
        request.params.id,
        new Date(request.query.from),
        new Date(request.query.to),
      ),
  );
  app.post(
    "/api/oncall/lines/:id/rotations",
    {
      config: { access: MANAGERS },
      schema: { tags, summary: "Ajouter un roulement", params: IdParams, body: RotationCreate },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addRotation(ctxOf(request), request.params.id, request.body)),
  );
  app.patch(
    "/api/oncall/lines/:id/rotations/:sub",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Modifier un roulement (membres et ordre, cycle, heure de relève, restriction)",
        params: LineParams,
        body: RotationUpdate,
      },
    },
    async (request) =>
      service.updateRotation(ctxOf(request), request.params.id, request.params.sub, request.body),
  );
  app.delete(
    "/api/oncall/lines/:id/rotations/:sub",
    { config: { access: MANAGERS }, schema: { tags, summary: "Supprimer un roulement", params: LineParams } },
    async (request) => service.deleteRotation(ctxOf(request), request.params.id, request.params.sub),
  );
  app.post(
    "/api/oncall/lines/:id/overrides",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Remplacement : quelqu'un prend l'astreinte sur une période",
        params: IdParams,
        body: OverrideCreate,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addOverride(ctxOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/api/oncall/lines/:id/overrides/:sub",
    {
      config: { access: ALL_ROLES },
      schema: { tags, summary: "Annuler un remplacement", params: LineParams },
    },
    async (request) => service.deleteOverride(ctxOf(request), request.params.id, request.params.sub),
  );

  app.post(
    "/api/me/calendar-feed",
    {
      config: { access: ALL_ROLES },
      schema: { tags, summary: "Créer (ou renouveler) mon lien de calendrier iCal personnel", body: Empty },
    },
    async (request) => service.createPersonalFeed(ctxOf(request)),
  );

  app.post(
    "/api/calls",
    {
      config: { access: ALL_ROLES },
      schema: { tags: ["calls"], summary: "Noter un appel reçu", body: CallCreate },
    },
    async (request, reply) => reply.code(201).send(await service.logCall(ctxOf(request), request.body)),
  );
  app.get(
    "/api/calls",
    {
      config: { access: ALL_ROLES },
      schema: { tags: ["calls"], summary: "Journal des appels", querystring: CallQuery },
    },
    async (request) => service.listCalls(ctxOf(request), request.query),
  );
  app.get(
    "/api/calls/stats",
    {
      config: { access: ["admin", "pca_manager", "crisis_cell"] },
      schema: {
        tags: ["calls"],
        summary: "Appels par jour et par issue (pour le bilan)",
        querystring: CallStatsQuery,
      },
    },
    async (request) => service.callStats(ctxOf(request), request.query.from, request.query.to),
  );

  // Read with a secret token by machines: the phone system and calendar applications.
  app.get(
    "/api/public/oncall/:token/followme",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Numéros à appeler dans l'ordre (standard téléphonique, ex. Asterisk FollowMe)",
        description:
          "`?format=text` répond une ligne `numéro,délai` par personne, dans l'ordre : la personne d'astreinte puis les suivantes.",
        params: TokenParams,
        querystring: Type.Object(
          {
            at: Type.Optional(Type.String({ format: "date-time" })),
            format: Type.Optional(Type.Union([Type.Literal("json"), Type.Literal("text")])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const result = await service.followMe(
        db(),
        request.params.token,
        request.query.at ? new Date(request.query.at) : new Date(),
      );
      if (request.query.format === "text") {
        return reply
          .type("text/plain; charset=utf-8")
          .send(result.numbers.map((n) => `${n.number},${n.timeoutSeconds}`).join("\n"));
      }
      return result;
    },
  );
  app.get(
    "/api/public/oncall/:token/calendar.ics",
    {
      config: { access: "public" },
      schema: { tags, summary: "Calendrier iCal de la ligne", params: TokenParams },
    },
    async (request, reply) =>
      reply
        .type("text/calendar; charset=utf-8")
        .send(await service.lineFeed(db(), request.params.token, new Date())),
  );
  app.get(
    "/api/public/calendar/:file",
    {
      config: { access: "public" },
      schema: { tags, summary: "Calendrier iCal personnel", params: FeedParams },
    },
    async (request, reply) => {
      const token = request.params.file.replace(/\.ics$/, "");
      if (!token) throw errors.notFound("Calendrier");
      return reply
        .type("text/calendar; charset=utf-8")
        .send(await service.personalFeed(db(), token, new Date()));
    },
  );
}
