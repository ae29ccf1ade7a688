#!/usr/bin/env node
// Sums every junit report the test run wrote (vitest and bun test alike) into the final
// `N passed, M failed` line. A package whose test script declares a report but did not write one
// counts as a failure, so a crashed runner cannot make the summary look green.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const reportsDir = join(root, '.reports')

function expectedReports() {
  const names = []
  for (const group of ['packages', 'apps']) {
    for (const dir of readdirSync(join(root, group))) {
      const manifest = join(root, group, dir, 'package.json')
      if (!existsSync(manifest)) continue
      const script = JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test ?? ''
      for (const match of script.matchAll(/\.reports\/([\w.-]+\.xml)/g)) names.push(match[1])
    }
  }
  return names
}

function count(xml) {
  let passed = 0
  let failed = 0
  let skipped = 0
  for (const match of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = match[2] ?? ''
    if (/<(failure|error)\b/.test(body)) failed++
    else if (/<skipped\b/.test(body)) skipped++
    else passed++
  }
  return { passed, failed, skipped }
}

let passed = 0
let failed = 0
let skipped = 0
for (const name of expectedReports()) {
  const file = join(reportsDir, name)
  if (!existsSync(file)) {
    console.log(`${name}: no report written (runner crashed or did not run) — counted as 1 failure`)
    failed++
    continue
  }
  const result = count(readFileSync(file, 'utf8'))
  console.log(`${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`)
  passed += result.passed
  failed += result.failed
  skipped += result.skipped
}
console.log(`${passed} passed, ${failed} failed${skipped ? ` (${skipped} skipped)` : ''}`)
process.exit(failed > 0 ? 1 : 0)
