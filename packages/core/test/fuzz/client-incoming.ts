import fc from 'fast-check'
import { errorCodes } from '../../src/index.js'
import { anyText } from './text.js'

// What a server (or anything pretending to be one) can send the browser client, for the client's
// fuzz suites: client-frames.test.ts decodes it, client.test.ts drives the state machine with it.

const hugeNumber = fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2, 0.5, -1)
const controlLike = fc.oneof(
  fc.record(
    {
      '~': fc.constantFrom('msg', 'gap', 'pong', 'ping', '', 'other'),
      t: fc.oneof(anyText(6), fc.integer()),
      e: fc.oneof(anyText(4), fc.constant(null)),
      s: fc.oneof(fc.integer(), hugeNumber),
      d: fc.jsonValue({ maxDepth: 2 }),
      after: fc.oneof(fc.integer(), hugeNumber),
      next: fc.oneof(fc.integer(), hugeNumber),
    },
    { requiredKeys: ['~'] },
  ),
  fc.record(
    {
      type: fc.constant('error'),
      code: fc.oneof(fc.constantFrom(...Object.keys(errorCodes), 'toString', '__proto__'), anyText(6)),
      message: fc.oneof(anyText(10), fc.integer()),
      issues: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: ['type'] },
  ),
)
/** What a socket's message event may carry: text of any kind, bytes in any view, or nonsense. */
export const incomingData = fc.oneof(
  { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 3, arbitrary: controlLike.map((value) => JSON.stringify(value).replace('1e+308', '1e400')) },
  { weight: 2, arbitrary: anyText(20) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 16 })
      .chain((bytes) => fc.constantFrom<unknown>(bytes, bytes.buffer, new DataView(bytes.buffer), new Blob([bytes]))),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 42, {}, [], '{"~":"msg","t":"__proto__","e":"x","s":1,"d":1}') },
)
