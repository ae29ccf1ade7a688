import { defineProject, type UserWorkspaceConfig } from 'vitest/config'

type ProjectTest = NonNullable<UserWorkspaceConfig['test']>

/**
 * The vitest project every wsbridge package shares: its name, and tests in `src/` and `test/`.
 * `test` adds what a package needs of its own (timeouts, type tests) and wins over these defaults.
 * Each package still keeps a vitest.config.ts that calls this: vitest looks for a config upward
 * from where it runs, so `vitest run` inside a package and the root project list both find it.
 * adapter-bun and the Bun half of adapter-hono run under `bun test` and never read this.
 */
export function packageProject(name: string, test: Omit<ProjectTest, 'name'> = {}): UserWorkspaceConfig {
  return defineProject({
    test: { name, include: ['src/**/*.test.ts', 'test/**/*.test.ts'], ...test },
  })
}
