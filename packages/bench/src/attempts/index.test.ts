import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as main from '../index.js';
import * as attempts from './index.js';
import { SPEED_ATTEMPTS } from './speed-attempts.js';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const ATTEMPT_EXPORTS = Object.keys(attempts);

describe('@fanin/bench/attempts', () => {
  it('exports the speed experiments, and the main entry none of them', () => {
    expect(ATTEMPT_EXPORTS).toEqual(
      expect.arrayContaining(['SPEED_ATTEMPTS', 'combineAttempts', 'FusedMlp', 'patchGradient']),
    );
    const leaked = ATTEMPT_EXPORTS.filter((name) => name in main);
    expect(leaked).toEqual([]);
    // What the suite still needs from the attempts is reached through its benchmarks.
    expect(main.attemptSpeed).toBeTypeOf('function');
  });

  it('its named attempts are the objects the suite times', () => {
    const { fusedDense, gatherBatches, kernelRelu, transposeFlags } = attempts;
    for (const attempt of [fusedDense, gatherBatches, kernelRelu, transposeFlags])
      expect(SPEED_ATTEMPTS).toContain(attempt);
  });

  it('is a subpath export with the same conditions as the main entry, pointing at files that exist', () => {
    const root = manifest.exports['.'];
    const subpath = manifest.exports['./attempts'];
    expect(Object.keys(subpath)).toEqual(Object.keys(root));
    expect(subpath['@fanin/source']).toBe('./src/attempts/index.ts');
    expect(existsSync(new URL(`../../${subpath['@fanin/source']}`, import.meta.url))).toBe(true);
    for (const condition of ['types', 'import', 'default'])
      expect(subpath[condition]).toMatch(/^\.\/dist\/attempts\/index\.(d\.ts|js)$/);
  });

  it('resolves by package name through the @fanin/source condition, as other packages import it', async () => {
    const byName = await import('@fanin/bench/attempts');
    expect(byName.SPEED_ATTEMPTS).toBe(SPEED_ATTEMPTS);
  });
});
