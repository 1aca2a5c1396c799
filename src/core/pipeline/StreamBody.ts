/**
 * A download's success: the body handed over as a stream, bounded by the download limits once the
 * attempt's own timeout has ended at the headers.
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { AttemptContext } from "../Attempt.js"
import * as Attempt from "../Attempt.js"
import * as DownloadLimits from "../DownloadLimits.js"
import type { InfraError } from "../Errors.js"
import { RequestTimeout } from "../Errors.js"
import { sanitize } from "../Sanitize.js"
import type { OnSuccess } from "./ReadBody.js"

/**
 * The limits a download's body is held to, as configured (or overridden for a region).
 *
 * @since 0.1.0
 * @category models
 */
export interface Download {
  readonly deadline: Duration.DurationInput | undefined
  readonly rate: DownloadLimits.DownloadRate | undefined
}

/**
 * Hands a successful response's body over as a stream: a body that breaks off fails it with
 * `TransportError`, one that breaks a limit with `RequestTimeout`, both scrubbed.
 *
 * @since 0.1.0
 * @category reading
 */
export const streamSuccess =
  (download: Download): OnSuccess<Stream.Stream<Uint8Array, InfraError>> => (response, _http, context, attempts) =>
    Effect.succeed(
      // The attempt's timeout ends with the headers; the body is bounded by the download limits.
      DownloadLimits.guard(
        Stream.mapError(
          response.stream,
          (error): InfraError =>
            sanitize(Attempt.fromTransport(context, error).build(attempts) as InfraError, context.secrets)
        ),
        DownloadLimits.limits(context.timeoutMillis, download.deadline, download.rate),
        (violation) => sanitize(bodyTimeout(context, attempts, violation), context.secrets)
      )
    )

// A download body that broke one of its limits.
const bodyTimeout = (
  context: AttemptContext,
  attempts: number,
  violation: DownloadLimits.Violation
): RequestTimeout =>
  new RequestTimeout({
    method: context.method,
    url: context.url,
    message: DownloadLimits.describe(violation),
    attempts,
    timeoutMillis: violation.millis
  })
