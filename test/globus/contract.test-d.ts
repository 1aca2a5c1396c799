/**
 * Every schema of src/globus/schemas against the Globus Groups contract (the types generated from the
 * service's OpenAPI description, test/fixtures/globus/openapi-types.groups.ts): a field renamed,
 * added, removed, made optional or given another type on either side is a compile error here.
 *
 * Answers must be exactly the contract. Where the contract says "required" only because the field has
 * a default and globus-sdk's recorded answers leave it out, the schema makes it optional; each such
 * field is named below (`Loosen`). Requests must be accepted by the contract and use only its keys.
 */
import { describe, expectTypeOf, it } from "@effect/vitest"
import type * as Schema from "effect/Schema"
import type * as S from "../../src/globus/schemas/index.js"
import type { components, operations } from "../fixtures/globus/openapi-types.groups.js"

type C = components["schemas"]

// Both sides in one form: readonly everywhere, optional keys without `| undefined` (the schemas'
// `Schema.optional` adds it, the contract under exactOptionalPropertyTypes does not).
type Norm<T> = T extends ReadonlyArray<infer U> ? ReadonlyArray<Norm<U>>
  : T extends object ? { readonly [K in keyof T]: Norm<Exclude<T[K], undefined>> }
  : T

// The contract with the named keys made optional.
type Loosen<T, K extends keyof T> = Omit<T, K> & { [P in K]?: T[P] }

type Encoded<S extends Schema.Schema.Any> = Norm<Schema.Schema.Encoded<S>>
type Decoded<S extends Schema.Schema.Any> = Norm<Schema.Schema.Type<S>>

type JsonOf<O extends keyof operations, Status extends number> = operations[O]["responses"] extends
  { [K in Status]: { content: { "application/json": infer B } } } ? B : never

// The answers, loosened where the service leaves defaulted fields out.
type Membership = Loosen<C["MembershipReadModel"], "membership_fields">
type Policies = Loosen<C["GroupPolicyReadModel"], "is_high_assurance" | "signup_fields">
type Group = Omit<C["GroupReadModel"], "my_memberships" | "memberships" | "policies"> & {
  my_memberships?: Array<Membership> | null
  memberships?: Array<Membership> | null
  policies?: Policies
}
type BatchResponse = {
  [K in keyof C["GroupMembershipPostActionResponse"]]?: K extends "errors" ? C["GroupMembershipPostActionResponse"][K]
    : Array<Membership> | null
}

// Requests: the role of add and invite has the default `member`, so it may be left out.
type AddEntry = Loosen<C["MembershipActionStatusAndRoleModel"], "role">
type InviteEntry = Loosen<C["MembershipActionInviteModel"], "role">
type BatchRequest = Omit<C["GroupMembershipPostAction"], "add" | "invite"> & {
  add?: Array<AddEntry> | null
  invite?: Array<InviteEntry> | null
}

describe("schemas match the Globus Groups contract", () => {
  it("answers: exactly the contract's models, both encoded and decoded", () => {
    expectTypeOf<Encoded<typeof S.Group>>().toEqualTypeOf<Norm<Group>>()
    expectTypeOf<Decoded<typeof S.Group>>().toEqualTypeOf<Norm<Group>>()
    expectTypeOf<Encoded<typeof S.Membership>>().toEqualTypeOf<Norm<Membership>>()
    expectTypeOf<Decoded<typeof S.Membership>>().toEqualTypeOf<Norm<Membership>>()
    expectTypeOf<Encoded<typeof S.GroupPolicies>>().toEqualTypeOf<Norm<Policies>>()
    expectTypeOf<Decoded<typeof S.GroupPolicies>>().toEqualTypeOf<Norm<Policies>>()
    expectTypeOf<Encoded<typeof S.AllowedActions>>().toEqualTypeOf<Norm<C["AllowedActionsModel"]>>()
    expectTypeOf<Encoded<typeof S.TimeoutData>>().toEqualTypeOf<Norm<C["TimeoutData"]>>()
    expectTypeOf<Encoded<typeof S.GroupChildren>>().toEqualTypeOf<
      Norm<Omit<C["GroupChildrenReadModel"], "children"> & { children: Array<Group> }>
    >()
    expectTypeOf<Encoded<typeof S.MembershipFields>>().toEqualTypeOf<Norm<C["MembershipFields"]>>()
    expectTypeOf<Encoded<typeof S.MembershipError>>().toEqualTypeOf<Norm<C["MembershipError"]>>()
    expectTypeOf<Encoded<typeof S.IdentityPreferences>>().toEqualTypeOf<Norm<C["IdentityPreferences"]>>()
    expectTypeOf<Encoded<typeof S.StatusCounts>>().toEqualTypeOf<Norm<C["GroupStatusCounts"]>>()
    expectTypeOf<Decoded<typeof S.StatusCounts>>().toEqualTypeOf<Norm<C["GroupStatusCounts"]>>()
    expectTypeOf<Encoded<typeof S.SubscriptionInfo>>().toEqualTypeOf<Norm<C["SubscriptionModel"]>>()
    expectTypeOf<Encoded<typeof S.SubscriptionInfoLimited>>().toEqualTypeOf<Norm<C["SubscriptionModelLimited"]>>()
    expectTypeOf<Encoded<typeof S.ConnectorSubscriptionInfo>>().toEqualTypeOf<
      Norm<C["ConnectorSubscriptionInfo"]>
    >()
    expectTypeOf<Encoded<typeof S.GroupSubscription>>().toEqualTypeOf<Norm<C["GroupSubscriptionModel"]>>()
    expectTypeOf<Encoded<typeof S.SubscriptionVerified>>().toEqualTypeOf<
      Norm<C["SubscriptionVerifiedReadModel"]>
    >()
    expectTypeOf<Encoded<typeof S.BatchErrors>>().toEqualTypeOf<Norm<C["GroupMembershipPostActionErrors"]>>()
    expectTypeOf<Encoded<typeof S.BatchResponse>>().toEqualTypeOf<Norm<BatchResponse>>()
    expectTypeOf<Decoded<typeof S.BatchResponse>>().toEqualTypeOf<Norm<BatchResponse>>()
  })

  it("maps by id: exactly the operations' answers", () => {
    expectTypeOf<Encoded<typeof S.PreferencesByIdentity>>().toEqualTypeOf<
      Norm<JsonOf<"get_identity_set_preferences_v2_preferences_get", 200>>
    >()
    expectTypeOf<Encoded<typeof S.MembershipFieldsByIdentity>>().toEqualTypeOf<
      Norm<JsonOf<"get_membership_fields_v2_groups__group_id__membership_fields_get", 200>>
    >()
    expectTypeOf<Encoded<typeof S.StatusCountsByGroup>>().toEqualTypeOf<
      Norm<JsonOf<"get_statuses_v2_groups_statuses_get", 200>>
    >()
  })

  it("error bodies: exactly the contract's error models", () => {
    expectTypeOf<Encoded<typeof S.BaseErrorBody>>().toEqualTypeOf<Norm<C["BaseErrorModel"]>>()
    expectTypeOf<Encoded<typeof S.ForbiddenErrorBody>>().toEqualTypeOf<Norm<C["ForbiddenErrorModel"]>>()
    expectTypeOf<Encoded<typeof S.BadRequestErrorBody>>().toEqualTypeOf<Norm<C["BadRequestErrorModel"]>>()
    expectTypeOf<Encoded<typeof S.ValidationErrorItem>>().toEqualTypeOf<Norm<C["ValidationError"]>>()
    expectTypeOf<Encoded<typeof S.ValidationErrorBody>>().toEqualTypeOf<Norm<C["HTTPValidationError"]>>()
    // Policies may also arrive as one comma-separated string (globus-sdk reads both).
    type AuthParams = Omit<C["AuthParamsModel"], "session_required_policies"> & {
      session_required_policies?: string | Array<string>
    }
    expectTypeOf<Encoded<typeof S.AuthParamsBody>>().toEqualTypeOf<Norm<AuthParams>>()
    expectTypeOf<Encoded<typeof S.AuthErrorBody>>().toEqualTypeOf<
      Norm<Omit<C["AuthErrorModel"], "authorization_parameters"> & { authorization_parameters: AuthParams }>
    >()
  })

  it("requests: accepted by the contract, with only its keys", () => {
    expectTypeOf<Encoded<typeof S.BatchRequest>>().toExtend<Norm<BatchRequest>>()
    expectTypeOf<keyof Encoded<typeof S.BatchRequest>>().toEqualTypeOf<keyof C["GroupMembershipPostAction"]>()
    expectTypeOf<keyof Encoded<typeof S.AddAction>>().toEqualTypeOf<keyof C["MembershipActionStatusAndRoleModel"]>()
    expectTypeOf<keyof Encoded<typeof S.InviteAction>>().toEqualTypeOf<keyof C["MembershipActionInviteModel"]>()
    expectTypeOf<keyof Encoded<typeof S.ChangeRoleAction>>().toEqualTypeOf<
      keyof C["MembershipsActionChangeRoleModel"]
    >()
    expectTypeOf<keyof Encoded<typeof S.StatusAction>>().toEqualTypeOf<keyof C["MembershipActionStatusModel"]>()
    expectTypeOf<keyof Encoded<typeof S.SelfAction>>().toEqualTypeOf<keyof C["MembershipActionBaseModel"]>()

    expectTypeOf<Encoded<typeof S.GroupCreateInput>>().toEqualTypeOf<Norm<C["GroupCreateModel"]>>()
    expectTypeOf<Encoded<typeof S.GroupUpdateInput>>().toEqualTypeOf<Norm<C["GroupWriteModel"]>>()
    expectTypeOf<Encoded<typeof S.GroupPoliciesWrite>>().toEqualTypeOf<Norm<C["GroupPolicyWriteModel"]>>()
    expectTypeOf<Encoded<typeof S.SubscriptionVerifiedInput>>().toEqualTypeOf<
      Norm<C["SubscriptionVerifiedWriteModel"]>
    >()
    // globus-sdk's GroupPolicies: stricter than the write model (every key but the timeout required).
    expectTypeOf<Encoded<typeof S.GroupPoliciesInput>>().toExtend<Norm<C["GroupPolicyWriteModel"]>>()
    expectTypeOf<keyof Encoded<typeof S.GroupPoliciesInput>>().toEqualTypeOf<keyof C["GroupPolicyWriteModel"]>()
    expectTypeOf<Encoded<typeof S.PreferencesByIdentity>>().toExtend<
      Norm<operations["put_identity_set_preferences_v2_preferences_put"]["requestBody"]["content"]["application/json"]>
    >()
  })

  it("enums: exactly the contract's", () => {
    expectTypeOf<S.Role>().toEqualTypeOf<C["RoleEnum"]>()
    expectTypeOf<S.Status>().toEqualTypeOf<C["StatusEnum"]>()
    expectTypeOf<S.GroupVisibility>().toEqualTypeOf<C["GroupVisibilityPolicyEnum"]>()
    expectTypeOf<S.MemberVisibility>().toEqualTypeOf<C["GroupMemberVisibilityPolicyEnum"]>()
    expectTypeOf<S.SignupField>().toEqualTypeOf<C["SignupFieldsEnum"]>()
    expectTypeOf<S.GroupType>().toEqualTypeOf<C["GroupTypeEnum"]>()
    expectTypeOf<S.BatchAction>().toEqualTypeOf<keyof C["GroupMembershipPostAction"]>()
  })

  it("the check can fail: a schema that drifted is not equal", () => {
    type Drifted = Omit<Encoded<typeof S.Membership>, "role"> & { readonly role: string }
    expectTypeOf<Norm<Drifted>>().not.toEqualTypeOf<Norm<Membership>>()
    type Missing = Omit<Encoded<typeof S.Membership>, "username">
    expectTypeOf<Norm<Missing>>().not.toEqualTypeOf<Norm<Membership>>()
    type Extra = Encoded<typeof S.Membership> & { readonly extra: string }
    expectTypeOf<Norm<Extra>>().not.toEqualTypeOf<Norm<Membership>>()
  })
})
