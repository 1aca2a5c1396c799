/**
 * The users of the Agave test server's tenant and their profiles, answered as the profiles service
 * answers them (snake_case). Creating, changing and deleting users takes the user-account-manager
 * role; anyone may read profiles; a user may change their own.
 *
 * @since 0.1.0
 */
import type { Op } from "./Outcome.js"
import { badRequest, forbidden, page, refuse, run } from "./Outcome.js"
import * as SearchTerms from "./SearchTerms.js"

/**
 * A user to create.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserSeed {
  readonly username: string
  readonly password: string
  readonly email?: string
  readonly first_name?: string
  readonly last_name?: string
  readonly phone?: string
  readonly mobile_phone?: string
  /** Holds the user-account-manager role. */
  readonly manager?: boolean
}

/**
 * A profile as the service answers it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProfileJson {
  readonly username: string
  readonly email: string
  readonly first_name: string
  readonly last_name: string
  readonly full_name: string
  readonly phone: string
  readonly mobile_phone: string
  readonly status: string
  readonly uid: number
  readonly create_time: string
}

/**
 * A stored user: their profile, password and role.
 *
 * @since 0.1.0
 * @category models
 */
export interface User {
  profile: ProfileJson
  password: string
  readonly manager: boolean
}

const searchable: ReadonlySet<string> = new Set([
  "username",
  "email",
  "first_name",
  "last_name",
  "full_name",
  "status",
  "name"
])

// LDAP's generalized time, as the profiles service writes `create_time`: 20140515180317Z.
const ldapTime = (millis: number): string =>
  new Date(millis).toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, "Z")

const profileOf = (seed: UserSeed, uid: number, now: number): ProfileJson => {
  const first = seed.first_name ?? ""
  const last = seed.last_name ?? ""
  return {
    username: seed.username,
    email: seed.email ?? "",
    first_name: first,
    last_name: last,
    full_name: [first, last].filter((part) => part !== "").join(" ") || seed.username,
    phone: seed.phone ?? "",
    mobile_phone: seed.mobile_phone ?? "",
    status: "Active",
    uid,
    create_time: ldapTime(now)
  }
}

const validUsername = /^[a-z][a-z0-9_.-]{0,63}$/i

/**
 * The users of the tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Profiles {
  private readonly users = new Map<string, User>()

  constructor(seeds: ReadonlyArray<UserSeed> = [], now = 0) {
    for (const seed of seeds) this.add(seed, now)
  }

  /** @internal */
  private add(seed: UserSeed, now: number): ProfileJson {
    const profile = profileOf(seed, this.users.size, now)
    this.users.set(seed.username, { profile, password: seed.password, manager: seed.manager ?? false })
    return profile
  }

  /**
   * Whether `password` is `username`'s (the token endpoint's password grant).
   *
   * @since 0.1.0
   */
  checkPassword(username: string, password: string): boolean {
    const user = this.users.get(username)
    return user !== undefined && user.password === password
  }

  /**
   * Whether `username` exists.
   *
   * @since 0.1.0
   */
  has(username: string): boolean {
    return this.users.has(username)
  }

  /** @internal */
  private find(username: string): User {
    return this.users.get(username) ?? refuse(404, `No user found matching ${username}`)
  }

  /**
   * `GET /profiles/v2`: the users matching the query's terms, one page.
   *
   * @since 0.1.0
   */
  list(query: URLSearchParams): Op<ReadonlyArray<ProfileJson>> {
    return run(() => {
      const search = SearchTerms.parse(query, searchable)
      const views = [...this.users.values()].map((user) => ({ ...user.profile, name: user.profile.full_name }))
      return page(SearchTerms.apply(views, search), { limit: query.get("limit"), offset: query.get("offset") }).map(
        ({ name: _, ...profile }) => profile
      )
    })
  }

  /**
   * `GET /profiles/v2/me`.
   *
   * @since 0.1.0
   */
  me(caller: string): Op<ProfileJson> {
    return run(() => this.find(caller).profile)
  }

  /**
   * `GET /profiles/v2/{username}`.
   *
   * @since 0.1.0
   */
  get(username: string): Op<ProfileJson> {
    return run(() => this.find(username).profile)
  }

  /**
   * `POST /profiles/v2`: a form with `username`, `password` and `email` at least.
   *
   * @since 0.1.0
   */
  create(caller: string, form: URLSearchParams): Op<ProfileJson> {
    return run((now) => {
      if (this.users.get(caller)?.manager !== true) {
        forbidden("Permission denied. Creating users takes the user-account-manager role")
      }
      const username = form.get("username") ?? ""
      const password = form.get("password") ?? ""
      const email = form.get("email") ?? ""
      if (username === "" || password === "" || email === "") badRequest("username, password and email are required")
      if (!validUsername.test(username)) badRequest(`Invalid username ${username.slice(0, 64)}`)
      if (this.users.has(username)) refuse(409, `A user with username ${username} already exists`)
      return this.add({ username, password, email, ...optionalFields(form) }, now)
    }, 201)
  }

  /**
   * `PUT /profiles/v2/{username}`: changes the fields the form gives.
   *
   * @since 0.1.0
   */
  update(caller: string, username: string, form: URLSearchParams): Op<ProfileJson> {
    return run(() => {
      const user = this.find(username)
      if (caller !== username && this.users.get(caller)?.manager !== true) forbidden()
      const password = form.get("password")
      if (password !== null && password !== "") user.password = password
      const fields = optionalFields(form)
      const email = form.get("email")
      const first = fields.first_name ?? user.profile.first_name
      const last = fields.last_name ?? user.profile.last_name
      user.profile = {
        ...user.profile,
        ...fields,
        ...(email === null ? {} : { email }),
        full_name: [first, last].filter((part) => part !== "").join(" ") || username
      }
      return user.profile
    })
  }

  /**
   * `DELETE /profiles/v2/{username}`.
   *
   * @since 0.1.0
   */
  delete(caller: string, username: string): Op<{}> {
    return run(() => {
      this.find(username)
      if (this.users.get(caller)?.manager !== true) {
        forbidden("Permission denied. Deleting users takes the user-account-manager role")
      }
      this.users.delete(username)
      return {}
    })
  }
}

const optionalFields = (form: URLSearchParams) => {
  const out: { -readonly [K in "first_name" | "last_name" | "phone" | "mobile_phone"]?: string } = {}
  for (const key of ["first_name", "last_name", "phone", "mobile_phone"] as const) {
    const value = form.get(key)
    if (value !== null) out[key] = value
  }
  return out
}
