/**
 * Every operation of Globus Groups as an endpoint record (`globus.Groups.<method>`, named after
 * globus-sdk's `GroupsClient` methods): its path, query, body, success schema and the errors it can
 * end in. The services in `Groups` run them; a record is also usable alone with `Endpoint.call`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../core/Endpoint.js"
import * as Query from "../core/Query.js"
import { BatchRequest, BatchResponse } from "./schemas/Batch.js"
import { GroupInclude, Status } from "./schemas/Enums.js"
import { Group, GroupChildren, GroupCreateInput, GroupUpdateInput } from "./schemas/Group.js"
import { MembershipFieldsByIdentity } from "./schemas/Membership.js"
import { GroupPolicies, GroupPoliciesInput } from "./schemas/Policies.js"
import { PreferencesByIdentity, StatusCountsByGroup } from "./schemas/Preferences.js"
import { GroupSubscription, SubscriptionVerified, SubscriptionVerifiedInput } from "./schemas/Subscription.js"

const sdkDocs = "https://globus-sdk-python.readthedocs.io/en/stable/services/groups.html#globus_sdk.GroupsClient."
const apiDocs = "https://groups.api.globus.org/redoc#tag/groups/operation/"

const include = Query.commaList(Query.literal(...GroupInclude.literals))

// Every call needs a token (401) with the Groups scope (403).
const auth = ["Unauthorized", "Forbidden"] as const
// Calls on one group: it may not exist or not be visible to the caller (404).
const onGroup = [...auth, "NotFound", "InvalidRequest"] as const

/**
 * The Groups API's operations.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const GroupsEndpoints = {
  /** The caller's groups, with their memberships; `statuses` (comma-joined) filters them (`active`
   *  by default on the service). */
  getMyGroups: Endpoint.make({
    name: "globus.Groups.getMyGroups",
    method: "GET",
    path: "/v2/groups/my_groups",
    query: { statuses: Query.commaList(Query.literal(...Status.literals)) },
    success: Schema.Array(Group),
    errors: [...auth, "InvalidRequest"],
    docs: `${sdkDocs}get_my_groups`
  }),
  /** One group; `include` (comma-joined) adds memberships, the caller's memberships, policies,
   *  allowed actions or child ids. */
  getGroup: Endpoint.make({
    name: "globus.Groups.getGroup",
    method: "GET",
    path: "/v2/groups/{groupId}",
    query: { include },
    success: Group,
    errors: onGroup,
    docs: `${sdkDocs}get_group`
  }),
  /** Creates a group (the caller becomes its admin); the service answers 201 (globus-sdk's fixtures
   *  200: both are accepted). Never sent twice. */
  createGroup: Endpoint.make({
    name: "globus.Groups.createGroup",
    method: "POST",
    path: "/v2/groups",
    body: GroupCreateInput,
    success: Group,
    errors: [...auth, "NotFound", "InvalidRequest"],
    docs: `${sdkDocs}create_group`
  }),
  /** Changes a group's name, description or terms (admins). */
  updateGroup: Endpoint.make({
    name: "globus.Groups.updateGroup",
    method: "PUT",
    path: "/v2/groups/{groupId}",
    body: GroupUpdateInput,
    success: Group,
    errors: onGroup,
    docs: `${sdkDocs}update_group`
  }),
  /** Deletes a group (admins); the service answers 200 with the deleted group. */
  deleteGroup: Endpoint.make({
    name: "globus.Groups.deleteGroup",
    method: "DELETE",
    path: "/v2/groups/{groupId}",
    success: Group,
    errors: onGroup,
    docs: `${sdkDocs}delete_group`
  }),
  /** A group's policies. */
  getGroupPolicies: Endpoint.make({
    name: "globus.Groups.getGroupPolicies",
    method: "GET",
    path: "/v2/groups/{groupId}/policies",
    success: GroupPolicies,
    errors: onGroup,
    docs: `${sdkDocs}get_group_policies`
  }),
  /** Replaces a group's policies (admins). */
  setGroupPolicies: Endpoint.make({
    name: "globus.Groups.setGroupPolicies",
    method: "PUT",
    path: "/v2/groups/{groupId}/policies",
    body: GroupPoliciesInput,
    success: GroupPolicies,
    errors: onGroup,
    docs: `${sdkDocs}set_group_policies`
  }),
  /** The caller's identity preferences, by identity. */
  getIdentityPreferences: Endpoint.make({
    name: "globus.Groups.getIdentityPreferences",
    method: "GET",
    path: "/v2/preferences",
    success: PreferencesByIdentity,
    errors: auth,
    docs: `${sdkDocs}get_identity_preferences`
  }),
  /** Sets the caller's identity preferences (`allow_add` per identity of its set). */
  setIdentityPreferences: Endpoint.make({
    name: "globus.Groups.setIdentityPreferences",
    method: "PUT",
    path: "/v2/preferences",
    body: PreferencesByIdentity,
    success: PreferencesByIdentity,
    errors: [...auth, "InvalidRequest"],
    docs: `${sdkDocs}set_identity_preferences`
  }),
  /** The caller's membership fields in a group, by identity. */
  getMembershipFields: Endpoint.make({
    name: "globus.Groups.getMembershipFields",
    method: "GET",
    path: "/v2/groups/{groupId}/membership_fields",
    success: MembershipFieldsByIdentity,
    errors: onGroup,
    docs: `${sdkDocs}get_membership_fields`
  }),
  /** Sets the caller's membership fields in a group. */
  setMembershipFields: Endpoint.make({
    name: "globus.Groups.setMembershipFields",
    method: "PUT",
    path: "/v2/groups/{groupId}/membership_fields",
    body: MembershipFieldsByIdentity,
    success: MembershipFieldsByIdentity,
    errors: onGroup,
    docs: `${sdkDocs}set_membership_fields`
  }),
  /** Membership actions in one request (see `BatchActions`): a 200 with per-identity failures.
   *  Never sent twice (an action applied once may fail the second time). */
  batchMembershipAction: Endpoint.make({
    name: "globus.Groups.batchMembershipAction",
    method: "POST",
    path: "/v2/groups/{groupId}",
    body: BatchRequest,
    success: BatchResponse,
    errors: onGroup,
    docs: `${sdkDocs}batch_membership_action`
  }),
  /** The group that provides a subscription. */
  getGroupBySubscriptionId: Endpoint.make({
    name: "globus.Groups.getGroupBySubscriptionId",
    method: "GET",
    path: "/v2/subscription_info/{subscriptionId}",
    success: GroupSubscription,
    errors: [...auth, "NotFound", "InvalidRequest"],
    docs: `${sdkDocs}get_group_by_subscription_id`
  }),
  /** Marks a group as verified by a subscription's admin, or clears the mark with `null`. */
  setSubscriptionAdminVerified: Endpoint.make({
    name: "globus.Groups.setSubscriptionAdminVerified",
    method: "PUT",
    path: "/v2/groups/{groupId}/subscription_admin_verified",
    body: SubscriptionVerifiedInput,
    success: SubscriptionVerified,
    errors: onGroup,
    docs: `${sdkDocs}set_subscription_admin_verified`
  }),
  /** Counts of the caller's memberships by status, per group (not in globus-sdk). */
  getStatusCounts: Endpoint.make({
    name: "globus.Groups.getStatusCounts",
    method: "GET",
    path: "/v2/groups/statuses",
    success: StatusCountsByGroup,
    errors: auth,
    docs: `${apiDocs}get_statuses_v2_groups_statuses_get`
  }),
  /** A group's subgroups the caller may see (not in globus-sdk). */
  getChildren: Endpoint.make({
    name: "globus.Groups.getChildren",
    method: "GET",
    path: "/v2/groups/{groupId}/children",
    query: { include },
    success: GroupChildren,
    errors: onGroup,
    docs: `${apiDocs}get_children_v2_groups__group_id__children_get`
  })
}
