/**
 * The profiles service (`/profiles/v2`), as records: the six operations of AgavePy's `profiles`.
 *
 * @since 0.1.0
 */
import * as Endpoint from "../../core/Endpoint.js"
import * as Query from "../../core/Query.js"
import { Profile } from "../schemas/Profile.js"
import { formBody } from "./Bodies.js"
import { byUsername, changing, creating, docs, listing, listingErrors, page, reading, search } from "./Common.js"

const guide = docs("profiles/introduction")
const profiles = listing(Profile, { key: byUsername })

/**
 * Every operation of the profiles service, by AgavePy's name.
 *
 * @since 0.1.0
 * @category records
 */
export const ProfileRecords = {
  /** The tenant's users, found by any of the listed fields. */
  list: Endpoint.make({
    name: "agave.Profiles.list",
    method: "GET",
    path: "/profiles/v2",
    query: {
      ...page,
      name: Query.string,
      email: Query.string,
      first_name: Query.string,
      last_name: Query.string,
      full_name: Query.string,
      status: Query.string,
      username: Query.string,
      search: search<Profile>()
    },
    success: profiles.success,
    paging: profiles.paging,
    errors: listingErrors,
    docs: guide
  }),
  /** A new user (a tenant's user-account managers only); `username`, `password` and `email` required. */
  create: Endpoint.make({
    name: "agave.Profiles.create",
    method: "POST",
    path: "/profiles/v2",
    body: formBody,
    success: Profile,
    errors: creating,
    docs: guide,
    secrets: (input) => input.body.secrets
  }),
  /** The caller's own profile. */
  get: Endpoint.make({
    name: "agave.Profiles.get",
    method: "GET",
    path: "/profiles/v2/me",
    success: Profile,
    errors: ["Unauthorized"],
    docs: guide
  }),
  /** A user's profile. */
  listByUsername: Endpoint.make({
    name: "agave.Profiles.listByUsername",
    method: "GET",
    path: "/profiles/v2/{username}",
    success: Profile,
    errors: reading,
    docs: guide
  }),
  /** Changes the given fields of a user's profile. */
  update: Endpoint.make({
    name: "agave.Profiles.update",
    method: "PUT",
    path: "/profiles/v2/{username}",
    body: formBody,
    success: Profile,
    errors: changing,
    docs: guide,
    secrets: (input) => input.body.secrets
  }),
  /** Deletes a user; the server answers an empty result. */
  delete: Endpoint.make({
    name: "agave.Profiles.delete",
    method: "DELETE",
    path: "/profiles/v2/{username}",
    success: Endpoint.noContent,
    errors: reading,
    idempotentDelete: true,
    docs: guide
  })
}
