import { arenaSuite } from './support/arena-suite.js'

arenaSuite(['workerd'])
