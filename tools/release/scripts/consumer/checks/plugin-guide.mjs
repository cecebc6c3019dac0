// A third-party plugin made by following "Writing a plugin" word for word: every sh block of the
// guide runs, in order, and every file it shows is written where the reader is. The guide
// publishes the plugin to the (local) registry and uses it from a fresh TypeScript application.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guideScript } from '../guide.mjs';
import { check } from '../project.mjs';
import { log, run } from '../shell.mjs';

const GUIDE = 'guide/writing-a-plugin.md';

export async function pluginGuide({ area, env, repoRoot, url }) {
  const cwd = area.folder('plugin-guide');
  const script = guideScript(repoRoot, GUIDE);
  writeFileSync(join(cwd, 'guide.sh'), script);
  const { stdout } = await run('bash', ['guide.sh'], { cwd, env, timeout: 900_000 });
  const response = await fetch(`${url}@acme%2ffanin-squareplus`);
  check(response.ok, `the guide did not publish @acme/fanin-squareplus (${response.status})`);
  const packument = await response.json();
  const latest = packument['dist-tags'].latest;
  const tarball = Buffer.from(
    await (await fetch(packument.versions[latest].dist.tarball)).arrayBuffer(),
  );
  const file = join(cwd, 'plugin.tgz');
  writeFileSync(file, tarball);
  const files = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
  check(/package\/dist\/index\.d\.ts/.test(files), `the published plugin has no types:\n${files}`);
  const printed = stdout.trim().split('\n').at(-1) ?? '';
  const values = JSON.parse(printed.startsWith('[') ? printed : 'null');
  const expected = [-2, 0, 2].map((x) => (x + Math.sqrt(x * x + 4)) / 2);
  check(
    Array.isArray(values) && values.every((value, i) => Math.abs(value - expected[i]) < 1e-5),
    `the guide's application printed ${printed}, not squareplus of [-2, 0, 2]: ${expected}`,
  );
  log(
    `plugin: the guide published @acme/fanin-squareplus@${latest} with types; its app printed ${printed}`,
  );
  return { version: latest, appOutput: printed };
}
