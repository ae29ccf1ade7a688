/**
 * Differences between runtimes, declared once and used with `skipIf` in the suite. Every flag that
 * is false must carry a reason in `reasons` so the compatibility table can print it.
 */
export interface HostCapabilities {
  /** Bun's server.publish / ws.publish is used for topic fan-out. */
  readonly nativePubSub: boolean
  /** The host serves a plain HTTP route at GET /health on the same port (proves coexistence). */
  readonly httpRoutes: boolean
  /**
   * The runtime answers a protocol error (RFC 6455 §7.1.7) with a close frame carrying the code
   * (1002/1007/1009). False for runtimes that drop the TCP connection instead, which is safe too;
   * the security group's malformed-frame cases then accept a drop.
   */
  readonly protocolCloseFrames: boolean
  /**
   * The host can be killed and started again on the same port (the suite does it: SIGKILL, then the
   * command again), as a crash or redeploy would. True by default for a host command; false where a
   * restart cannot keep the address.
   */
  readonly restart?: boolean
  /**
   * The host's app answers every plain HTTP request it has no route of its own for with 200 and the
   * body `app` (a catch-all, as an SPA's): cases then check that upgrades under the prefix are still
   * wsbridge's (404 for no route) while plain requests reach the app. Optional, like `restart`.
   */
  readonly fallbackRoute?: boolean
  /**
   * The runtime caps the frames one message may arrive in and takes the bridge's `maxFragments`
   * (ws). False where the runtime has no such cap (Bun): a message's size is still bounded by
   * `maxPayloadLength`. Optional, like `restart`.
   */
  readonly fragmentLimit?: boolean
  /**
   * The adapter reads the request target as the client sent it (Node's `request.url`), so a `\` in
   * the path is refused like any invalid target. False where the runtime hands over only the URL it
   * parsed (Bun): a `\` in the path arrives as `/`, DEL and non-ASCII bytes percent-encoded, and
   * what it refuses itself (control characters) it answers before any handler. Optional.
   */
  readonly rawRequestTarget?: boolean
  /**
   * The runtime negotiates permessage-deflate when the bridge enables compression (ws, Bun). False
   * where it has no permessage-deflate (Deno's server WebSocket): frames then go uncompressed.
   * Optional; true unless declared.
   */
  readonly compression?: boolean
  /**
   * The runtime fails the connection on every framing violation of RFC 6455 §5, including a client
   * frame without a mask (§5.1) and a pong over 125 bytes (§5.5). False where it serves those (Deno
   * reads an unmasked frame like a masked one and takes any pong). Optional; true unless declared.
   */
  readonly strictFraming?: boolean
  /**
   * A peer the heartbeat found dead is dropped without a close frame. False where the runtime's own
   * heartbeat ends it (Deno's `idleTimeout`: a close frame, then the drop); onClose still gets 1006
   * `Heartbeat timeout` once. Optional; true unless declared.
   */
  readonly heartbeatDrop?: boolean
  /**
   * The server's close frame reaches a peer that is still sending. False where the runtime, once
   * closing, drops the connection at the peer's next frame before its own close frame is written
   * (Deno): a client flooding past the rate limit may then read 1006 instead of 1008. Optional; true
   * unless declared.
   */
  readonly closeWhileReceiving?: boolean
  /**
   * `terminate()` drops the TCP connection without a close frame (the client sees 1006). False where
   * the runtime can only close with a frame (workerd). Optional; true unless declared.
   */
  readonly abortiveClose?: boolean
  /** The transport sends WebSocket pings, so core's heartbeat finds dead peers. Optional; true unless declared. */
  readonly serverPing?: boolean
  /** A refusal goes out with core's headers as given (`Connection: close`). Optional; true unless declared. */
  readonly refusalHeaders?: boolean
  /**
   * The runtime reports a client's protocol violation (malformed frame, bad close code) to the
   * adapter and fails the connection with or without a close frame. Optional; true unless declared.
   */
  readonly protocolErrors?: boolean
  /** The runtime takes the bridge-wide `maxPayloadLength` (its own refusal words aside). Optional; true unless declared. */
  readonly payloadLimit?: boolean
  /** permessage-deflate is negotiated only when the bridge enables it. Optional; true unless declared. */
  readonly compressionControl?: boolean
  /** The runtime reports the bytes it has queued (`bufferedAmount`), so backpressure limits apply. Optional; true unless declared. */
  readonly bufferedAmount?: boolean
  /** The runtime refuses or drops an upgrade with over 1,000 headers. Optional; true unless declared. */
  readonly headerLimit?: boolean
  /** An upgrade with a method other than GET reaches the adapter (which refuses it 400). Optional; true unless declared. */
  readonly nonGetUpgrade?: boolean
  /**
   * A close the server starts outside the socket's own events reaches the client and ends the
   * connection promptly: from a timer or alarm (idle timeout) or from another socket's event or
   * request (shutdown). Optional; true unless declared.
   */
  readonly closeOutsideEvents?: boolean
  /** A close in `onOpen`'s synchronous part, before the 101 is out, reaches the client. Optional; true unless declared. */
  readonly closeInOpen?: boolean
}

/**
 * A host the suite drives over the wire: a command that serves the conformance fixture
 * (`@wsbridge/conformance/fixture`) on 127.0.0.1 and announces its port on stdout. The suite starts
 * it once for the run and again for cases that need other bridge options, each time with the
 * fixture's config in the `WSBRIDGE_CONFORMANCE` environment variable (see docs/conformance.md).
 */
export interface ConformanceHost {
  /** Printed in `conformance <name>: N passed, M failed`, e.g. `node-ws`, `hono-bun`. */
  readonly name: string
  /** The program and its arguments, e.g. `['bun', 'test/host-main.ts']` or `['deno', 'run', '-A', 'host.ts']`. */
  readonly command: readonly [string, ...string[]]
  /** Working directory of the command. Default: the suite's. */
  readonly cwd?: string
  /** Extra environment for the command (the suite's own environment is passed too). */
  readonly env?: Readonly<Record<string, string>>
  /** Milliseconds to wait for the host's ready line. Default 30000 (a cold runtime compiles first). */
  readonly startTimeout?: number
  /** What the host can do where it differs from `defaultCapabilities`; a case needing a false one is skipped. */
  readonly capabilities?: Partial<HostCapabilities>
  /** Why a capability is false, keyed by capability name. */
  readonly reasons?: Partial<Record<keyof HostCapabilities, string>>
}
