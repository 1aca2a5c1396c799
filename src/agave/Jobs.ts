/**
 * The jobs service: submit, follow (`watch`, `await`, `awaitSuccess`), manage, share, and read a job's
 * outputs.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { serviceLayers } from "../core/ServiceLayers.js"
import { AgaveConnection } from "./AgaveConnection.js"
import { calls } from "./AgaveService.js"
import type { PollOptions } from "./JobWaiting.js"
import * as JobWaiting from "./JobWaiting.js"
import { JobExtraRecords, JobRecords } from "./records/Jobs.js"

const make = Effect.gen(function*() {
  const connection = yield* AgaveConnection
  const jobs = calls(connection, JobRecords)
  const root = calls(connection, JobExtraRecords)
  const getStatus = (jobId: string) => jobs.getStatus({ jobId })
  return {
    ...jobs,
    /** The entries of the top directory of a job's outputs (`listOutputs` names one below it). */
    listOutputsRoot: root.listOutputsRoot,
    /** One page of the top directory of a job's outputs, as sent (`.` included). */
    listOutputsRootPage: root.listOutputsRootPage,
    /** The job's status each time it changes, until a terminal one. */
    watch: (jobId: string, options?: PollOptions) => JobWaiting.watch(jobId, getStatus, options),
    /** Polls the job until its status is terminal, and returns it (FAILED and STOPPED included). */
    await: (jobId: string, options?: PollOptions) => JobWaiting.await_(jobId, getStatus, options),
    /** Like `await`, failing with `JobFailed` unless the job FINISHED. */
    awaitSuccess: (jobId: string, options?: PollOptions) => JobWaiting.awaitSuccess(jobId, getStatus, options)
  }
})

/**
 * The jobs service: every operation of AgavePy's `jobs` (`list`, `getHistory`, `listPermissions`,
 * `listOutputs` as streams, with `…Page` for one page; `downloadOutput` streams the bytes), and
 * `watch`, `await`, `awaitSuccess`.
 *
 * @since 0.1.0
 * @category services
 */
export class AgaveJobs extends Context.Tag("effect-research-sdk/agave/AgaveJobs")<
  AgaveJobs,
  Effect.Effect.Success<typeof make>
>() {
  static readonly #layers = serviceLayers(AgaveJobs, make, AgaveConnection)
  /**
   * On the connection in context.
   *
   * @since 0.1.0
   */
  static readonly Default = AgaveJobs.#layers.Default
  /**
   * With its own connection.
   *
   * @since 0.1.0
   */
  static readonly layer = AgaveJobs.#layers.layer
  /**
   * Configured from AgavePy's environment variables.
   *
   * @since 0.1.0
   */
  static readonly layerConfig = AgaveJobs.#layers.layerConfig
}
