import type { WebSocketLike } from '../../src/client/socket.js'

/**
 * A WebSocket the test drives by hand: it opens, receives and closes when told to, so a property
 * can replay any sequence of socket events against the client's state machine without a server.
 * `close()` only records the request, as a browser reports the close later, asynchronously.
 */
export class FakeSocket implements WebSocketLike {
  static readonly created: FakeSocket[] = []
  readonly url: string
  readyState = 0
  readonly bufferedAmount = 0
  binaryType = 'blob'
  onopen: ((event: unknown) => void) | null = null
  onmessage: ((event: unknown) => void) | null = null
  onclose: ((event: unknown) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  readonly sent: unknown[] = []
  closeRequested: [number | undefined, string | undefined] | undefined

  constructor(url: string) {
    this.url = url
    FakeSocket.created.push(this)
  }

  send(data: unknown): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError: not open')
    this.sent.push(data)
  }

  close(code?: number, reason?: string): void {
    this.closeRequested = [code, reason]
    if (this.readyState < 2) this.readyState = 2
  }

  // ---- what the property makes the network do --------------------------------------------------

  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }

  receive(data: unknown): void {
    this.onmessage?.({ data })
  }

  fail(message: unknown): void {
    this.onerror?.({ message })
  }

  closed(code: number, reason: string): void {
    this.readyState = 3
    this.onclose?.({ code, reason })
  }
}
