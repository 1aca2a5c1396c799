/**
 * The models of Agave's profiles, systems, apps, files, jobs, metadata and notifications.
 *
 * @since 0.1.0
 */
/**
 * Actors (Abaco).
 *
 * @since 0.1.0
 */
export * from "./Actor.js"
/**
 * Apps.
 *
 * @since 0.1.0
 */
export * from "./App.js"
/**
 * Models written in camelCase or snake_case.
 *
 * @since 0.1.0
 */
export * as Cases from "./Cases.js"
/**
 * The building blocks of the models.
 *
 * @since 0.1.0
 */
export * as Common from "./Common.js"
export {
  /**
   * Read, write and execute flags.
   *
   * @since 0.1.0
   */
  Acl,
  /**
   * One user's permission on an app or a job.
   *
   * @since 0.1.0
   */
  Permission,
  /**
   * The permission levels a request may grant.
   *
   * @since 0.1.0
   */
  PermissionLevel,
  /**
   * A request to grant a permission.
   *
   * @since 0.1.0
   */
  PermissionRequest
} from "./Common.js"
/**
 * Files.
 *
 * @since 0.1.0
 */
export * from "./File.js"
/**
 * Jobs.
 *
 * @since 0.1.0
 */
export * from "./Job.js"
/**
 * Metadata documents, schemas and permissions.
 *
 * @since 0.1.0
 */
export * from "./Meta.js"
/**
 * Notifications.
 *
 * @since 0.1.0
 */
export * from "./Notification.js"
/**
 * Profiles.
 *
 * @since 0.1.0
 */
export * from "./Profile.js"
/**
 * Systems.
 *
 * @since 0.1.0
 */
export * from "./System.js"
