import { fileURLToPath } from 'node:url'
import { describeStartupFailures } from '@wsbridge/app-kit/startup-cases'
import { hostCommand } from '../src/server/hosts.js'

describeStartupFailures(
  'echo',
  ['express', 'node-ws', 'hono-node', 'bun', 'hono-bun', 'deno'],
  hostCommand,
  fileURLToPath(new URL('../', import.meta.url)),
)
