import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, temporaryDirectory } from './fanin.js';

function safetensorsShapes(path: string): Record<string, number[]> {
  const bytes = readFileSync(path);
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8'));
  return Object.fromEntries(
    Object.entries(header)
      .filter(([name]) => name !== '__metadata__')
      .map(([name, info]) => [name, (info as { shape: number[] }).shape]),
  );
}

beforeAll(() => {
  requireBuild();
});

describe('the conv examples', () => {
  it('trains examples/cnn.json (conv + batch norm + dropout) on MNIST images past 90%', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(
      ['train', '--config', 'examples/cnn.json', '--epochs', '2', '--json'],
      directory,
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.model.inputShape).toEqual([28, 28, 1]);
    expect(result.final.val_accuracy).toBeGreaterThan(0.9);
    const shapes = safetensorsShapes(result.weights);
    expect(shapes['0.kernel']).toEqual([3, 3, 1, 16]);
    expect(shapes['0.norm.gamma']).toEqual([16]);
    expect(shapes['0.norm.runningMean']).toEqual([16]);
    expect(shapes['2.kernel']).toEqual([3, 3, 16, 32]);
    expect(shapes['6.kernel']).toEqual([7 * 7 * 32, 10]);
  }, 120_000);

  it('sweeps filters, kernel size, dropout and the norm kind with examples/cnn-sweep.json', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(['sweep', '--config', 'examples/cnn-sweep.json'], directory);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /layers\[0\]\.conv2d\s+layers\[\*\]\.kernelSize\s+layers\[5\]\.dropout\s+layers\[\*\]\.norm/,
    );
    const journal = readFileSync(join(directory, 'fanin-runs', 'mnist-cnn.jsonl'), 'utf8');
    // 6 coarse trials and 3 fine ones, each finished (op 6 sets a trial's state).
    const finished = journal
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((record) => record.op_code === 6 && record.state === 1);
    expect(finished).toHaveLength(9);
  }, 180_000);
});
