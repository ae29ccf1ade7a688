import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Parser } from '@asyncapi/parser'
import { createBridge } from '@wsbridge/core'
import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { NoJsonSchemaConverterError, toAsyncApi, toJsonSchemas, toTypesFile, toWireJsonSchema } from '../src/index.js'
import { routes as arktypeRoutes } from './fixtures/arktype-routes.js'
import { routes as noConverterRoutes } from './fixtures/no-converter-routes.js'
import { routes as valibotRoutes } from './fixtures/routes.js'
import { routes as zodRoutes } from './fixtures/zod-routes.js'

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const wsbridge = (...args: string[]) => run(process.execPath, [join(packageDir, 'bin/wsbridge.js'), ...args], { cwd: packageDir })

const libraries = [
  { library: 'zod', routes: zodRoutes },
  { library: 'arktype', routes: arktypeRoutes },
]

describe.each(libraries)('exports of $library routes', ({ routes }) => {
  it('give the types file valibot’s routes give (property order aside: arktype sorts keys)', () => {
    const lines = (text: string) => text.split('\n').sort()
    expect(lines(toTypesFile(routes))).toEqual(lines(toTypesFile(valibotRoutes)))
  })

  it('describe the wire, not the parsed value, and pin `type` on typed messages', () => {
    const schemas = toJsonSchemas(routes)
    expect(schemas['shout']?.client).toMatchObject({ properties: { text: { type: 'string', maxLength: 200 } }, required: ['text'] })
    expect(schemas['chat']?.messages?.['typing']).toMatchObject({ properties: { type: { const: 'typing' } }, required: ['type', 'on'] })
    expect(schemas['echo']).toEqual({ path: '/echo' })
  })

  it('make an AsyncAPI document the parser accepts, with one message per type', async () => {
    const doc = toAsyncApi(routes, { title: 'Chat', version: '1.0.0' })
    const { diagnostics } = await new Parser().parse(JSON.stringify(doc))
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([])
    const operations = doc['operations'] as Record<string, { messages: { $ref: string }[] }>
    expect(operations['chat.send']?.messages.map((m) => m.$ref.split('/').pop())).toEqual([
      'chat.server.said',
      'chat.server.joined',
      'chat.server.typing',
      'error',
    ])
  })
})

describe('toWireJsonSchema', () => {
  it('describes the input side of a transform for every library', () => {
    const expected = { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] }
    expect(toWireJsonSchema(v.object({ n: v.pipe(v.string(), v.transform(Number)) }), 'x')).toEqual(expected)
    expect(toWireJsonSchema(z.object({ n: z.string().transform(Number) }), 'x')).toEqual(expected)
    expect(toWireJsonSchema(type({ n: type('string').pipe(Number) }), 'x')).toMatchObject(expected)
  })

  it("keeps going past unrepresentable parts unless errorMode is 'throw', then names where", () => {
    const withDate = z.object({ at: z.date(), n: z.number() })
    expect(toWireJsonSchema(withDate, 'route "r" input')).toMatchObject({ properties: { n: { type: 'number' } } })
    expect(() => toWireJsonSchema(withDate, 'route "r" input', 'throw')).toThrow(/^route "r" input: /)
  })

  it('refuses a library with no converter with a message naming the route and the library', () => {
    expect(() => toJsonSchemas(noConverterRoutes)).toThrow(NoJsonSchemaConverterError)
    expect(() => toJsonSchemas(noConverterRoutes)).toThrow(
      /^route "counter" input is a "acme" schema with no JSON Schema converter: wsbridge converts valibot schemas, Standard JSON Schema/,
    )
    // The route itself is valid: only its export is refused.
    expect(() => createBridge(noConverterRoutes)).not.toThrow()
  })
})

describe('the CLI with Standard Schema routes', () => {
  it('exports zod and arktype routes', async () => {
    for (const file of ['zod-routes.ts', 'arktype-routes.ts']) {
      const { stdout } = await wsbridge('schema', join(packageDir, 'test/fixtures', file))
      expect(Object.keys(JSON.parse(stdout))).toEqual(['echo', 'shout', 'chat'])
    }
  })

  it('prints the no-converter message and exits 1, without a stack trace', async () => {
    const failed = wsbridge('types', join(packageDir, 'test/fixtures/no-converter-routes.ts'))
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^route "counter" input is a "acme" schema/) })
    await expect(failed).rejects.toMatchObject({ stderr: expect.not.stringContaining('    at ') })
  })
})
