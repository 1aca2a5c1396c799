/**
 * The Abaco test server's records in their stored form — Abaco's snake_case fields, with their
 * hypermedia links — before the server's case is applied (see `ActorRows.inCase`).
 *
 * @since 0.1.0
 */
import type { ActorRow, ExecutionRow, NonceRow } from "./ActorRows.js"
import { displayTime, executionStatus } from "./ActorRows.js"
import { iso, refuse } from "./Outcome.js"

/**
 * An actor.
 *
 * @since 0.1.0
 * @category views
 */
export const actor = (row: ActorRow, baseUrl: string): Record<string, unknown> => ({
  id: row.id,
  owner: row.owner,
  status: "READY",
  status_message: "",
  ...row.definition,
  state: row.state,
  create_time: iso(row.created),
  last_update_time: iso(row.updated),
  mounts: [],
  revision: row.revision,
  _links: {
    self: `${baseUrl}/actors/v2/${row.id}`,
    owner: `${baseUrl}/profiles/v2/${row.owner}`,
    executions: `${baseUrl}/actors/v2/${row.id}/executions`
  }
})

/**
 * A worker of an actor at `now`: BUSY while one of its executions runs.
 *
 * @since 0.1.0
 * @category views
 */
export const worker = (row: ActorRow, workerId: string, now: number, tenant: string): Record<string, unknown> => {
  const found = row.workers.get(workerId) ?? refuse(404, "Worker not found.")
  const ran = [...row.executions.values()].filter((e) => e.workerId === workerId && !e.purged && e.startAt <= now)
  const busy = ran.some((e) => now < e.finishAt)
  const last = ran.reduce<number | undefined>(
    (at, e) => (at === undefined || e.startAt > at ? e.startAt : at),
    undefined
  )
  return {
    id: found.id,
    status: busy ? "BUSY" : "READY",
    image: row.definition["image"],
    tenant,
    ch_name: `worker_${found.id}`,
    cid: `c${found.id.toLowerCase()}`,
    location: "unix://var/run/docker.sock",
    host_id: "0",
    host_ip: "127.0.0.1",
    create_time: iso(found.created),
    last_execution_time: displayTime(last),
    last_health_check_time: iso(now)
  }
}

/**
 * A nonce of an actor.
 *
 * @since 0.1.0
 * @category views
 */
export const nonce = (row: ActorRow, nonce: NonceRow, baseUrl: string): Record<string, unknown> => ({
  id: nonce.id,
  actor_id: row.id,
  alias: null,
  owner: nonce.owner,
  level: nonce.level,
  description: nonce.description,
  max_uses: nonce.maxUses,
  remaining_uses: nonce.remainingUses,
  current_uses: nonce.currentUses,
  create_time: iso(nonce.created),
  last_use_time: displayTime(nonce.lastUse),
  roles: ["Internal/everyone"],
  api_server: baseUrl,
  _links: {
    self: `${baseUrl}/actors/v2/${row.id}/nonces/${nonce.id}`,
    owner: `${baseUrl}/profiles/v2/${nonce.owner}`,
    actor: `${baseUrl}/actors/v2/${row.id}`
  }
})

/**
 * An alias.
 *
 * @since 0.1.0
 * @category views
 */
export const alias = (
  name: string,
  row: { readonly actorId: string; readonly owner: string },
  baseUrl: string
): Record<string, unknown> => ({
  alias: name,
  actor_id: row.actorId,
  owner: row.owner,
  _links: {
    self: `${baseUrl}/actors/v2/aliases/${name}`,
    owner: `${baseUrl}/profiles/v2/${row.owner}`,
    actor: `${baseUrl}/actors/v2/${row.actorId}`
  }
})

/**
 * An execution at `now`: its times, and its figures once it ended.
 *
 * @since 0.1.0
 * @category views
 */
export const execution = (row: ExecutionRow, now: number, baseUrl: string): Record<string, unknown> => {
  const status = executionStatus(row, now)
  const done = status !== "SUBMITTED" && status !== "RUNNING"
  const started = status !== "SUBMITTED"
  const runtime = done ? row.finishAt - row.startAt : 0
  return {
    id: row.id,
    actor_id: row.actorId,
    executor: row.executor,
    worker_id: started ? row.workerId : null,
    status,
    message_received_time: iso(row.received),
    start_time: started ? iso(row.startAt) : null,
    finish_time: done ? iso(row.finishAt) : null,
    runtime,
    cpu: done ? runtime * 10 : 0,
    io: done ? row.size : 0,
    exit_code: done ? row.output.exitCode ?? 0 : null,
    api_server: baseUrl,
    _links: {
      self: `${baseUrl}/actors/v2/${row.actorId}/executions/${row.id}`,
      owner: `${baseUrl}/profiles/v2/${row.executor}`,
      logs: `${baseUrl}/actors/v2/${row.actorId}/executions/${row.id}/logs`
    }
  }
}
