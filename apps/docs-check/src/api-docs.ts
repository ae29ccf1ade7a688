import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  Application,
  type Context,
  Converter,
  type DeclarationReflection,
  LogLevel,
  type ProjectReflection,
  ReflectionKind,
  ReflectionType,
} from 'typedoc'
import { type EntryPoint, entryPoints, packagesDir } from './exports.js'

/**
 * docs/api/: the API reference TypeDoc generates from the doc comments of every public entry point
 * (each published package's `exports` map), as Markdown so it is readable on GitHub without a build.
 * Generation fails when an export or a member has no doc comment or a `{@link}` does not resolve, so the
 * reference cannot silently lose an entry; the test regenerates it to hold the committed copy to
 * the source.
 */

export const apiDir: string = new URL('../../../docs/api/', import.meta.url).pathname
const rootDir = new URL('../../../', import.meta.url).pathname

/** `@wsbridge/core/client` → `@wsbridge/core`. */
const packageOf = (specifier: string): string => specifier.split('/').slice(0, 2).join('/')

/** Published entry points only: a private package is nobody's API. */
export function publishedEntryPoints(): EntryPoint[] {
  return entryPoints(packagesDir).filter((entry) => {
    const manifest = JSON.parse(readFileSync(join(entry.file.split('/src/')[0]!, 'package.json'), 'utf8')) as { private?: boolean }
    return manifest.private !== true
  })
}

/**
 * Every export of an entry point must carry a doc comment (on the declaration or, for a function,
 * its signature). Members are checked by TypeDoc's own `notDocumented` validation (see
 * `undocumentedMemberLimit`).
 */
export function undocumentedExports(project: ProjectReflection): string[] {
  const missing: string[] = []
  for (const module of project.children ?? []) {
    for (const exported of module.children ?? []) {
      if (exported.isReference()) continue
      const signatures =
        exported.type instanceof ReflectionType ? exported.type.declaration.getNonIndexSignatures() : exported.getNonIndexSignatures()
      if (!exported.hasComment() && !signatures.some((signature) => signature.hasComment()))
        missing.push(`${module.name}: ${exported.name} (${ReflectionKind[exported.kind]}) has no doc comment`)
    }
  }
  return missing
}

/**
 * Members (properties, methods, constructors, entries of exported objects) allowed without a doc
 * comment: 0, so generation fails on any undocumented member, as on any undocumented export. It was
 * a ratchet while members gained comments (generation also fails when fewer remain than allowed, so
 * the number could only go down); keep it at 0.
 */
export const undocumentedMemberLimit = 0

/** What `generateApiDocs` reads; every field defaults to the workspace's published packages. */
export interface ApiDocsOptions {
  /** The entry points to document (default: every published one). */
  readonly entries?: readonly EntryPoint[]
  /** The tsconfig whose program holds the entry points. */
  readonly tsconfig?: string
  /** How many undocumented members are tolerated (default `undocumentedMemberLimit`). */
  readonly memberLimit?: number
}

/** What generation found: problems fail it; `undocumentedMembers` lists what TypeDoc flagged. */
export interface ApiDocsResult {
  readonly problems: string[]
  readonly undocumentedMembers: string[]
}

const NOT_DOCUMENTED = /does not have any documentation/

/** Generates the reference into `out` when nothing is wrong; resolves to what was found. */
export async function generateApiDocs(out: string = apiDir, options: ApiDocsOptions = {}): Promise<ApiDocsResult> {
  const entries = options.entries ?? publishedEntryPoints()
  const limit = options.memberLimit ?? undocumentedMemberLimit
  const moduleNames = new Map(entries.map((entry) => [entry.file, entry.specifier]))
  const problems: string[] = []
  const members: string[] = []
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((entry) => entry.file),
    plugin: ['typedoc-plugin-markdown'],
    tsconfig: options.tsconfig ?? join(rootDir, 'apps/docs-check/tsconfig.api.json'),
    out,
    readme: 'none',
    name: 'wsbridge API',
    disableSources: true,
    excludePrivate: true,
    // Members inherited from Node's EventEmitter link to Node's docs rather than failing as unresolved.
    externalSymbolLinkMappings: { '@types/node': { '*': 'https://nodejs.org/api/events.html' } },
    excludeInternal: true,
    sort: ['kind', 'alphabetical'],
    validation: { notExported: false, notDocumented: true, invalidLink: true, rewrittenLink: true },
    // TypeDoc only holds the root package to this by default; every published package is held to it.
    packagesRequiringDocumentation: [...new Set(entries.map((entry) => packageOf(entry.specifier)))],
    treatValidationWarningsAsErrors: true,
    treatWarningsAsErrors: true,
    skipErrorChecking: true,
    logLevel: 'Warn',
    entryPointStrategy: 'resolve',
    // typedoc-plugin-markdown: one page per entry point, so a package's surface reads top to bottom.
    outputFileStrategy: 'modules',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: false,
  } as Parameters<typeof Application.bootstrapWithPlugins>[0])
  // Name each module after the specifier users import, not its file path.
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context: Context, reflection: DeclarationReflection) => {
    if (reflection.kind !== ReflectionKind.Module) return
    const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName
    const name = file === undefined ? undefined : moduleNames.get(file)
    if (name !== undefined) reflection.name = name
  })
  // Collected rather than printed, so the test can show them; warnings count as problems, except
  // TypeDoc's "does not have any documentation", which the member ratchet counts.
  app.logger.log = (message, level) => {
    if (level < LogLevel.Warn) return
    const text = message.replaceAll(rootDir, '')
    if (NOT_DOCUMENTED.test(text)) members.push(text)
    else problems.push(text)
  }
  const project = await app.convert()
  if (!project) return { problems: [...problems, 'TypeDoc could not convert the project'], undocumentedMembers: members }
  app.validate(project)
  problems.push(...undocumentedExports(project))
  if (members.length > limit)
    problems.push(...members, `${members.length} undocumented members, more than the ${limit} allowed (undocumentedMemberLimit)`)
  else if (members.length < limit)
    problems.push(
      `only ${members.length} undocumented members remain: lower undocumentedMemberLimit in src/api-docs.ts to ${members.length}`,
    )
  if (problems.length === 0) await app.generateOutputs(project)
  return { problems, undocumentedMembers: members }
}
