/**
 * The models of Agave's profiles, systems, apps, files and jobs.
 *
 * @since 0.1.0
 */
export * from "./App.js"
export * as Common from "./Common.js"
export { Acl, Permission, PermissionLevel, PermissionRequest } from "./Common.js"
export * from "./File.js"
export * from "./Job.js"
export * from "./Profile.js"
export * from "./System.js"
