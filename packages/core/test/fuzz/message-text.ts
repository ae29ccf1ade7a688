import fc from 'fast-check'
import { anyText, loneSurrogate, unicodeChar } from './text.js'

/** Text frames a hostile or careless client sends: JSON and not-quite-JSON of every shape. */

export const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', '\\u005f_proto__', '\\u0063onstructor'] as const

const nested = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([depth, open, closed]) => {
  const close = open === '[' ? ']' : '}'
  return open.repeat(depth) + (open === '[' ? '' : '1') + (closed ? close.repeat(depth) : close.repeat(Math.max(0, depth - 1)))
})

const hugeNumber = fc.oneof(
  fc.constantFrom(
    '1e400',
    '-1e400',
    '1e-400',
    '-0',
    '0.0000000000000000000000001',
    '123456789012345678901234567890',
    '9007199254740993',
    '1E+308',
    '-1.7976931348623157e309',
  ),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
)

/** A JSON string literal holding a raw lone surrogate or its `\u` escape. */
const surrogateString = fc
  .tuple(loneSurrogate, fc.boolean())
  .map(([unit, escaped]) => (escaped ? `"\\u${unit.charCodeAt(0).toString(16)}"` : JSON.stringify(unit).replace(/\\u[0-9a-f]{4}/g, unit)))

const dangerousKey = fc.constantFrom(...DANGEROUS_KEYS)

/** Objects smuggling prototype keys next to (or inside) ordinary content, as text. */
const prototypeKeys = fc
  .tuple(
    dangerousKey,
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('join', 'say', 'count', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
    fc.boolean(),
  )
  .map(([key, value, type, inside]) => {
    const smuggled = `"${key}":${JSON.stringify({ polluted: true, type, value })}`
    return inside
      ? `{"type":${JSON.stringify(type)},"meta":{${smuggled},"tags":[]},"text":"t","roomId":"r","n":1}`
      : `{${smuggled},"type":${JSON.stringify(type)}}`
  })

/** Values shaped like the typed routes' messages, valid or slightly off, so handlers run too. */
export const typedMessage = fc.oneof(
  fc.record({ type: fc.constant('join'), roomId: fc.oneof(anyText(12), fc.constant(''), fc.integer()) }),
  fc.record({
    type: fc.constant('say'),
    text: anyText(20),
    meta: fc.oneof(fc.record({ tags: fc.array(anyText(6), { maxLength: 3 }) }), fc.constant(null), fc.record({ tags: fc.constant('x') })),
  }),
  fc.record({ type: fc.constant('count'), n: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2)) }),
  fc.record({ type: fc.oneof(anyText(8), fc.integer(), fc.constant(null)), extra: fc.jsonValue({ maxDepth: 1 }) }),
  fc.record({
    text: anyText(10),
    items: fc.array(fc.record({ qty: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constant('1')) }), { maxLength: 3 }),
  }),
)

/** One text frame. */
export const messageText = fc.oneof(
  { weight: 3, arbitrary: fc.json({ maxDepth: 4, stringUnit: unicodeChar }) },
  { weight: 3, arbitrary: typedMessage.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: nested },
  {
    weight: 2,
    arbitrary: fc.tuple(hugeNumber, fc.constantFrom(0, 1, 2)).map(([n, shape]) => [n, `{"type":"count","n":${n}}`, `[${n}]`][shape]!),
  },
  { weight: 1, arbitrary: hugeNumber },
  { weight: 2, arbitrary: surrogateString },
  { weight: 2, arbitrary: prototypeKeys },
  { weight: 2, arbitrary: anyText(30) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"~":"ping"}',
      '{"~":"pong"}',
      '',
      ' ',
      'null',
      '"',
      '{',
      '}',
      '[]',
      '{}',
      '{"type":"join","roomId":"r"',
      'NaN',
      'Infinity',
      'undefined',
      '\uFEFF{}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('a', 'я', '😀'), fc.integer({ min: 1000, max: 5000 })).map(([c, n]) => JSON.stringify(c.repeat(n))),
  },
)
