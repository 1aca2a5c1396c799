/**
 * The abort signal of one undici request. undici takes any object with `addEventListener` as a
 * request's signal and listens to it once; an `AbortController` costs several microseconds a request
 * more (an `EventTarget`, a transferable `AbortSignal`), a tenth of what the SDK's transport adds to
 * raw undici. This is the part of one that undici uses, and the transport needs: abort once, with a
 * reason, and tell the listeners.
 *
 * @since 0.1.0
 */

/**
 * What listens for the abort.
 *
 * @since 0.1.0
 * @category models
 */
export type Listener = () => void

/**
 * A one-shot abort signal for undici's `request`: `aborted`, `reason`, and the listener undici adds.
 *
 * @since 0.1.0
 * @category models
 * @example
 * ```ts
 * import { RequestSignal } from "effect-research-sdk/undici/RequestSignal"
 * const signal = new RequestSignal()
 * let heard = 0
 * signal.addEventListener("abort", () => heard++)
 * signal.abort(new Error("deadline"))
 * signal.abort(new Error("again"))
 * assert.deepStrictEqual([signal.aborted, heard, (signal.reason as Error).message], [true, 1, "deadline"])
 * ```
 */
export class RequestSignal {
  /**
   * Whether {@link abort} has been called.
   *
   * @since 0.1.0
   */
  aborted = false
  /**
   * What the first {@link abort} was given.
   *
   * @since 0.1.0
   */
  reason: unknown = undefined
  // undici adds one listener a request; a list only if anyone adds more.
  private listener: Listener | undefined = undefined
  private more: Array<Listener> | undefined = undefined

  /**
   * Calls `listener` once, when the signal aborts. Only "abort" is ever dispatched.
   *
   * @since 0.1.0
   */
  addEventListener(type: string, listener: Listener): void {
    if (type !== "abort" || this.aborted) return
    if (this.listener === undefined) this.listener = listener
    else (this.more ??= []).push(listener)
  }

  /**
   * Forgets `listener`.
   *
   * @since 0.1.0
   */
  removeEventListener(type: string, listener: Listener): void {
    if (type !== "abort") return
    if (this.listener === listener) this.listener = undefined
    else if (this.more !== undefined) this.more = this.more.filter((other) => other !== listener)
  }

  /**
   * Aborts, once: later calls do nothing. Every listener is called once, in the order added, even if
   * one throws; the first error thrown is returned (not thrown: an abort from a timer has nowhere to
   * throw to), for a caller that can report it.
   *
   * @since 0.1.0
   */
  abort(reason?: unknown): { readonly error: unknown } | undefined {
    if (this.aborted) return undefined
    this.aborted = true
    this.reason = reason
    const first = this.listener
    const more = this.more
    this.listener = undefined
    this.more = undefined
    let failure: { readonly error: unknown } | undefined
    for (const listener of more === undefined ? [first] : [first, ...more]) {
      try {
        listener?.()
      } catch (error) {
        failure ??= { error }
      }
    }
    return failure
  }
}
