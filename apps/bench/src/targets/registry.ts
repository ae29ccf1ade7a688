/** Every server the bench drives. Each entry is a small file in this folder, started as its own process. */
export interface TargetSpec {
  readonly name: string
  readonly runtime: 'node' | 'bun' | 'deno'
  /** File in src/targets. */
  readonly entry: string
  readonly protocol: 'websocket' | 'socket.io'
  readonly kind: 'wsbridge' | 'raw' | 'alternative'
  /** Serves /typed: the valibot-validated typed route (wsbridge only). */
  readonly typed: boolean
}

const target = (
  name: string,
  runtime: TargetSpec['runtime'],
  kind: TargetSpec['kind'],
  protocol: TargetSpec['protocol'] = 'websocket',
): TargetSpec => ({
  name,
  runtime,
  entry: `${name}.ts`,
  protocol,
  kind,
  typed: kind === 'wsbridge',
})

export const targets: readonly TargetSpec[] = [
  target('raw-ws', 'node', 'raw'),
  target('raw-bun', 'bun', 'raw'),
  target('wsbridge-node-ws', 'node', 'wsbridge'),
  target('wsbridge-express', 'node', 'wsbridge'),
  target('wsbridge-hono-node', 'node', 'wsbridge'),
  target('wsbridge-bun', 'bun', 'wsbridge'),
  target('wsbridge-hono-bun', 'bun', 'wsbridge'),
  target('raw-deno', 'deno', 'raw'),
  target('wsbridge-deno', 'deno', 'wsbridge'),
  target('hono-node', 'node', 'alternative'),
  target('hono-bun', 'bun', 'alternative'),
  target('crossws-node', 'node', 'alternative'),
  target('crossws-bun', 'bun', 'alternative'),
  target('socketio', 'node', 'alternative', 'socket.io'),
]

/** The plain runtime each target runs on: what "ratio to raw" divides by. */
export const rawOf = (spec: TargetSpec): string => rawTargets[spec.runtime]

const rawTargets: Record<TargetSpec['runtime'], string> = { node: 'raw-ws', bun: 'raw-bun', deno: 'raw-deno' }
