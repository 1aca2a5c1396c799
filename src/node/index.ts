/**
 * Node.js helpers, kept out of the platform-neutral entry points because they use `node:fs`:
 * streams to and from local files, and local files to upload.
 *
 * @since 0.1.0
 */
/**
 * Reading and writing local files as streams of bytes, with Node's `node:fs` (entry point
 * `effect-research-sdk/node`).
 *
 * @since 0.1.0
 */
export * as NodeFiles from "./NodeFiles.js"
/**
 * Local files to upload, read with `node:fs` as they are sent.
 *
 * @since 0.1.0
 */
export * as NodeUploadFile from "./NodeUploadFile.js"
