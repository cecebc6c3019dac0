// pnpm hooks for the fanin workspace. Only one: what a published package.json says about its
// @fanin peers (docs/decisions/0005-versioning-while-0x.md).
//
// In the repo a plugin declares `"@fanin/core": "workspace:0.x"` as a peer, so that changesets
// does not turn every core minor into a major of every plugin. On npm, though, 0.x minors are
// breaking, so the published peer range is the caret range of the version being released
// (`^0.1.0`): npm then refuses to pair a plugin with a core from another minor.
const { readFileSync, readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

/** Versions of the workspace's packages by name, read when a package is packed. */
function workspaceVersions() {
  const versions = new Map();
  for (const folder of ['packages', 'apps']) {
    const root = join(__dirname, folder);
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) {
      const file = join(root, name, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      versions.set(manifest.name, manifest.version);
    }
  }
  return versions;
}

function beforePacking(manifest) {
  const peers = manifest.peerDependencies;
  if (!peers) return manifest;
  const versions = workspaceVersions();
  for (const [name, range] of Object.entries(peers)) {
    if (!name.startsWith('@fanin/')) continue;
    if (range.replace(/^workspace:/, '') !== '0.x') continue;
    const version = versions.get(name);
    if (!version) throw new Error(`${manifest.name}: peer ${name} is not a workspace package`);
    peers[name] = `^${version}`;
  }
  return manifest;
}

module.exports = { hooks: { beforePacking } };
