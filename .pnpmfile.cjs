// Published manifests carry what a user's install needs, not how this repository builds and tests
// itself: scripts name monorepo paths (../../.reports, the shared tsup config) and devDependencies
// are ours. pnpm runs beforePacking for `pnpm pack` and `pnpm publish` only.
module.exports = {
  hooks: {
    beforePacking(manifest) {
      delete manifest.scripts
      delete manifest.devDependencies
      return manifest
    },
  },
}
