import type { CnnTrainingSpeedResult } from '../benchmarks/cnn-training-speed.js';
import { blasWarning } from '../training/torch.js';
import { formatNumber, formatRatio, formatTable } from './table.js';

/** The conv benchmark's section: times per backend, who could not train, ratios, tensor count. */
export function renderCnnTraining(result: CnnTrainingSpeedResult): string[] {
  const { spec } = result;
  const lines = [
    `Training step, reference CNN ${spec.image.join('x')} -> conv ${spec.kernelSize}x${spec.kernelSize}x${spec.filters[0]} -> pool -> conv ${spec.kernelSize}x${spec.kernelSize}x${spec.filters[1]} -> pool -> dense ${spec.classes}, batch ${spec.batchSize}, Adam (ms/step; median wall clock, CPU time in brackets)`,
  ];
  const rows: string[][] = [];
  for (const { backend, contenders, unavailable } of result.backends) {
    for (const contender of contenders) {
      rows.push([
        backend,
        contender.name,
        formatNumber(contender.msPerStep.median),
        `(${formatNumber(contender.msPerStep.cpuMedian)})`,
        formatNumber(contender.kernelsPerStep),
        formatNumber(contender.finalLoss),
      ]);
    }
    for (const { name } of unavailable) rows.push([backend, name, 'cannot train', '', '', '']);
  }
  const torch = result.torch;
  if (torch?.measured) {
    rows.push([
      'torch',
      `PyTorch ${torch.version} (${torch.threads} thread, ${torch.blasKind} BLAS loaded)`,
      formatNumber(torch.msPerStep),
      `(${formatNumber(torch.cpuMsPerStep)})`,
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
        { header: 'kernels', numeric: true },
        { header: 'final loss', numeric: true },
      ],
      rows,
    ),
  );
  const ratios = [
    ...result.backends.flatMap(({ backend, ratios }) => ratios.map((r) => ({ backend, ...r }))),
    ...result.versusTorch.map((r) => ({ backend: '', ...r })),
  ];
  if (ratios.length > 0) {
    lines.push(
      '',
      formatTable(
        [
          { header: 'backend' },
          { header: 'ratio (same run)' },
          { header: 'wall', numeric: true },
          { header: '(cpu)', numeric: true },
        ],
        ratios.map((r) => [r.backend, r.label, formatRatio(r.wall), `(${formatRatio(r.cpu)})`]),
      ),
    );
  }
  for (const { backend, unavailable } of result.backends)
    for (const { name, reason } of unavailable)
      lines.push(`  ${name} cannot train on ${backend}: ${reason}`);
  if (result.memory) {
    const { backend, steps, tensorsAfterFirstEpoch, tensorsAtEnd } = result.memory;
    lines.push(
      `  live tensors over ${steps} steps of fanin fit on ${backend}: ${tensorsAfterFirstEpoch} after the first epoch, ${tensorsAtEnd} at the end (${tensorsAtEnd === tensorsAfterFirstEpoch ? 'no growth' : `GREW by ${tensorsAtEnd - tensorsAfterFirstEpoch}`})`,
    );
  }
  if (torch && !torch.measured) lines.push(`  PyTorch not measured: ${torch.reason}`);
  const warning = blasWarning(torch);
  if (warning) lines.push(`  warning: ${warning}`);
  return lines;
}
