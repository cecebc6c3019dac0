import { availableParallelism } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpace } from '@fanin/search';
import { describe, expect, it } from 'vitest';
import { readJsonLines, startScript, waitFor } from '@fanin/test-support/subprocess';

// What a user does (scripts/mlp-sweep.ts is the README example): sweep learning rate, weight
// decay, activation and initializer of an MLP trained with fit, on every core, journaled;
// kill the sweep; run it again; read the leaderboard, the edge warnings and the refined
// second stage.
describe('end to end: MLP sweep on all cores, killed and resumed', () => {
  it('resumes to a full coarse stage, warns at the edge and runs the widened fine stage', {
    timeout: 600_000,
  }, async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'fanin-mlp-')), 'mlp.jsonl');
    const script = new URL('./scripts/mlp-sweep.ts', import.meta.url);

    const first = startScript(script, [journal]);
    const finishedCoarse = () =>
      readJsonLines(journal).filter((r) => r.op_code === 6 && (r.trial_id as number) < 16).length;
    await waitFor(() => finishedCoarse() >= 6, 'six coarse trials to finish', 300_000);
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');

    const second = await startScript(script, [journal]).exit;
    expect(second.code).toBe(0);
    const out = JSON.parse(second.stdout);
    expect(out.workers).toBe(availableParallelism());

    // Every coarse trial (ids 0-15) and fine trial (16-23) finished exactly once, across both runs.
    const records = readJsonLines(journal);
    const finishes = records.filter((r) => r.op_code === 6).map((r) => r.trial_id as number);
    expect(finishes.sort((a, b) => a - b)).toEqual([...Array(24).keys()]);
    expect(records.filter((r) => r.op_code === 4)).toHaveLength(24);
    expect(out.coarse.counts).toMatchObject({ total: 16, complete: 16, running: 0 });
    expect(out.fine.counts).toMatchObject({ total: 8, running: 0 });

    // Health telemetry reached the journal for every trial.
    const healthFor = new Set(
      records
        .filter((r) => r.op_code === 8 && 'health' in (r.user_attr as object))
        .map((r) => r.trial_id),
    );
    expect(healthFor.size).toBe(24);

    // Leaderboard: completed trials, best first.
    const values = out.coarse.leaderboard.map((row: { value: number }) => row.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(out.coarse.leaderboard[0].rank).toBe(1);

    // The best learning rate sits at the top of the coarse range: warned, and widened upwards.
    expect(
      out.coarse.edges.map((e: { parameter: string; side: string }) => [e.parameter, e.side]),
    ).toContainEqual(['learningRate', 'high']);
    expect(out.coarse.refined.learningRate.high).toBeGreaterThan(
      out.coarse.space.learningRate.high,
    );
    expect(out.coarse.refined.learningRate.low).toBeGreaterThan(out.coarse.space.learningRate.low);
    expect(out.coarse.importance[0].parameter).toBe('learningRate');

    // The fine stage searched the refined space, and its trials lie inside it.
    expect(out.fine.space).toEqual(out.coarse.refined);
    const fineSpace = parseSpace(out.fine.space);
    for (const row of out.fine.leaderboard as { params: Record<string, number | string> }[]) {
      for (const [name, value] of Object.entries(row.params))
        expect(fineSpace[name]!.contains(value)).toBe(true);
    }
  });
});
