/**
 * The metadata service's routes on the Agave test server, matched with the records' own templates.
 *
 * @since 0.1.0
 */
import { MetaRecords } from "../../agave/records/Meta.js"
import type * as Router from "../http/Router.js"
import type { Meta } from "./Meta.js"
import type { RouteKit } from "./routes.js"

/**
 * The 25 routes of `/meta/v2`, answered from `meta`.
 *
 * @since 0.1.0
 * @category routes
 */
export const metaRoutes = (meta: Meta, { on, readJson, run }: RouteKit): ReadonlyArray<Router.Route> => {
  const r = MetaRecords
  const q = (url: URL) => url.searchParams
  return [
    on(r.bulkCreate, async (user, _, request, url) => run(meta.bulkCreate(user, await readJson(request)), url)),
    on(r.bulkUpdate, async (user, _, request, url) => run(meta.bulkUpdate(user, await readJson(request)), url)),
    on(r.bulkDelete, async (user, _, request, url) => run(meta.bulkDelete(user, await readJson(request)), url)),
    on(r.listMetadata, (user, _, __, url) => run(meta.list(user, q(url)), url)),
    on(r.addMetadata, async (user, _, request, url) => run(meta.add(user, await readJson(request)), url)),
    on(r.getMetadata, (user, p, _, url) => run(meta.get(user, p["uuid"]!), url)),
    on(
      r.updateMetadata,
      async (user, p, request, url) => run(meta.update(user, p["uuid"]!, await readJson(request)), url)
    ),
    on(r.deleteMetadata, (user, p, _, url) => run(meta.delete(user, p["uuid"]!), url)),
    on(r.searchSchema, (user, _, __, url) => run(meta.searchSchemas(user, q(url)), url)),
    on(r.addSchema, async (user, _, request, url) => run(meta.addSchema(user, await readJson(request)), url)),
    on(r.getSchema, (user, p, _, url) => run(meta.getSchema(user, p["uuid"]!), url)),
    on(
      r.updateSchema,
      async (user, p, request, url) => run(meta.updateSchema(user, p["uuid"]!, await readJson(request)), url)
    ),
    on(r.deleteSchema, (user, p, _, url) => run(meta.deleteSchema(user, p["uuid"]!), url)),
    ...(["data", "schemas"] as const).flatMap((kind) => {
      const records = kind === "data"
        ? {
          list: r.listMetadataPermissions,
          update: r.updateMetadataPermissions,
          delete: r.deleteMetadataPermission,
          listForUser: r.listMetadataPermissionsForUser,
          updateForUser: r.updateMetadataPermissionsForUser,
          deleteForUser: r.deleteMetadataPermissionsForUser
        }
        : {
          list: r.listSchemaPermissions,
          update: r.updateSchemaPermissions,
          delete: r.deleteSchemaPermissions,
          listForUser: r.listSchemaPermissionsForUser,
          updateForUser: r.updateSchemaPermissionsForUser,
          deleteForUser: r.deleteSchemaPermissionsForUser
        }
      return [
        on(records.list, (user, p, _, url) => run(meta.listPermissions(kind, user, p["uuid"]!, q(url)), url)),
        on(
          records.update,
          async (user, p, request, url) =>
            run(meta.updatePermission(kind, user, p["uuid"]!, undefined, await readJson(request)), url)
        ),
        on(records.delete, (user, p, _, url) => run(meta.deletePermissions(kind, user, p["uuid"]!), url)),
        on(
          records.listForUser,
          (user, p, _, url) => run(meta.getPermission(kind, user, p["uuid"]!, p["username"]!), url)
        ),
        on(
          records.updateForUser,
          async (user, p, request, url) =>
            run(meta.updatePermission(kind, user, p["uuid"]!, p["username"]!, await readJson(request)), url)
        ),
        on(
          records.deleteForUser,
          (user, p, _, url) => run(meta.deletePermissions(kind, user, p["uuid"]!, p["username"]!), url)
        )
      ]
    })
  ]
}
