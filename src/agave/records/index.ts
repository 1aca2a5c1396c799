/**
 * Every operation of Agave's profiles, systems, apps, files, jobs, metadata, notifications and actors
 * services, as records, by the names AgavePy gives them.
 *
 * @since 0.1.0
 */
import { ActorRecords } from "./Actors.js"
import { AppRecords } from "./Apps.js"
import { FileRecords } from "./Files.js"
import { JobRecords } from "./Jobs.js"
import { MetaRecords } from "./Meta.js"
import { NotificationRecords } from "./Notifications.js"
import { ProfileRecords } from "./Profiles.js"
import { SystemRecords } from "./Systems.js"

export {
  /**
   * Records beside AgavePy's (typed searches by type).
   *
   * @since 0.1.0
   */
  ActorExtraRecords,
  /**
   * Every operation of the actors service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  ActorRecords
} from "./Actors.js"
export {
  /**
   * Every operation of apps service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  AppRecords
} from "./Apps.js"
/**
 * The form and upload bodies, checked before sending.
 *
 * @since 0.1.0
 */
export * as AgaveBodies from "./Bodies.js"
export {
  /**
   * Every operation of files service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  FileRecords
} from "./Files.js"
export {
  /**
   * Records beside AgavePy's (the root of a job's outputs).
   *
   * @since 0.1.0
   */
  JobExtraRecords,
  /**
   * Every operation of the jobs service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  JobRecords
} from "./Jobs.js"
export {
  /**
   * The records of metadata documents whose value has a given type.
   *
   * @since 0.1.0
   */
  type DocumentRecords,
  /**
   * The records of metadata documents for a value schema.
   *
   * @since 0.1.0
   */
  documentRecords,
  /**
   * How the metadata service words the errors the platform's rules cannot read.
   *
   * @since 0.1.0
   */
  metaErrors,
  /**
   * Every operation of the metadata service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  MetaRecords,
  /**
   * The records of metadata schemas and permissions.
   *
   * @since 0.1.0
   */
  SchemaAndPermissionRecords
} from "./Meta.js"
export {
  /**
   * How the notifications service words the errors the platform's rules cannot read.
   *
   * @since 0.1.0
   */
  notificationErrors,
  /**
   * Every operation of the notifications service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  NotificationRecords
} from "./Notifications.js"
export {
  /**
   * Every operation of profiles service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  ProfileRecords
} from "./Profiles.js"
export {
  /**
   * Every operation of systems service, by AgavePy's name.
   *
   * @since 0.1.0
   */
  SystemRecords
} from "./Systems.js"

/**
 * The tables, by AgavePy's module names.
 *
 * @since 0.1.0
 * @category records
 */
export const AgaveRecords = {
  profiles: ProfileRecords,
  systems: SystemRecords,
  apps: AppRecords,
  files: FileRecords,
  jobs: JobRecords,
  meta: MetaRecords,
  notifications: NotificationRecords,
  actors: ActorRecords
} as const
