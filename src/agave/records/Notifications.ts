/**
 * The notifications service (`/notifications/v2`), as records: the five operations of AgavePy's
 * `notifications`.
 *
 * @since 0.1.0
 */
import type { Classifier } from "../../core/Classify.js"
import * as Endpoint from "../../core/Endpoint.js"
import * as Envelope from "../../core/Envelope.js"
import * as Query from "../../core/Query.js"
import { Notification, NotificationRequest } from "../schemas/Notification.js"
import { changing, docs, listing, listingErrors, page, reading } from "./Common.js"

const managing = docs("notifications/notification-managing")
const policies = docs("notifications/notification-policy")
const notifications = listing(Notification, { key: (item) => item.id })

const deleted = /^Notification (\S{1,512}) has been deleted\.?$/

/**
 * How the notifications service words two errors the platform's rules cannot read: a notification
 * that has already fired cannot be changed (412 Precondition Failed: `Conflict`, the resource's state
 * forbids it), and a deleted one is answered 404 "Notification X has been deleted." (`NotFound` naming
 * it).
 *
 * @since 0.1.0
 * @category errors
 */
export const notificationErrors: Classifier = (response) => {
  const opened = Envelope.agave.open(response.json)
  if (opened._tag !== "Failure") return undefined
  if (response.status === 412) return { tag: "Conflict", message: opened.message }
  const gone = deleted.exec(opened.message.trim())
  if (response.status === 404 && gone !== null) {
    return { tag: "NotFound", message: opened.message, resource: "notification", id: gone[1] }
  }
  return undefined
}

/**
 * Every operation of the notifications service, by AgavePy's name.
 *
 * @since 0.1.0
 * @category records
 */
export const NotificationRecords = {
  /** Subscribes a URL (a webhook, `${…}` templates filled in) or an email address to an event of a
   *  resource, with an optional retry policy. */
  add: Endpoint.make({
    name: "agave.Notifications.add",
    method: "POST",
    path: "/notifications/v2/",
    body: NotificationRequest,
    success: Notification,
    errors: ["Unauthorized", "Forbidden"],
    classifier: notificationErrors,
    resultAttributes: (created) => ({ "agave.uuid": created.id }),
    docs: policies
  }),
  /** The caller's notifications, or those of one resource (`associatedUuid`). */
  list: Endpoint.make({
    name: "agave.Notifications.list",
    method: "GET",
    path: "/notifications/v2/",
    query: { associatedUuid: Query.string, ...page },
    success: notifications.success,
    paging: notifications.paging,
    errors: listingErrors,
    classifier: notificationErrors,
    docs: managing
  }),
  /** A notification, with its delivery record (`attempts`, `lastSent`, `responseCode`). */
  get: Endpoint.make({
    name: "agave.Notifications.get",
    method: "GET",
    path: "/notifications/v2/{uuid}",
    success: Notification,
    errors: reading,
    classifier: notificationErrors,
    docs: managing
  }),
  /** Replaces a notification's URL, event, resource, persistence and policy (`Conflict` once a
   *  transient one has fired). */
  update: Endpoint.make({
    name: "agave.Notifications.update",
    method: "POST",
    path: "/notifications/v2/{uuid}",
    body: NotificationRequest,
    success: Notification,
    errors: changing,
    idempotent: true,
    classifier: notificationErrors,
    docs: managing
  }),
  /** Unsubscribes. */
  delete: Endpoint.make({
    name: "agave.Notifications.delete",
    method: "DELETE",
    path: "/notifications/v2/{uuid}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    classifier: notificationErrors,
    docs: managing
  })
}
