/**
 * An Agave tenant in memory: its token endpoint, users, systems (with a public default storage system
 * and a public execution system), files, apps (a word-count app), jobs, metadata and notifications,
 * wired together. The HTTP layer answers requests from it; tests and demos use it directly too.
 *
 * @since 0.1.0
 */
import type { ActorsOptions } from "./Actors.js"
import { Actors } from "./Actors.js"
import type { AppRow } from "./Apps.js"
import { Apps } from "./Apps.js"
import type { FilesOptions } from "./Files.js"
import { Files } from "./Files.js"
import type { JobsOptions } from "./Jobs.js"
import { Jobs } from "./Jobs.js"
import { Meta } from "./Meta.js"
import { Notifications } from "./Notifications.js"
import type { UserSeed } from "./Profiles.js"
import { Profiles } from "./Profiles.js"
import type { SystemSeed } from "./Systems.js"
import { Systems } from "./Systems.js"
import { Tokens } from "./Tokens.js"

/**
 * How a tenant is set up; everything has a default.
 *
 * @since 0.1.0
 * @category models
 */
export interface TenantOptions {
  /** The URL its links point to. */
  readonly baseUrl?: string | undefined
  readonly code?: string | undefined
  /** OAuth clients, key → secret. */
  readonly clients?: Readonly<Record<string, string>> | undefined
  readonly users?: ReadonlyArray<UserSeed> | undefined
  /** Tenant administrators (publish apps and systems, set the global default). */
  readonly admins?: ReadonlyArray<string> | undefined
  readonly systems?: ReadonlyArray<SystemSeed> | undefined
  readonly apps?:
    | ReadonlyArray<
      { readonly owner: string; readonly public?: boolean; readonly description: Record<string, unknown> }
    >
    | undefined
  /** How long an access token lives, in seconds. */
  readonly tokenLifetimeSeconds?: number | undefined
  readonly files?: FilesOptions | undefined
  readonly jobs?: JobsOptions | undefined
  /** Actors (Abaco): their case, execution timeline, program. */
  readonly actors?: ActorsOptions | undefined
}

/**
 * The default OAuth client.
 *
 * @since 0.1.0
 * @category seeds
 */
export const demoClient = { key: "demo-key", secret: "demo-secret-0123456789" } as const

/**
 * The default users: `nryan` (a user-account manager and tenant administrator) and `rclemens`.
 *
 * @since 0.1.0
 * @category seeds
 */
export const demoUsers: ReadonlyArray<UserSeed> = [
  {
    username: "nryan",
    password: "correct horse battery staple",
    email: "nryan@example.org",
    first_name: "Nolan",
    last_name: "Ryan",
    manager: true
  },
  {
    username: "rclemens",
    password: "rocket roger clemens",
    email: "rclemens@example.org",
    first_name: "Roger",
    last_name: "Clemens"
  }
]

/**
 * The default systems: a public storage system that is the tenant's default, and a public execution
 * system.
 *
 * @since 0.1.0
 * @category seeds
 */
export const demoSystems: ReadonlyArray<SystemSeed> = [
  {
    id: "data.agave.test",
    type: "STORAGE",
    owner: "nryan",
    name: "Public storage",
    public: true,
    globalDefault: true,
    description: { description: "The tenant's default storage", site: "agave.test" }
  },
  {
    id: "exec.agave.test",
    type: "EXECUTION",
    owner: "nryan",
    name: "Public execution system",
    public: true,
    homeDir: "/home",
    description: {
      description: "Runs the tenant's public apps",
      site: "agave.test",
      executionType: "CLI",
      scheduler: "FORK",
      login: { host: "localhost", port: 22, protocol: "SSH", auth: { type: "SSHKEYS" } },
      queues: [{
        name: "normal",
        default: true,
        maxJobs: 100,
        maxUserJobs: 10,
        maxNodes: 1,
        maxMemoryPerNode: "4GB",
        maxProcessorsPerNode: 4,
        maxRequestedTime: "24:00:00"
      }],
      workDir: "/scratch",
      scratchDir: "/scratch"
    }
  }
]

/**
 * The default app: a word count of its input files.
 *
 * @since 0.1.0
 * @category seeds
 */
export const wordCountApp = {
  name: "wc",
  version: "1.00",
  label: "Word count",
  shortDescription: "Counts the lines, words and bytes of its inputs",
  executionSystem: "exec.agave.test",
  executionType: "CLI",
  parallelism: "SERIAL",
  deploymentSystem: "data.agave.test",
  deploymentPath: "/apps/wc-1.00",
  templatePath: "wrapper.sh",
  testPath: "test.sh",
  defaultQueue: "normal",
  defaultNodeCount: 1,
  defaultProcessorsPerNode: 1,
  defaultMemoryPerNode: 1,
  defaultMaxRunTime: "00:10:00",
  tags: ["demo", "text"],
  ontology: ["http://sswapmeet.sswap.info/agave/apps/Application"],
  modules: [],
  inputs: [{
    id: "query1",
    value: { default: "", required: true, visible: true, order: 0 },
    details: { label: "Files to count", description: "One or more text files", showArgument: false },
    semantics: {
      minCardinality: 1,
      maxCardinality: -1,
      ontology: ["http://sswapmeet.sswap.info/mime/text/Plain"],
      fileTypes: ["text-0"]
    }
  }],
  parameters: [{
    id: "printLongestLine",
    value: { type: "bool", default: false, required: false, visible: true, order: 0 },
    details: { label: "Print the longest line", showArgument: true, argument: "-L " },
    semantics: { ontology: ["xs:boolean"] }
  }],
  outputs: [{
    id: "outputWC",
    value: { default: "output.txt", required: true, visible: true, order: 0 },
    details: { label: "Counts", description: "The counts of each input" },
    semantics: {
      minCardinality: 1,
      maxCardinality: 1,
      ontology: ["http://sswapmeet.sswap.info/mime/text/Plain"],
      fileTypes: []
    }
  }]
} as const

/**
 * A tenant.
 *
 * @since 0.1.0
 * @category state
 */
export class Tenant {
  /**
   * The URL its links point to.
   *
   * @since 0.1.0
   */
  readonly baseUrl: string
  /**
   * Its code in tenant discovery.
   *
   * @since 0.1.0
   */
  readonly code: string
  /**
   * Its users.
   *
   * @since 0.1.0
   */
  readonly profiles: Profiles
  /**
   * Its token endpoint.
   *
   * @since 0.1.0
   */
  readonly tokens: Tokens
  /**
   * Its systems.
   *
   * @since 0.1.0
   */
  readonly systems: Systems
  /**
   * Its files.
   *
   * @since 0.1.0
   */
  readonly files: Files
  /**
   * Its apps.
   *
   * @since 0.1.0
   */
  readonly apps: Apps
  /**
   * Its jobs.
   *
   * @since 0.1.0
   */
  readonly jobs: Jobs
  /**
   * Its notifications.
   *
   * @since 0.1.0
   */
  readonly notifications: Notifications
  /**
   * Its metadata.
   *
   * @since 0.1.0
   */
  readonly meta: Meta
  /**
   * Its actors (Abaco).
   *
   * @since 0.1.0
   */
  readonly actors: Actors

  constructor(options: TenantOptions = {}) {
    this.baseUrl = options.baseUrl ?? "https://agave.test"
    this.code = options.code ?? "agave.test"
    const admins = new Set(options.admins ?? ["nryan"])
    this.profiles = new Profiles(options.users ?? demoUsers)
    this.tokens = new Tokens({
      clients: options.clients ?? { [demoClient.key]: demoClient.secret },
      lifetimeSeconds: options.tokenLifetimeSeconds,
      checkPassword: (username, password) => this.profiles.checkPassword(username, password)
    })
    this.systems = new Systems(options.systems ?? demoSystems, admins, this.baseUrl)
    this.files = new Files(this.systems, { baseUrl: this.baseUrl, ...options.files })
    this.apps = new Apps(this.systems, admins, this.baseUrl)
    const apps = options.apps ?? [{ owner: "nryan", public: true, description: { ...wordCountApp } }]
    for (const app of apps) this.seedApp(app.owner, app.description, app.public ?? false)
    this.jobs = new Jobs(this.systems, this.apps, this.files, { baseUrl: this.baseUrl, ...options.jobs })
    // A metadata UUID (…-012, …-013) must name a document or schema that exists; others are checked
    // for their form only.
    this.notifications = new Notifications({
      baseUrl: this.baseUrl,
      admins,
      exists: (uuid) => !/-01[23]$/.test(uuid) || this.meta.has(uuid)
    })
    this.meta = new Meta({
      baseUrl: this.baseUrl,
      admins,
      userExists: (username) => this.profiles.has(username),
      onEvent: (uuid, event, now) => this.notifications.fire(uuid, event, now),
      subscribe: (caller, requests) => this.notifications.subscriber(caller, requests)
    })
    this.actors = new Actors(admins, { baseUrl: this.baseUrl, ...options.actors })
  }

  /** @internal */
  private seedApp(owner: string, description: Record<string, unknown>, isPublic: boolean): AppRow {
    return this.apps.seed(owner, description, isPublic)
  }

  /**
   * `GET /tenants`: this tenant.
   *
   * @since 0.1.0
   */
  tenants(): ReadonlyArray<Record<string, unknown>> {
    return [{ id: "0001", code: this.code, name: "Agave test tenant", baseUrl: `${this.baseUrl}/`, status: "LIVE" }]
  }
}
