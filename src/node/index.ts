/**
 * Node.js helpers, kept out of the platform-neutral entry points because they use `node:fs`:
 * streams to and from local files, and local files to upload.
 *
 * @since 0.1.0
 */
export * as NodeFiles from "./NodeFiles.js"
export * as NodeUploadFile from "./NodeUploadFile.js"
