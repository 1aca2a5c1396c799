/**
 * Profiles: the users of a tenant. The service answers in snake_case (`first_name`, `full_name`,
 * `mobile_phone`, `create_time`, …) while AgavePy's Swagger 1.2 model says camelCase (`firstName`,
 * `researchArea`, …): both are read, one is exposed — the server's.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NumberOrString, opt } from "./Common.js"

const fields = {
  username: Schema.String,
  email: opt(Schema.String),
  first_name: opt(Schema.String),
  last_name: opt(Schema.String),
  full_name: opt(Schema.String),
  phone: opt(Schema.String),
  mobile_phone: opt(Schema.String),
  status: opt(Schema.String),
  uid: opt(NumberOrString),
  create_time: opt(Schema.String),
  institution: opt(Schema.String),
  department: opt(Schema.String),
  position: opt(Schema.String),
  city: opt(Schema.String),
  state: opt(Schema.String),
  country: opt(Schema.String),
  fax: opt(Schema.String),
  gender: opt(Schema.String),
  research_area: opt(Schema.String)
}

// The camelCase spelling of the fields that have one (AgavePy's Swagger 1.2 `Profile`).
const camel = {
  firstName: "first_name",
  lastName: "last_name",
  fullName: "full_name",
  mobilePhone: "mobile_phone",
  createTime: "create_time",
  researchArea: "research_area"
} as const

const Wire = Schema.Struct({
  ...fields,
  firstName: opt(Schema.String),
  lastName: opt(Schema.String),
  fullName: opt(Schema.String),
  mobilePhone: opt(Schema.String),
  createTime: opt(Schema.String),
  researchArea: opt(Schema.String)
})

const Exposed = Schema.Struct(fields)

type Mutable = { -readonly [K in keyof typeof Exposed.Type]: (typeof Exposed.Type)[K] }

// One pass over the object: the snake_case value wins, the camelCase one fills a gap.
const normalise = (wire: typeof Wire.Type): typeof Exposed.Encoded => {
  const out: Record<string, unknown> = {}
  for (const key in wire) {
    const value = (wire as Record<string, unknown>)[key]
    const snake = (camel as Record<string, string>)[key]
    if (snake === undefined) out[key] = value
    else if ((wire as Record<string, unknown>)[snake] === undefined) out[snake] = value
  }
  return out as Mutable
}

/**
 * A user's profile, in the server's snake_case whichever spelling was sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Profile: Schema.Schema<typeof Exposed.Type, typeof Wire.Encoded> = Schema.transform(Wire, Exposed, {
  strict: true,
  decode: normalise,
  encode: (profile) => profile
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Profile extends Schema.Schema.Type<typeof Exposed> {}

/**
 * A new or changed profile (`profiles.create`, `profiles.update`), in the server's camelCase request
 * spelling (Swagger 2.0 `ProfileRequest`). The password is `Redacted` and sent only in the body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProfileRequest = Schema.Struct({
  username: Schema.String,
  email: Schema.String,
  password: Schema.optional(Schema.Redacted(Schema.String)),
  firstName: Schema.optional(Schema.String),
  lastName: Schema.optional(Schema.String),
  phone: Schema.optional(Schema.String),
  mobilePhone: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  institution: Schema.optional(Schema.String),
  department: Schema.optional(Schema.String),
  position: Schema.optional(Schema.String),
  city: Schema.optional(Schema.String),
  state: Schema.optional(Schema.String),
  country: Schema.optional(Schema.String),
  fax: Schema.optional(Schema.String),
  gender: Schema.optional(Schema.String),
  researchArea: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ProfileRequest extends Schema.Schema.Type<typeof ProfileRequest> {}
