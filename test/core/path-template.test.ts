/**
 * Path templates: what each kind of parameter becomes in a path, what is refused before sending, and
 * that the router's `match` reads back exactly what `build` wrote.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as PathTemplate from "../../src/core/PathTemplate.js"

const built = (result: Either.Either<string, { readonly message: string }>): string => {
  if (Either.isLeft(result)) assert.fail(`refused: ${result.left.message}`)
  return result.right
}

const refused = (result: Either.Either<string, { readonly _tag: string; readonly origin?: string }>): string => {
  if (Either.isRight(result)) assert.fail(`built ${result.right}`)
  assert.strictEqual(result.left._tag, "InvalidRequest")
  assert.strictEqual(result.left.origin, "client")
  return (result.left as unknown as { message: string }).message
}

const group = PathTemplate.make("/v2/groups/{groupId}")
const media = PathTemplate.make("/files/v2/media/system/{systemId}/{filePath+}")
const middle = PathTemplate.make("/files/{path+}/meta")

describe("PathTemplate.make", () => {
  it("lists the parameters in order", () => {
    assert.deepStrictEqual(media.params, ["systemId", "filePath"])
    assert.deepStrictEqual(PathTemplate.make("/apps/v2/").params, [])
  })

  it("refuses malformed templates when defined", () => {
    for (
      const template of [
        "items",
        "/items//x",
        "/items/{id}{name}",
        "/items/x{id}",
        "/items/{id}/{id}",
        "/{a+}/{b+}",
        "/{a+}/{b*}",
        "/{a*}/meta",
        "/{a*}/{b}",
        "/items?x=1",
        "/items#x",
        "/a/../b",
        "/a/./b",
        "/a/%2F",
        "/{1st}"
      ]
    ) {
      assert.throws(() => PathTemplate.make(template), /path template/, template)
    }
  })
})

describe("one-segment parameters", () => {
  it("are percent-encoded, whatever they hold", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["g1", "/v2/groups/g1"],
      ["a/b", "/v2/groups/a%2Fb"],
      ["..%2F", "/v2/groups/..%252F"],
      ["%2e%2e", "/v2/groups/%252e%252e"],
      ["x?admin=1#f", "/v2/groups/x%3Fadmin%3D1%23f"],
      ["nul\u0000", "/v2/groups/nul%00"],
      ["ünï ✓", "/v2/groups/%C3%BCn%C3%AF%20%E2%9C%93"]
    ]
    for (const [value, path] of cases) assert.strictEqual(built(group.build({ groupId: value })), path, value)
  })

  it("refuses empty, `.`, `..`, a lone surrogate and anything not a string", () => {
    for (const value of ["", ".", "..", "a\uD800b", 42, undefined, null]) {
      const message = refused(group.build({ groupId: value as string }))
      assert.include(message, "groupId")
    }
  })

  it("keeps a literal trailing slash, and a template without parameters is a constant", () => {
    const apps = PathTemplate.make("/apps/v2/")
    assert.strictEqual(built(apps.build({})), "/apps/v2/")
    assert.strictEqual(apps.build({}), apps.build({}))
    assert.strictEqual(built(PathTemplate.make("/").build({})), "/")
  })
})

describe("multi-segment parameters", () => {
  const path = (filePath: string) => media.build({ systemId: "data.tacc", filePath })

  it("encode each segment and keep the slashes between them", () => {
    assert.strictEqual(built(path("dir/sub/file.txt")), "/files/v2/media/system/data.tacc/dir/sub/file.txt")
    assert.strictEqual(built(path("my dir/a?b#c")), "/files/v2/media/system/data.tacc/my%20dir/a%3Fb%23c")
    assert.strictEqual(built(path("%2e%2e/x")), "/files/v2/media/system/data.tacc/%252e%252e/x")
    assert.strictEqual(built(path("a\\..\\b")), "/files/v2/media/system/data.tacc/a%5C..%5Cb")
  })

  it("keep one leading slash (an absolute path) and one trailing slash (a directory)", () => {
    assert.strictEqual(built(path("/home/u/f")), "/files/v2/media/system/data.tacc//home/u/f")
    assert.strictEqual(built(path("dir/")), "/files/v2/media/system/data.tacc/dir/")
    assert.strictEqual(built(path("/")), "/files/v2/media/system/data.tacc//")
    assert.strictEqual(built(path("/dir/")), "/files/v2/media/system/data.tacc//dir/")
  })

  it("refuse dot segments anywhere, doubled slashes, empty and unencodable values", () => {
    for (const value of ["", "..", ".", "a/../b", "a/./b", "../a", "a/..", "/..", "a//b", "//a", "a//", "a/\uDC00"]) {
      assert.include(refused(path(value)), "filePath", value)
    }
  })

  it("may sit between literals", () => {
    assert.strictEqual(built(middle.build({ path: "a/b" })), "/files/a/b/meta")
  })
})

describe("optional multi-segment parameters ({name*}, last only)", () => {
  const listing = PathTemplate.make("/files/v2/listings/system/{systemId}/{filePath*}")
  const home = PathTemplate.make("/files/v2/listings/{filePath*}")

  it("left out or empty, end the path with the slash before them", () => {
    assert.strictEqual(built(listing.build({ systemId: "s" })), "/files/v2/listings/system/s/")
    assert.strictEqual(built(listing.build({ systemId: "s", filePath: "" })), "/files/v2/listings/system/s/")
    assert.strictEqual(built(listing.build({ systemId: "s", filePath: undefined })), "/files/v2/listings/system/s/")
    assert.strictEqual(built(home.build({})), "/files/v2/listings/")
  })

  it("given, are a multi-segment value: the root (`/`) stays apart from the home directory (nothing)", () => {
    assert.strictEqual(
      built(listing.build({ systemId: "s", filePath: "a b/c" })),
      "/files/v2/listings/system/s/a%20b/c"
    )
    assert.strictEqual(built(listing.build({ systemId: "s", filePath: "/" })), "/files/v2/listings/system/s//")
    for (const value of ["..", "a//b", "a/./b"]) {
      assert.include(refused(listing.build({ systemId: "s", filePath: value })), "filePath")
    }
  })

  it("are read back, nothing as the empty string", () => {
    for (const filePath of ["", "x", "dir/sub/file.txt", "/abs/file", "dir/", "/", "/dir/", "a b/c%2Fd"]) {
      assert.deepStrictEqual(
        listing.match(built(listing.build({ systemId: "s", filePath }))),
        { systemId: "s", filePath },
        filePath
      )
    }
    assert.deepStrictEqual(home.match("/files/v2/listings/"), { filePath: "" })
    for (const pathname of ["/files/v2/listings/system/s", "/files/v2/listings", "/files/v2/listings/system/s/a//b"]) {
      assert.isUndefined(listing.match(pathname), pathname)
    }
  })

  it("are optional in the derived input, where {name+} is required", () => {
    const input: PathTemplate.PathParams<"/files/v2/listings/system/{systemId}/{filePath*}"> = { systemId: "s" }
    assert.deepStrictEqual(input, { systemId: "s" })
  })
})

describe("match reads back what build wrote", () => {
  const values = [
    "x",
    "a/b",
    "..%2F",
    "%2e%2e",
    "ünï ✓",
    "x?admin=1#f",
    "nul\u0000",
    " ",
    "a;b=c",
    "%"
  ]

  it("for one-segment parameters", () => {
    for (const value of values) {
      assert.deepStrictEqual(group.match(built(group.build({ groupId: value }))), { groupId: value }, value)
    }
  })

  it("for multi-segment parameters, slashes included", () => {
    const paths = [...values, "dir/sub/file.txt", "/abs/file", "dir/", "/", "/dir/", "a b/c%2Fd"]
    for (const filePath of paths) {
      assert.deepStrictEqual(
        media.match(built(media.build({ systemId: "s", filePath }))),
        { systemId: "s", filePath },
        filePath
      )
      assert.deepStrictEqual(middle.match(built(middle.build({ path: filePath }))), { path: filePath }, filePath)
    }
  })

  it("and matches nothing build would refuse or could not have written", () => {
    for (
      const pathname of [
        "/v2/groups",
        "/v2/groups/",
        "/v2/groups/a/b",
        "/v2/groups/%2e%2e",
        "/v2/groups/.",
        "/v2/groups/%E0%A4%A",
        "/v2/other/x",
        "v2/groups/x"
      ]
    ) {
      assert.isUndefined(group.match(pathname), pathname)
    }
    for (
      const pathname of [
        "/files/v2/media/system/s",
        "/files/v2/media/system/s/",
        "/files/v2/media/system/s/a//b",
        "/files/v2/media/system/s/a/%2e%2e/b",
        "/files/v2/media/system/s/a%2Fb",
        "/files/v2/media/system//x"
      ]
    ) {
      assert.isUndefined(media.match(pathname), pathname)
    }
    assert.isUndefined(middle.match("/files/meta"))
    assert.isUndefined(middle.match("/files/a/b/other"))
  })
})
