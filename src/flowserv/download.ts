/**
 * The one shape every flowserv download has: a GET that needs no token, streamed, in its own span.
 *
 * @since 0.1.0
 */
import * as Stream from "effect/Stream"
import type { ApiClient } from "../core/ApiClient.js"
import type { InfraError, InvalidRequest, NotFound } from "../core/Errors.js"

/**
 * The errors of every download.
 *
 * @since 0.1.0
 */
export type DownloadError = NotFound | InvalidRequest | InfraError

/**
 * Streams the file at `path`, traced as `span` with `attributes`.
 *
 * @since 0.1.0
 */
export const download = (
  api: ApiClient,
  span: string,
  path: ReadonlyArray<string>,
  attributes: Readonly<Record<string, string>>
): Stream.Stream<Uint8Array, DownloadError> =>
  api.stream({ method: "GET", path, errors: ["NotFound", "InvalidRequest"] }).pipe(
    Stream.withSpan(span, { attributes })
  )
