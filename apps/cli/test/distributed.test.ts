import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, spiralModel, start, temporaryDirectory, writeFile } from './fanin.js';
import { startRedis, type TestRedis } from '@fanin/test-support/redis-server';

let redis: TestRedis | undefined;

beforeAll(async () => {
  requireBuild();
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

/** A directory with a tiny two-stage sweep: 4 trials then 2, one epoch each, on the spiral. */
function tinySweep(): string {
  const directory = temporaryDirectory();
  writeFile(
    directory,
    'model.json',
    spiralModel({
      epochs: 1,
      train: 60,
      validation: 30,
      dataset: { type: 'spiral', pointsPerClass: 30 },
    }),
  );
  writeFile(directory, 'sweep.json', {
    name: 'distributed',
    model: 'model.json',
    space: { learningRate: { type: 'pow10', low: -3, high: -1 } },
    stages: [{ trials: 4 }, { trials: 2 }],
    seed: 3,
  });
  return directory;
}

describe('fanin sweep --redis with a fanin worker', () => {
  it('runs every stage on the worker, prints the leaderboards, and the worker stops on Ctrl-C', async () => {
    const directory = tinySweep();
    const url = redis!.url;
    const worker = start(
      ['worker', '--redis', url, '--config', 'sweep.json', '--backend', 'cpu', '--json'],
      directory,
    );
    const controller = await fanin(
      ['sweep', '--redis', url, '--config', 'sweep.json', '--json'],
      directory,
    );
    expect(controller.code, controller.stderr).toBe(0);
    const result = JSON.parse(controller.stdout);
    expect(result.redis).toBe(url);
    expect(
      result.stages.map((stage: { counts: { complete: number } }) => stage.counts.complete),
    ).toEqual([4, 2]);
    expect(result.summaries.map((summary: { study: string }) => summary.study)).toEqual([
      'distributed',
      'distributed/stage-2',
    ]);

    worker.child.kill('SIGINT');
    const stopped = await worker.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    // One JSON line per trial the worker ran: all six, each complete, in their studies.
    const reports = stopped.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { study: string; number: number; state: string });
    expect(
      reports.map((report) => `${report.study} ${report.number} ${report.state}`).sort(),
    ).toEqual([
      'distributed 0 complete',
      'distributed 1 complete',
      'distributed 2 complete',
      'distributed 3 complete',
      'distributed/stage-2 0 complete',
      'distributed/stage-2 1 complete',
    ]);
    expect(stopped.stderr).toContain('worker stopped: 6 complete, 0 pruned, 0 failed');

    // Running the controller again resumes: every stage is finished, nothing new runs.
    const again = await fanin(['sweep', '--redis', url, '--config', 'sweep.json'], directory);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Study "distributed/stage-2" (minimize): 2 trials, 2 complete');
  });

  it('fails with one line and exit code 2 when Redis is unreachable', async () => {
    const directory = tinySweep();
    for (const command of ['worker', 'sweep']) {
      const run = await fanin(
        [command, '--redis', 'redis://127.0.0.1:1', '--config', 'sweep.json'],
        directory,
      );
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines.at(-1)).toMatch(/^fanin: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /);
      expect(lines).toHaveLength(1);
    }
  });

  it('refuses a --study that is not a stage of the sweep', async () => {
    const run = await fanin(
      ['worker', '--redis', redis!.url, '--config', 'sweep.json', '--study', 'other'],
      tinySweep(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'fanin: study "other" is not a stage of sweep "distributed" ("distributed", "distributed/stage-2")',
    );
  });
});
