import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { rawHttpRequest, rawUpgradeRequest } from '../src/raw-http.js'

// A plain node:http server with a plain ws server: the helper is checked against real sockets.
let server: Server
let base: string

beforeAll(async () => {
  const wss = new WebSocketServer({ noServer: true })
  server = createServer((request, response) => {
    if (request.url === '/fixed') response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' }).end('fixed')
    else if (request.url === '/chunked') {
      response.writeHead(201, { 'x-one': 'a' })
      response.write('chu')
      setTimeout(() => response.end('nked'), 20)
    } else response.writeHead(404).end('nope')
  })
  server.on('upgrade', (request, socket, head) => {
    if (request.url === '/ws') wss.handleUpgrade(request, socket, head, () => undefined)
    else socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\nno!')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('rawHttpRequest', () => {
  it('reads status, headers and a Content-Length body', async () => {
    const response = await rawHttpRequest(base, { path: '/fixed' })
    expect(response).toMatchObject({ status: 200, body: 'fixed' })
    expect(response.headers['content-type']).toBe('text/plain')
  })

  it('decodes a chunked body written in several pieces', async () => {
    const response = await rawHttpRequest(base, { path: '/chunked' })
    expect(response).toMatchObject({ status: 201, body: 'chunked' })
    expect(response.headers['x-one']).toBe('a')
  })

  it('reports a 404 with its body', async () => {
    expect(await rawHttpRequest(base, { path: '/missing' })).toMatchObject({ status: 404, body: 'nope' })
  })

  it('fails with a timeout when nothing answers', async () => {
    const silent = createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    await expect(rawHttpRequest(url, { path: '/', timeout: 100 })).rejects.toThrow(/timed out/)
    silent.closeAllConnections()
    await new Promise((resolve) => silent.close(resolve))
  })
})

describe('rawUpgradeRequest', () => {
  it('sees 101 for an accepted upgrade', async () => {
    expect((await rawUpgradeRequest(base, '/ws')).status).toBe(101)
  })

  it('sees the status of a refused upgrade', async () => {
    expect(await rawUpgradeRequest(base, '/elsewhere')).toMatchObject({ status: 403, body: 'no!' })
  })
})
