import { echoSuite } from './support/echo-suite.js'

echoSuite(['hono-bun', 'bun', 'deno'])
