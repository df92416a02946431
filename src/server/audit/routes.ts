import { Type } from "@sinclair/typebox";
import { Pagination } from "../http/schemas.js";
import type { App } from "../http/types.js";
import { listAudit } from "./repository.js";

export default async function auditRoutes(app: App) {
  app.get(
    "/api/audit",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["audit"],
        summary: "Journal d'audit (administrateurs)",
        querystring: Type.Object(
          {
            entity: Type.Optional(Type.String({ maxLength: 50 })),
            action: Type.Optional(Type.String({ maxLength: 50 })),
            userId: Type.Optional(Type.String({ format: "uuid" })),
            from: Type.Optional(Type.String({ format: "date-time" })),
            to: Type.Optional(Type.String({ format: "date-time" })),
            ...Pagination,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const user = request.user!;
      const q = request.query;
      return listAudit(app.deps.database.db, {
        orgId: user.orgId,
        entity: q.entity,
        action: q.action,
        userId: q.userId,
        from: q.from,
        to: q.to,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
    },
  );
}
