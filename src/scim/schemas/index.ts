/**
 * @since 0.1.0
 */
export { Meta, Urn } from "./Common.js"
export * from "./Group.js"
export * from "./ListResponse.js"
export * from "./User.js"
