import { arenaSuite } from './support/arena-suite.js'

arenaSuite(['hono-node', 'hono-bun'])
