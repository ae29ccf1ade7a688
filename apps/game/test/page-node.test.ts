import { arenaSuite } from './support/arena-suite.js'

arenaSuite(['express', 'node-ws'])
