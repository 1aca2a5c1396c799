/**
 * What every flowserv download (a GET that needs no token, streamed) can fail with.
 *
 * @since 0.1.0
 */
import type { InfraError, InvalidRequest, NotFound } from "../core/Errors.js"

/**
 * The errors of every download.
 *
 * @since 0.1.0
 */
export type DownloadError = NotFound | InvalidRequest | InfraError
