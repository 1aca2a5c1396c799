// The benchmarks' minimal loopback server, run in its own process so it does not share the event
// loop with the client being measured. Serves the synthetic API's routes with precomputed bodies.
import { createServer } from "node:http"

const item = (index) => ({ id: `item-${index}`, index, name: `Item number ${index}` })
const total = Number(process.env.BENCH_TOTAL ?? 1_000_000)
// A page takes this long to answer, as a database query behind a real listing would.
const pageDelay = Number(process.env.BENCH_PAGE_DELAY_MS ?? 0)
const single = Buffer.from(JSON.stringify(item(1)))

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://localhost")
  if (url.pathname.startsWith("/items/")) {
    res.writeHead(200, { "content-type": "application/json", "content-length": single.length })
    res.end(single)
    return
  }
  if (url.pathname === "/items") {
    const offset = Number(url.searchParams.get("offset") ?? 0)
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 100), 1000)
    const items = []
    for (let i = offset; i < Math.min(total, offset + limit); i++) items.push(item(i))
    const body = Buffer.from(JSON.stringify({ items, total }))
    const send = () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length })
      res.end(body)
    }
    if (pageDelay > 0) setTimeout(send, pageDelay)
    else send()
    return
  }
  res.writeHead(404, { "content-type": "application/json" })
  res.end("{\"message\":\"no such route\"}")
})
server.keepAliveTimeout = 60_000
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }))
process.on("disconnect", () => process.exit(0))
