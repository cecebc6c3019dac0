import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_MLP } from './reference-mlp.js';
import { openTorchMlp, TORCH_SCRIPT, TorchPeer } from './torch.js';

const directory = mkdtempSync(join(tmpdir(), 'fanin-torch-peer-'));

/**
 * A stand-in for python3: an executable Node script that speaks the serve protocol of
 * scripts/torch_timing.py (a header line, then one answer per step count) the way `body` says.
 */
function fakePython(name: string, body: string): string {
  const path = join(directory, name);
  writeFileSync(
    path,
    `#!/usr/bin/env node
const args = process.argv.slice(2);
const print = (record) => process.stdout.write(JSON.stringify(record) + '\\n');
const header = { torch: '9.9.9', threads: 1, blas: 'generic', blasLoaded: ['/x/openblas-pthread/libblas.so.3'], blasKind: 'openblas', args };
${body}
`,
  );
  chmodSync(path, 0o755);
  return path;
}

const SERVES = `
print(header);
let rounds = 0;
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const steps = Number(line);
  rounds += 1;
  print({ wallMs: steps * rounds, cpuMs: steps * rounds / 2, loss: 1 / rounds });
});
`;

describe('TorchPeer', () => {
  it('finds the committed PyTorch script', () => {
    expect(TORCH_SCRIPT.endsWith(join('bench', 'scripts', 'torch_mlp.py'))).toBe(true);
    expect(existsSync(TORCH_SCRIPT)).toBe(true);
    expect(existsSync(join(TORCH_SCRIPT, '..', 'torch_timing.py'))).toBe(true);
  });

  it('reports PyTorch as not measured when the Python is missing', async () => {
    const python = join(directory, 'no-such-python');
    expect(await openTorchMlp(REFERENCE_MLP, { python, steps: 1 })).toEqual({
      measured: false,
      reason: `${python} not found`,
    });
  });

  it('times a round whenever asked and reports the median per step over the rounds', async () => {
    const python = fakePython('serves.js', SERVES);
    const peer = await openTorchMlp(REFERENCE_MLP, { python, steps: 10, warmup: 3 });
    if (!(peer instanceof TorchPeer)) throw new Error(`not started: ${peer.reason}`);
    try {
      expect(peer.result()).toEqual({ measured: false, reason: 'no round was timed' });
      for (let round = 0; round < 3; round++) await peer.runRound();
      const result = peer.result();
      // Round r answers wallMs = 10 r for 10 steps: r ms per step, so the median is 2.
      expect(result).toMatchObject({
        measured: true,
        version: '9.9.9',
        blasKind: 'openblas',
        msPerStep: 2,
        cpuMsPerStep: 1,
        samples: [1, 2, 3],
        finalLoss: 1 / 3,
      });
    } finally {
      peer.close();
    }
  });

  it('runs the committed script in serve mode with the spec and the warm-up', async () => {
    // The fake answers with the arguments it was given, as the loss of its first round.
    const python = fakePython(
      'echoes.js',
      `print(header);
require('node:readline').createInterface({ input: process.stdin }).on('line', () => {
  print({ wallMs: 1, cpuMs: 1, loss: args.join(' ') });
});`,
    );
    const peer = await openTorchMlp(REFERENCE_MLP, { python, steps: 1, warmup: 7 });
    if (!(peer instanceof TorchPeer)) throw new Error(`not started: ${peer.reason}`);
    await peer.runRound();
    peer.close();
    const result = peer.result();
    if (!result.measured) throw new Error(result.reason);
    const args = String(result.finalLoss).split(' ');
    expect(args[0]).toBe(TORCH_SCRIPT);
    expect(args).toContain('--serve');
    expect(args.slice(args.indexOf('--warmup'), args.indexOf('--warmup') + 2)).toEqual([
      '--warmup',
      '7',
    ]);
    expect(args.slice(args.indexOf('--sizes'), args.indexOf('--sizes') + 2)).toEqual([
      '--sizes',
      REFERENCE_MLP.sizes.join(','),
    ]);
  });

  it("says why when the script dies before its header, with the script's last stderr line", async () => {
    const python = fakePython(
      'dies.js',
      "process.stderr.write('Traceback\\nModuleNotFoundError: No module named torch\\n'); process.exit(1);",
    );
    expect(await openTorchMlp(REFERENCE_MLP, { python, steps: 1 })).toEqual({
      measured: false,
      reason: 'PyTorch did not start: ModuleNotFoundError: No module named torch',
    });
  });

  it('gives up on PyTorch, not the benchmark, when it dies in a round', async () => {
    const python = fakePython(
      'crashes.js',
      `print(header);
require('node:readline').createInterface({ input: process.stdin }).on('line', () => {
  process.stderr.write('RuntimeError: out of memory\\n');
  process.exit(3);
});`,
    );
    const peer = await openTorchMlp(REFERENCE_MLP, { python, steps: 5 });
    if (!(peer instanceof TorchPeer)) throw new Error(`not started: ${peer.reason}`);
    await peer.runRound();
    await peer.runRound();
    expect(peer.result()).toEqual({ measured: false, reason: 'RuntimeError: out of memory' });
    peer.close();
  });

  it('gives up on a round that takes longer than the timeout', async () => {
    const python = fakePython('hangs.js', 'print(header); setInterval(() => {}, 1000);');
    const peer = await openTorchMlp(REFERENCE_MLP, { python, steps: 5, timeoutMs: 200 });
    if (!(peer instanceof TorchPeer)) throw new Error(`not started: ${peer.reason}`);
    await peer.runRound();
    expect(peer.result()).toEqual({ measured: false, reason: 'no answer within 0.2 s' });
    peer.close();
  });
});
