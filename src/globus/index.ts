/**
 * Globus Groups (https://docs.globus.org/api/groups/): schemas of every model of the service, the
 * batch membership actions builder, and the classifier of the service's error bodies.
 *
 * @since 0.1.0
 */
export * from "./schemas/index.js"
