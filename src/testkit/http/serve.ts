/**
 * Serving a {@link Handler} over HTTP on a loopback port.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { Readable } from "node:stream"
import type { Handler } from "./Handler.js"

/**
 * A running loopback server.
 *
 * @since 0.1.0
 * @category models
 */
export interface Served {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly port: number
  /** Sockets open right now, idle ones included (a client may keep or pre-open some). */
  readonly openConnections: () => number
  /** Requests received and neither answered nor abandoned by their client yet. */
  readonly inFlight: () => number
}

/**
 * Serves `handler` on 127.0.0.1 at a free port for the lifetime of the scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = (
  handler: Handler,
  options: { readonly statusText?: (status: number) => string | undefined } = {}
): Effect.Effect<Served, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ server: Http.Server; sockets: Set<Socket>; pending: { count: number } }>((resume) => {
      const sockets = new Set<Socket>()
      const pending = { count: 0 }
      const server = Http.createServer((req, res) => {
        pending.count++
        res.once("close", () => pending.count--)
        void respond(handler, req, res, options.statusText)
      })
      server.on("connection", (socket) => {
        sockets.add(socket)
        socket.once("close", () => sockets.delete(socket))
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed({ server, sockets, pending })))
    }),
    ({ server, sockets }) =>
      Effect.async<void>((resume) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resume(Effect.void))
      })
  ).pipe(
    Effect.map(({ pending, server, sockets }) => {
      const port = (server.address() as AddressInfo).port
      return {
        origin: `http://127.0.0.1:${port}`,
        port,
        openConnections: () => sockets.size,
        inFlight: () => pending.count
      }
    })
  )

const respond = async (
  handler: Handler,
  req: Http.IncomingMessage,
  res: Http.ServerResponse,
  statusText: ((status: number) => string | undefined) | undefined
): Promise<void> => {
  try {
    const headers = new Headers()
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
    const hasBody = req.method !== "GET" && req.method !== "HEAD"
    const controller = new AbortController()
    // The client went away before the answer was complete: tell the handler, and drop the socket
    // rather than answer into a half-closed connection.
    res.once("close", () => {
      if (!res.writableFinished) {
        controller.abort()
        req.socket.destroy()
      }
    })
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method: req.method ?? "GET",
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {})
    } as RequestInit)
    const response = await handler(request)
    if (controller.signal.aborted) return
    const outHeaders: Record<string, string> = {}
    response.headers.forEach((value, key) => {
      outHeaders[key] = value
    })
    res.writeHead(response.status, statusText?.(response.status) ?? response.statusText, outHeaders)
    if (response.body === null) {
      res.end()
      return
    }
    const reader = response.body.getReader()
    for (;;) {
      if (res.destroyed) {
        await reader.cancel()
        return
      }
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done)
            res.off("close", done)
            resolve()
          }
          res.once("drain", done)
          res.once("close", done)
        })
      }
    }
    res.end()
  } catch {
    res.destroy()
  }
}
