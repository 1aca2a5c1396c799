/**
 * The identities and tokens a Globus test server starts with.
 *
 * @since 0.1.0
 */
import { GlobusScopes } from "./globusModel.js"
import type { GlobusState } from "./GlobusState.js"

/**
 * The seeded identities, by name: `dave` has a second, linked identity (`daveLinked`) in his identity
 * set; `erin` does not allow being added to groups (her `allow_add` is false).
 *
 * @since 0.1.0
 * @category constants
 */
export const GlobusIdentities = {
  alice: "a11ce000-0000-4000-8000-000000000001",
  bob: "b0b00000-0000-4000-8000-000000000002",
  carol: "ca201000-0000-4000-8000-000000000003",
  dave: "da7e0000-0000-4000-8000-000000000004",
  daveLinked: "da7e0000-0000-4000-8000-000000000005",
  erin: "e2100000-0000-4000-8000-000000000006"
} as const

/**
 * The seeded tokens: one per person (`globus-<name>-token`, scope `all`), and `globus-viewer-token`,
 * alice with only the `view_my_groups_and_memberships` scope.
 *
 * @since 0.1.0
 * @category constants
 */
export const GlobusTokens = {
  alice: "globus-alice-token",
  bob: "globus-bob-token",
  carol: "globus-carol-token",
  dave: "globus-dave-token",
  erin: "globus-erin-token",
  viewer: "globus-viewer-token"
} as const

/**
 * Seeds the default identities and tokens.
 *
 * @since 0.1.0
 * @category seeding
 */
export const seedGlobusDefaults = (state: GlobusState): GlobusState => {
  state.addIdentity({ id: GlobusIdentities.alice, username: "alice@globusid.org" })
  state.addIdentity({ id: GlobusIdentities.bob, username: "bob@globusid.org" })
  state.addIdentity({ id: GlobusIdentities.carol, username: "carol@uchicago.edu" })
  state.addIdentity({ id: GlobusIdentities.dave, username: "dave@globusid.org" })
  state.addIdentity({ id: GlobusIdentities.daveLinked, username: "dave@uchicago.edu" })
  state.addIdentity({ id: GlobusIdentities.erin, username: "erin@globusid.org", allowAdd: false })
  state.addToken(GlobusTokens.alice, { identities: [GlobusIdentities.alice] })
  state.addToken(GlobusTokens.bob, { identities: [GlobusIdentities.bob] })
  state.addToken(GlobusTokens.carol, { identities: [GlobusIdentities.carol] })
  state.addToken(GlobusTokens.dave, { identities: [GlobusIdentities.dave, GlobusIdentities.daveLinked] })
  state.addToken(GlobusTokens.erin, { identities: [GlobusIdentities.erin] })
  state.addToken(GlobusTokens.viewer, {
    identities: [GlobusIdentities.alice],
    scopes: [GlobusScopes.viewMyGroupsAndMemberships]
  })
  return state
}
