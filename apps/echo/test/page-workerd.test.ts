import { echoSuite } from './support/echo-suite.js'

echoSuite(['workerd'])
