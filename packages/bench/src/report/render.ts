import type { ThroughputResult } from '../benchmarks/module-throughput.js';
import type { Skipped } from '../benchmarks/module-throughput.js';
import type { SuiteResult } from '../suite.js';
import { blasWarning } from '../training/torch.js';
import { renderCnnTraining } from './render-cnn.js';
import { formatNumber, formatRatio, formatTable } from './table.js';

/** When wall-clock time exceeds CPU time by this factor, other work was competing. */
const BUSY_FACTOR = 1.3;

function skippedLines(skipped: readonly Skipped[]): string[] {
  return skipped.map((entry) => `  skipped ${entry.name} (${entry.backend}): ${entry.reason}`);
}

function renderTraining(result: NonNullable<SuiteResult['training']>): string[] {
  const lines = [
    `Training step, reference MLP ${result.spec.sizes.join('-')}, batch ${result.spec.batchSize}, Adam (ms/step; median wall clock, CPU time in brackets)`,
  ];
  const rows: string[][] = [];
  for (const { backend, contenders } of result.backends) {
    for (const contender of contenders) {
      rows.push([
        backend,
        contender.name,
        formatNumber(contender.msPerStep.median),
        `(${formatNumber(contender.msPerStep.cpuMedian)})`,
        formatNumber(contender.msPerStep.min),
        formatNumber(contender.kernelsPerStep),
        String(contender.stepsPerRepeat),
        formatNumber(contender.finalLoss),
      ]);
    }
  }
  const torch = result.torch;
  if (torch?.measured) {
    rows.push([
      'torch',
      `PyTorch ${torch.version} (${torch.threads} thread, ${torch.blasKind} BLAS loaded)`,
      formatNumber(torch.msPerStep),
      `(${formatNumber(torch.cpuMsPerStep)})`,
      formatNumber(Math.min(...torch.samples)),
      '',
      '',
      formatNumber(torch.finalLoss),
    ]);
  }
  lines.push(
    formatTable(
      [
        { header: 'backend' },
        { header: 'contender' },
        { header: 'ms/step', numeric: true },
        { header: '(cpu)', numeric: true },
        { header: 'min', numeric: true },
        { header: 'kernels', numeric: true },
        { header: 'steps', numeric: true },
        { header: 'final loss', numeric: true },
      ],
      rows,
    ),
  );
  const ratioRows = result.backends.flatMap(({ backend, ratios }) =>
    ratios.map((ratio) => [
      backend,
      ratio.label,
      formatRatio(ratio.wall),
      `(${formatRatio(ratio.cpu)})`,
    ]),
  );
  for (const ratio of result.versusTorch) {
    ratioRows.push(['', ratio.label, formatRatio(ratio.wall), `(${formatRatio(ratio.cpu)})`]);
  }
  if (ratioRows.length > 0) {
    lines.push(
      '',
      formatTable(
        [
          { header: 'backend' },
          { header: 'ratio (same run)' },
          { header: 'wall', numeric: true },
          { header: '(cpu)', numeric: true },
        ],
        ratioRows,
      ),
    );
  }
  if (torch && !torch.measured) lines.push(`  PyTorch not measured: ${torch.reason}`);
  if (torch?.measured)
    lines.push(`  PyTorch's BLAS: ${torch.blasLoaded.join(', ') || 'none mapped'}`);
  const warning = blasWarning(torch);
  if (warning) lines.push(`  warning: ${warning}`);
  const busy = result.backends.some(({ contenders }) =>
    contenders.some((c) => c.msPerStep.median > BUSY_FACTOR * c.msPerStep.cpuMedian),
  );
  if (busy) {
    lines.push(
      '  note: wall clock well above CPU time: the machine was busy; compare the CPU-time ratios',
    );
  }
  return lines;
}

function renderAttempts(results: NonNullable<SuiteResult['attempts']>): string[] {
  const lines = [
    "Speed attempts on fanin's step (ms/step; speedup = baseline / attempt, above 1 is faster)",
  ];
  const rows: string[][] = [];
  for (const { backend, baseline, attempts } of results) {
    rows.push([
      backend,
      'baseline',
      formatNumber(baseline.msPerStep.median),
      `(${formatNumber(baseline.msPerStep.cpuMedian)})`,
      '',
      '',
      formatNumber(baseline.kernelsPerStep),
      "fanin step: valueAndGrad, core's adam, registry relu",
    ]);
    for (const attempt of attempts) {
      rows.push([
        backend,
        attempt.name,
        formatNumber(attempt.msPerStep.median),
        `(${formatNumber(attempt.msPerStep.cpuMedian)})`,
        formatRatio(attempt.speedup),
        `(${formatRatio(attempt.cpuSpeedup)})`,
        formatNumber(attempt.kernelsPerStep),
        attempt.description,
      ]);
    }
  }
  lines.push(
    formatTable(
      [
        { header: 'backend' },
        { header: 'attempt' },
        { header: 'ms/step', numeric: true },
        { header: '(cpu)', numeric: true },
        { header: 'speedup', numeric: true },
        { header: '(cpu)', numeric: true },
        { header: 'kernels', numeric: true },
        { header: 'change' },
      ],
      rows,
    ),
  );
  return lines;
}

function renderThroughput(title: string, result: ThroughputResult): string[] {
  const rows = result.results.map((entry) => [
    entry.backend,
    entry.name,
    `[${entry.shape.join(', ')}]`,
    formatNumber(entry.ms),
    formatNumber(entry.megaElementsPerSecond),
  ]);
  return [
    title,
    formatTable(
      [
        { header: 'backend' },
        { header: 'name' },
        { header: 'input' },
        { header: 'ms fwd+bwd', numeric: true },
        { header: 'M elem/s', numeric: true },
      ],
      rows,
    ),
    ...skippedLines(result.skipped),
  ];
}

function renderInitializers(result: NonNullable<SuiteResult['initializers']>): string[] {
  const rows = result.results.map((entry) => [
    entry.backend,
    entry.name,
    `[${entry.shape.join(', ')}]`,
    formatNumber(entry.ms),
    formatNumber(entry.megaValuesPerSecond),
  ]);
  return [
    'Initializers (one tensor, values read back)',
    formatTable(
      [
        { header: 'backend' },
        { header: 'name' },
        { header: 'shape' },
        { header: 'ms', numeric: true },
        { header: 'M values/s', numeric: true },
      ],
      rows,
    ),
    ...skippedLines(result.skipped),
  ];
}

function renderSweep(result: NonNullable<SuiteResult['sweep']>): string[] {
  if (!result.measured) return [`Sweep throughput: not measured (${result.reason})`];
  const rows = result.runs.map((run) => [
    String(run.workers),
    String(run.trials),
    formatNumber(run.trialsPerMinute),
  ]);
  return [
    'Sweep throughput (@fanin/search)',
    formatTable(
      [
        { header: 'workers', numeric: true },
        { header: 'trials', numeric: true },
        { header: 'trials/min', numeric: true },
      ],
      rows,
    ),
    ...(result.speedup !== undefined
      ? [`  2 workers / 1 worker: ${formatRatio(result.speedup)}`]
      : []),
  ];
}

function renderSamplers(result: NonNullable<SuiteResult['samplers']>): string[] {
  const lines = [
    `Sampler efficiency (@fanin/search), mean over ${result.seeds} seeds, one trial at a time; regret = best value so far - reference`,
  ];
  for (const problem of result.problems) {
    lines.push(
      `  ${problem.name} (${problem.trials} trials per run, reference ${formatNumber(problem.reference, 6)}): ${problem.description}`,
    );
    const rows = problem.rows.map((row) => [
      row.sampler,
      formatNumber(row.meanTrialsToTarget),
      `${row.reached}/${result.seeds}`,
      ...problem.checkpoints.map((n) => formatNumber(row.meanBestRegret[n])),
      formatNumber(row.msPerTrial),
    ]);
    lines.push(
      formatTable(
        [
          { header: 'sampler' },
          { header: `trials to regret <= ${problem.target}`, numeric: true },
          { header: 'reached', numeric: true },
          ...problem.checkpoints.map((n) => ({ header: `regret @${n}`, numeric: true })),
          { header: 'ms/trial', numeric: true },
        ],
        rows,
      ),
    );
  }
  lines.push('  a run that never reaches the target counts as its trials + 1');
  return lines;
}

function renderCli(result: NonNullable<SuiteResult['cli']>): string[] {
  if (!result.measured) return [`CLI cold start: not measured (${result.reason})`];
  const rows = result.commands.map((command) => [
    command.command,
    formatNumber(command.ms),
    command.ok ? 'ok' : `failed: ${command.error ?? ''}`,
  ]);
  return [
    'CLI cold start (fresh node process, spawn to exit)',
    formatTable(
      [{ header: 'command' }, { header: 'ms', numeric: true }, { header: 'status' }],
      rows,
    ),
  ];
}

function renderMemory(result: NonNullable<SuiteResult['memory']>): string[] {
  return [
    `Long run: ${result.steps} steps of fanin fit on ${result.backend} (${formatNumber(result.msPerStep)} ms/step)`,
    formatTable(
      [{ header: 'measure' }, { header: 'value', numeric: true }],
      [
        ['live tensors after step 1', String(result.tensorsAfterFirstStep)],
        ['live tensors at the end', String(result.tensorsAtEnd)],
        ['tensor count spread (max - min)', String(result.tensorSpread)],
        ['RSS at step 1, MB', formatNumber(result.rssStartMb)],
        ['RSS at the end, MB', formatNumber(result.rssEndMb)],
        ['RSS slope, 2nd half, MB / 1000 steps', formatNumber(result.rssSlopeMbPer1000Steps)],
        ['flat (no leak)', result.flat ? 'yes' : 'NO'],
      ],
    ),
  ];
}

/** The suite's results as text tables, one section per benchmark that ran. */
export function renderReport(result: SuiteResult): string {
  const sections: string[][] = [];
  const env = result.environment;
  sections.push([
    `fanin benchmark suite (${result.mode}), ${result.startedAt}: ${env.cpu}, ${env.cores} cores, node ${env.node}, tfjs ${env.tfjs}, load average ${env.loadAverage.toFixed(2)}`,
  ]);
  if (result.training) sections.push(renderTraining(result.training));
  if (result.cnn) sections.push(renderCnnTraining(result.cnn));
  if (result.attempts) sections.push(renderAttempts(result.attempts));
  if (result.activations)
    sections.push(
      renderThroughput('Activations, forward+backward (registry defaults)', result.activations),
    );
  if (result.normalization)
    sections.push(
      renderThroughput('Normalization, forward+backward in training mode', result.normalization),
    );
  if (result.initializers) sections.push(renderInitializers(result.initializers));
  if (result.sweep) sections.push(renderSweep(result.sweep));
  if (result.samplers) sections.push(renderSamplers(result.samplers));
  if (result.cli) sections.push(renderCli(result.cli));
  if (result.memory) sections.push(renderMemory(result.memory));
  for (const failure of result.failures)
    sections.push([`FAILED ${failure.benchmark}: ${failure.error}`]);
  sections.push([`total ${(result.durationMs / 1000).toFixed(1)} s`]);
  return sections.map((lines) => lines.join('\n')).join('\n\n');
}
