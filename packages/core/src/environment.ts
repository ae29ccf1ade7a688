/**
 * `NODE_ENV === 'production'`, read through globalThis so core stays runtime-neutral: on runtimes
 * without `process` (browsers, Workers without node compat) it is false, which means the
 * development defaults (output checks, refusal hints) apply there.
 */
export const isProduction = (): boolean =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['NODE_ENV'] === 'production'
