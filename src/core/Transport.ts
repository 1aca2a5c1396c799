/**
 * Reading transport failures.
 *
 * @since 0.1.0
 */

/**
 * Whether a transport failure means the connection was refused, i.e. the request never reached a
 * server, so that even a non-idempotent request may be sent again. Looks through `cause` chains
 * and `AggregateError`s (fetch wraps the socket error; happy-eyeballs connects yield aggregates).
 *
 * @since 0.1.0
 */
export const isConnectionRefused = (error: unknown): boolean => {
  const seen = new Set<unknown>()
  const stack: Array<unknown> = [error]
  while (stack.length > 0 && seen.size < 32) {
    const current = stack.pop()
    if (typeof current !== "object" || current === null || seen.has(current)) continue
    seen.add(current)
    if ((current as { code?: unknown }).code === "ECONNREFUSED") return true
    stack.push((current as { cause?: unknown }).cause)
    const errors = (current as { errors?: unknown }).errors
    if (Array.isArray(errors)) stack.push(...errors)
  }
  return false
}
