import type { EchoSettings, FanoutSettings } from '../config.js'
import type { TargetSpec } from '../targets/registry.js'

/**
 * The runtimes counted under callgrind: Node and Bun. Deno's targets run in `pnpm bench` only; how to
 * keep its V8 background work off the count (the flags valgrind.ts gives Node) is not worked out.
 */
export type CountedRuntime = Exclude<TargetSpec['runtime'], 'deno'>
/** A target on a counted runtime. */
export type CountedSpec = TargetSpec & { readonly runtime: CountedRuntime }
export const isCounted = (spec: TargetSpec): spec is CountedSpec => spec.runtime !== 'deno'

export const instructionScenarios = ['echo', 'typed', 'fanout', 'request'] as const
export type InstructionScenario = (typeof instructionScenarios)[number]

/**
 * Bun's fan-out is left out: its count moved by 10–40% between runs of the same build. Bun (uWS)
 * batches a subscriber's frames per event-loop turn, so the count depends on how many publishes one
 * turn handles, which is timing; on a busy machine the generator also stalled at the window's
 * edges long enough for the scenario's watchdog to write deliveries off and publish again.
 */
export const measured = (spec: TargetSpec, scenario: InstructionScenario): boolean =>
  (scenario !== 'typed' || spec.typed) &&
  !(scenario === 'fanout' && spec.runtime === 'bun') &&
  (scenario !== 'request' || servesRequests(spec))

/**
 * Request/response (the echo load, each probe a request) is compared with socket.io's `emitWithAck`,
 * on Node, as in `pnpm bench`: wsbridge's Node targets and socket.io. The raw runtime's reference is its echo.
 */
export const servesRequests = (spec: TargetSpec): boolean =>
  spec.runtime === 'node' && (spec.kind === 'wsbridge' || spec.protocol === 'socket.io')

export interface InstructionSettings {
  readonly echo: EchoSettings
  readonly fanout: FanoutSettings
  /** Server CPU (ms, uninstrumented) since the generator started before a window may open. */
  readonly warmCpuMs: Record<CountedRuntime, { readonly echo: number; readonly fanout: number }>
  /** Windows should close this soon after the generator starts: before the first heartbeat ping. */
  readonly windowDeadlineMs: Record<CountedRuntime, number>
}

/**
 * The load for `bench:instructions`: the bench's own scenarios, shaped for a server under callgrind
 * (~100M instructions/s: ~2,000 Node echo messages/s) and for a count that does not depend on timing.
 *
 * - Echo, typed and request: one client, one probe in flight (ping-pong). Every message is then one
 *   wake-up, one read and one write, whatever the machine's load. With messages in flight from
 *   several clients (`--echo=16x8`) a read picks up however many have arrived, which depends on
 *   how promptly the client runs, so the count moves with load. Ping-pong bills each message a
 *   whole event-loop turn, so the same per-message overhead is a smaller ratio than under the
 *   pipelined load of `pnpm bench`: wsbridge-node-ws added ~1,900 instructions per echo message to
 *   raw ws's in both shapes, 1.046x of raw ws's 41,700 in ping-pong and 1.064x of its 30,400 at 16x8.
 * - Fan-out: 100 subscribers, not 1,000: code tiers up by how often it runs, and per-publish code
 *   runs once per 100 deliveries; at 200 it was still being compiled in the window, even with
 *   V8's tier-up budget lowered for fan-out (valgrind.ts). The work done
 *   once per publish (reading, parsing, routing the message) is spread over 100 deliveries instead
 *   of 1,000, so it weighs more in the per-delivery count than in `pnpm bench`. Bursts of 1: 1–2
 *   publishes in flight, so the deliveries in flight at the two window edges differ by at most 99.
 *   Whether one loop turn handles one publish or two still depends on timing; Node sends each
 *   delivery with its own write and hardly notices (≤0.25% between runs). socket.io (engine.io)
 *   buffers a socket's packets until its previous write completes, so its count moved by 16%
 *   between two runs (11,249 and 13,039): its fan-out margin lines are shown, not judged. Bun
 *   batches a subscriber's frames per loop turn and is left out (`measured`).
 * - Warm-up runs uninstrumented (~5x slower than native) until the server has used `warmCpuMs` of
 *   CPU: code tiers up by how much of it has run, and CPU, unlike wall time, is not stretched by a
 *   busy machine. With 3 s instead of 6 s, wsbridge-bun's typed count was 16% higher: JSC had not
 *   yet compiled valibot's path with its optimizing tiers.
 * - Every window should close before the servers' own timers start: socket.io pings every client
 *   25 s after it connects, wsbridge every 30 s (its default heartbeat). The first pong takes ws's
 *   receiver down a path it has not seen, so V8 deoptimizes it, and in fan-out the receiver runs
 *   once per publish: it was still being recompiled 15 s later (2.4% of wsbridge's window). And
 *   natively a ping per connection per 30 s is lost among millions of messages, while a callgrind
 *   window holds ~50x fewer, so the same ping would weigh ~50x more. A window that closes after
 *   `windowDeadlineMs` (a very busy machine) is flagged under the table.
 * - Window length: a scavenge (young-generation GC) happens every few thousand echo messages, and
 *   a window holds a whole number of them; over 16 s that is worth ~0.1% either way.
 */
export const instructionSettings: InstructionSettings = {
  echo: { clients: 1, depth: 1, warmupMs: 1_000, windowMs: 16_000 },
  fanout: { subscribers: 100, burst: 1, warmupMs: 1_000, windowMs: 10_000 },
  warmCpuMs: { node: { echo: 4_000, fanout: 9_000 }, bun: { echo: 6_000, fanout: 0 } },
  // Node: socket.io's first ping at 25 s; Bun: wsbridge's first heartbeat at 30 s.
  windowDeadlineMs: { node: 24_500, bun: 29_500 },
}
