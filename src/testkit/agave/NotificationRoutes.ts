/**
 * The notifications service's routes on the Agave test server, matched with the records' own
 * templates.
 *
 * @since 0.1.0
 */
import { NotificationRecords } from "../../agave/records/Notifications.js"
import type * as Router from "../http/Router.js"
import type { Notifications } from "./Notifications.js"
import type { RouteKit } from "./routes.js"

/**
 * The five routes of `/notifications/v2`, answered from `notifications`.
 *
 * @since 0.1.0
 * @category routes
 */
export const notificationRoutes = (
  notifications: Notifications,
  { on, readJson, run }: RouteKit
): ReadonlyArray<Router.Route> => {
  const r = NotificationRecords
  return [
    on(r.add, async (user, _, request, url) => run(notifications.add(user, await readJson(request)), url)),
    on(r.list, (user, _, __, url) => run(notifications.list(user, url.searchParams), url)),
    on(r.get, (user, p, _, url) => run(notifications.get(user, p["uuid"]!), url)),
    on(
      r.update,
      async (user, p, request, url) => run(notifications.update(user, p["uuid"]!, await readJson(request)), url)
    ),
    on(r.delete, (user, p, _, url) => run(notifications.delete(user, p["uuid"]!), url))
  ]
}
