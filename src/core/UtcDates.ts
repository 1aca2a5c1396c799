/**
 * Decoding `Schema.DateTimeUtc` in one step. `Schema.DateTimeUtc` is a transformation from a string to
 * a `DateTime.Utc` that Effect runs through three parsers (the string, the transformation, the
 * `DateTime.Utc` it made); this stand-in makes the same value with the same function in one, at about
 * two thirds of the cost. It is used only inside the SDK's decoder (`JsonDecoder`), which never
 * encodes with it nor reports its failures (a body that fails there is decoded again with the schema
 * as declared, for the error).
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

const declared = Schema.DateTimeUtc.ast as AST.Transformation

/**
 * Whether `ast` is `Schema.DateTimeUtc` (annotated or not).
 *
 * @since 0.1.0
 * @category decoding
 */
export const isDateTimeUtc = (ast: AST.AST): boolean =>
  ast._tag === "Transformation" && ast.transformation === declared.transformation && ast.to === declared.to

const decode = (input: unknown, _: AST.ParseOptions, self: AST.Declaration) => {
  if (typeof input === "string") {
    try {
      // What Schema.DateTimeUtc decodes with: a string without a zone is UTC.
      return ParseResult.succeed(DateTime.unsafeMake(input))
    } catch {
      // An invalid date: refused below.
    }
  }
  return ParseResult.fail(new ParseResult.Type(self, input))
}

const decodeOnly = (input: unknown, _: AST.ParseOptions, self: AST.Declaration) =>
  ParseResult.fail(new ParseResult.Forbidden(self, input, "decode only"))

/**
 * A decode-only stand-in for `ast` (a `Schema.DateTimeUtc`): the same `DateTime.Utc` from the same
 * strings, the same refusals.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeOnlyDateTimeUtc = (ast: AST.Transformation): AST.Declaration =>
  new AST.Declaration([], () => decode, () => decodeOnly, ast.annotations)
