import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../cli/errors.js';
import { Output } from '../output/output.js';
import { examplesDirectory, exampleNames, locateConfig, shippedExample } from './config-path.js';

/** An Output whose stderr lines are collected. */
function capture() {
  const lines: string[] = [];
  const stream = { write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) };
  return { output: new Output(stream, stream, { json: false, quiet: false }), lines };
}

const elsewhere = mkdtempSync(join(tmpdir(), 'fanin-config-'));
const own = mkdtempSync(join(tmpdir(), 'fanin-config-own-'));
mkdirSync(join(own, 'examples'));
writeFileSync(join(own, 'examples', 'model.json'), '{}');

describe('the shipped examples', () => {
  it("are apps/cli/examples, found from this module's package", () => {
    expect(examplesDirectory()).toBe(resolve(import.meta.dirname, '..', '..', 'examples'));
    expect(exampleNames()).toEqual(['cnn-sweep.json', 'cnn.json', 'model.json', 'sweep.json']);
  });

  it('are named by examples/<name> only', () => {
    expect(shippedExample('examples/model.json')).toBe(join(examplesDirectory(), 'model.json'));
    expect(shippedExample('./examples/sweep.json')).toBe(join(examplesDirectory(), 'sweep.json'));
    expect(shippedExample('model.json')).toBeUndefined();
    expect(shippedExample('examples/nope.json')).toBeUndefined();
    expect(shippedExample('examples/../package.json')).toBeUndefined();
  });
});

describe('locateConfig', () => {
  it('falls back to the shipped example from any directory, with a status line naming it', () => {
    const { output, lines } = capture();
    const file = locateConfig('examples/model.json', elsewhere, output);
    expect(file).toBe(join(examplesDirectory(), 'model.json'));
    expect(lines).toEqual([
      `no examples/model.json in ${elsewhere}: using the example shipped with @fanin/cli, ${file}`,
    ]);
  });

  it("prefers the user's own file of the same name, silently", () => {
    const { output, lines } = capture();
    expect(locateConfig('examples/model.json', own, output)).toBe('examples/model.json');
    expect(lines).toEqual([]);
  });

  it('names the path tried and where the examples are when neither exists', () => {
    for (const file of ['examples/nope.json', 'nope.json']) {
      const attempt = () => locateConfig(file, elsewhere, capture().output);
      expect(attempt).toThrow(ConfigFileError);
      expect(attempt).toThrow(
        `${file}: no such file (tried ${join(elsewhere, file)}); the examples shipped with @fanin/cli are in ${examplesDirectory()} (cnn-sweep.json, cnn.json, model.json, sweep.json)`,
      );
    }
  });
});
