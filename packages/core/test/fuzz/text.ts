/**
 * The conformance kit's strings and close-frame oracles, read by path: one copy for both fuzz suites.
 * Not a package dependency (the kit depends on core); that file imports only fast-check and vitest,
 * both devDependencies here, so fast-check stays out of core's published package.
 */
export * from '../../../conformance/src/fuzz/text.js'
