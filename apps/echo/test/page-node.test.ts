import { echoSuite } from './support/echo-suite.js'

echoSuite(['express', 'node-ws', 'hono-node'])
