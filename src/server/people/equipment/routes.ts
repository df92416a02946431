import { ALL_ROLES, MANAGERS, PLAN_EDITORS } from "../../http/access.js";
import { errorResponses, IdParams, Page } from "../../http/schemas.js";
import type { App } from "../../http/types.js";
import { ctxOf } from "../../shared/request.js";
import { EquipmentCreate, EquipmentQuery, EquipmentView, LendBody, LoanView, ReturnBody } from "./schema.js";
import * as service from "./service.js";

const tags = ["people"];
const READERS = ["admin", "pca_manager", "crisis_cell", "service_manager"] as const;

export default async function equipmentRoutes(app: App) {
  app.get(
    "/api/equipment",
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: "Lister le matériel et les licences",
        querystring: EquipmentQuery,
        response: { 200: Page(EquipmentView), ...errorResponses },
      },
    },
    async (request) => service.listEquipment(ctxOf(request), request.query),
  );
  app.get(
    "/api/equipment/:id",
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: "Un matériel",
        params: IdParams,
        response: { 200: EquipmentView, ...errorResponses },
      },
    },
    async (request) => service.getEquipment(ctxOf(request), request.params.id),
  );
  app.post(
    "/api/equipment",
    {
      config: { access: PLAN_EDITORS },
      schema: {
        tags,
        summary: "Enregistrer un matériel ou une licence",
        body: EquipmentCreate,
        response: { 201: EquipmentView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createEquipment(ctxOf(request), request.body)),
  );
  app.post(
    "/api/equipment/:id/lend",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Prêter un matériel à un agent",
        params: IdParams,
        body: LendBody,
        response: { 200: EquipmentView, ...errorResponses },
      },
    },
    async (request) => service.lend(ctxOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/equipment/:id/return",
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: "Enregistrer le retour d'un matériel",
        params: IdParams,
        body: ReturnBody,
        response: { 200: EquipmentView, ...errorResponses },
      },
    },
    async (request) => service.giveBack(ctxOf(request), request.params.id, request.body),
  );
  app.get(
    "/api/agents/:id/equipment",
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "Matériel prêté à un agent (en cours et rendu)",
        params: IdParams,
        response: { 200: Page(LoanView), ...errorResponses },
      },
    },
    async (request) => service.agentEquipment(ctxOf(request), request.params.id),
  );
}
