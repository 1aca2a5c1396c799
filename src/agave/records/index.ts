/**
 * Every operation of Agave's profiles, systems, apps, files and jobs services, as records, by the
 * names AgavePy gives them.
 *
 * @since 0.1.0
 */
import { AppRecords } from "./Apps.js"
import { FileRecords } from "./Files.js"
import { JobRecords } from "./Jobs.js"
import { ProfileRecords } from "./Profiles.js"
import { SystemRecords } from "./Systems.js"

export { AppRecords } from "./Apps.js"
export * as AgaveBodies from "./Bodies.js"
export { FileRecords } from "./Files.js"
export { JobExtraRecords, JobRecords } from "./Jobs.js"
export { ProfileRecords } from "./Profiles.js"
export { SystemRecords } from "./Systems.js"

/**
 * The five tables, by AgavePy's module names.
 *
 * @since 0.1.0
 * @category records
 */
export const AgaveRecords = {
  profiles: ProfileRecords,
  systems: SystemRecords,
  apps: AppRecords,
  files: FileRecords,
  jobs: JobRecords
} as const
