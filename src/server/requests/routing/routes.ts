import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_EDITORS } from "../../http/access.js";
import { errorResponses, IdParams } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import {
  LexiconExtensionS,
  RuleCreate,
  RuleTestBody,
  RuleTestView,
  RuleUpdate,
  RuleView,
  SettingsBody,
  SettingsView,
  TriageBody,
  TriageView,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["requests"];

export default async function routingRoutes(app: App) {
  app.get(
    "/api/routing-rules",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Règles d'orientation, dans leur ordre d'application",
        response: {
          200: Type.Object({ items: Type.Array(RuleView), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.listRules(ctxOf(request)),
  );
  app.post(
    "/api/routing-rules",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Ajouter une règle d'orientation",
        body: RuleCreate,
        response: { 201: RuleView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createRule(ctxOf(request), request.body)),
  );
  app.post(
    "/api/routing-rules/test",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Essayer les règles (enregistrées ou non) sur un exemple de demande",
        body: RuleTestBody,
        response: { 200: RuleTestView, ...errorResponses },
      },
    },
    async (request) => service.testRules(ctxOf(request), request.body),
  );
  app.patch(
    "/api/routing-rules/:id",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Modifier une règle d'orientation",
        params: IdParams,
        body: RuleUpdate,
        response: { 200: RuleView, ...errorResponses },
      },
    },
    async (request) => service.updateRule(ctxOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/routing-rules/:id",
    {
      config: { access: PLAN_EDITORS },
      schema: { tags, summary: "Supprimer une règle d'orientation", params: IdParams },
    },
    async (request, reply) => {
      await service.deleteRule(ctxOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    "/api/triage",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Détecter l'urgence d'un texte et dire où il serait orienté",
        body: TriageBody,
        response: { 200: TriageView, ...errorResponses },
      },
    },
    async (request) => service.triageText(ctxOf(request), request.body.text),
  );
  app.get(
    "/api/triage/lexicon",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Mots ajoutés par l'organisation au lexique d'urgence",
        response: { 200: LexiconExtensionS, ...errorResponses },
      },
    },
    async (request) => service.getLexicon(ctxOf(request)),
  );
  app.put(
    "/api/triage/lexicon",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Remplacer les ajouts de l'organisation au lexique d'urgence",
        body: LexiconExtensionS,
        response: { 200: LexiconExtensionS, ...errorResponses },
      },
    },
    async (request) => service.putLexicon(ctxOf(request), request.body),
  );
  app.get(
    "/api/request-settings",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Délais par priorité, file par défaut, conservation",
        response: { 200: SettingsView, ...errorResponses },
      },
    },
    async (request) => service.getSettings(ctxOf(request)),
  );
  app.put(
    "/api/request-settings",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Régler délais, file par défaut et durée de conservation",
        body: SettingsBody,
        response: { 200: SettingsView, ...errorResponses },
      },
    },
    async (request) => service.putSettings(ctxOf(request), request.body),
  );
}
