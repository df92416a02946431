import { Type } from "@sinclair/typebox";
import { errorResponses, IdParams } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { CRISIS_DECIDERS, CRISIS_READERS } from "../access.js";
import {
  ActivationCreate,
  ActivationList,
  ActivationView,
  CurrentView,
  Deactivation,
  ModesChange,
} from "./schema.js";
import * as service from "./service.js";

const tags = ["crisis"];

export default async function activationRoutes(app: App) {
  app.get(
    "/api/crisis/current",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "La crise active et les modes des activités",
        response: { 200: CurrentView, ...errorResponses },
      },
    },
    async (request) => service.getCurrent(ctxOf(request)),
  );
  app.get(
    "/api/crisis/activations",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Historique des activations (avec retours d'expérience)",
        response: { 200: ActivationList, ...errorResponses },
      },
    },
    async (request) => service.listActivations(ctxOf(request)),
  );
  app.get(
    "/api/crisis/activations/:id",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Une activation",
        params: IdParams,
        response: { 200: ActivationView, ...errorResponses },
      },
    },
    async (request) => service.getActivation(ctxOf(request), request.params.id),
  );
  app.get(
    "/api/crisis/activations/:id/mode-changes",
    {
      config: { access: CRISIS_READERS },
      schema: {
        tags,
        summary: "Historique des modes des activités",
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                activityId: Type.String(),
                activityName: Type.String(),
                mode: Type.String(),
                previousMode: Type.Union([Type.String(), Type.Null()]),
                at: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.modeHistory(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/crisis/activations",
    {
      config: { access: CRISIS_DECIDERS },
      schema: {
        tags,
        summary: "Activer le PCA pour un scénario",
        body: ActivationCreate,
        response: { 201: ActivationView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await service.activate(ctxOf(request), request.body)),
  );
  app.post(
    "/api/crisis/activations/:id/modes",
    {
      config: { access: CRISIS_DECIDERS },
      schema: {
        tags,
        summary: "Changer le mode d'activités pendant la crise",
        params: IdParams,
        body: ModesChange,
        response: { 200: ActivationView, ...errorResponses },
      },
    },
    async (request) => service.changeModes(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/crisis/activations/:id/deactivate",
    {
      config: { access: CRISIS_DECIDERS },
      schema: {
        tags,
        summary: "Désactiver le PCA avec le retour d'expérience",
        params: IdParams,
        body: Deactivation,
        response: { 200: ActivationView, ...errorResponses },
      },
    },
    async (request) => service.deactivate(ctxOf(request), request.params.id, request.body),
  );
}
