import { basename, extname, relative } from 'node:path';
import { option, saveWeights, useBackend } from '@fanin/core';
import { defineCommand, short } from '../cli/command.js';
import { computeOptions } from '../cli/common-options.js';
import { modelFlags, modelFromFlags } from '../config/model-flags.js';
import { FileSystemError, isFileSystemCode } from '../io/file-system-error.js';
import { prepareOutputFile } from '../io/output-directory.js';
import { cliRegistry } from '../registry.js';
import {
  type Diagnosis,
  diagnoseTraining,
  diverged,
  formatDiagnosis,
} from '../training/diagnosis.js';
import { disposeTrainingData, loadTrainingData } from '../training/load-data.js';
import { checkModelSize } from '../training/model-size.js';
import { describeLogs, trainModel } from '../training/train-model.js';

const registry = cliRegistry();

/** `fanin train`: train a model from a config file (or flags), diagnose it, save its weights. */
export const train = defineCommand({
  name: 'train',
  summary: 'Train a model from a config file (or flags), diagnose its health, save its weights',
  description:
    'Trains the model of a config file (core\'s buildModel config plus a "training" section: dataset, split, epochs, batch size, optimizer, loss, seed) with a progress bar and validation after every epoch, then diagnoses the run (update/weight ratio per layer, dead units, train/validation gap, loss curve shape) and saves the weights as safetensors. Flags override the file\'s training options. Exits 1 if the loss went NaN or exploded.',
  positionals: [],
  options: {
    ...modelFlags(registry),
    out: short(
      option.string({
        description:
          'Where to save the weights (safetensors); default fanin-runs/<config name>.safetensors',
        optional: true,
        nonEmpty: true,
      }),
      'o',
    ),
    ...computeOptions,
  },
  examples: [
    'fanin train --config examples/model.json',
    'fanin train --config examples/model.json --epochs 10 --learning-rate 3e-4 --out runs/mlp.safetensors',
    'fanin train --hidden 256,128 --activation tanh --init glorotNormal --dataset spiral --epochs 20',
  ],
  async run({ options, given, output, signal, cwd }) {
    const document = modelFromFlags(options, given, registry, cwd, 'train', output);
    checkModelSize(document.model, document.training.batchSize, {
      ...(given.has('hidden') && typeof options.config !== 'string' ? { flag: '--hidden' } : {}),
    });
    const name =
      typeof options.config === 'string'
        ? basename(options.config, extname(options.config))
        : 'model';
    const weightsFile = prepareOutputFile(options.out ?? `fanin-runs/${name}.safetensors`, cwd);
    await useBackend(options.backend);
    const { training } = document;
    output.status(`loading ${JSON.stringify(training.dataset)}...`);
    const data = await loadTrainingData(document.model, training, registry);
    try {
      output.status(
        `training on ${data.train.x.shape[0]} examples${data.validation ? `, validating on ${data.validation.x.shape[0]}` : ''} (${options.backend})`,
      );
      const progress = output.progress('train', training.epochs, 'epochs');
      const trained = await trainModel({
        model: document.model,
        training,
        registry,
        data,
        signal,
        progress,
      });
      try {
        const { history } = trained;
        progress.done(history.stopReason ? `stopped: ${history.stopReason}` : undefined);
        if (signal.aborted) return 0;
        const diagnosis: Diagnosis = diagnoseTraining(
          trained,
          data.validation ?? data.train,
          document.model.inputShape,
        );
        try {
          await saveWeights(trained.model, weightsFile, {
            config: JSON.stringify(document.model),
          });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (!isFileSystemCode(code)) throw error;
          throw new FileSystemError(
            relative(cwd, weightsFile) || weightsFile,
            code,
            'Nothing was saved; free some space there, or choose another file with --out',
          );
        }
        const finalLogs = Object.fromEntries(
          Object.entries(history.logs).map(([key, values]) => [key, values[values.length - 1]!]),
        );
        const shownWeights = relative(cwd, weightsFile) || weightsFile;
        output.result({
          source: document.source,
          model: document.model,
          training,
          backend: options.backend,
          epochs: history.epochs,
          stopReason: history.stopReason ?? null,
          history: history.logs,
          final: finalLogs,
          diagnosis,
          weights: weightsFile,
        });
        output.text(
          [
            `Trained ${history.epochs} epoch${history.epochs === 1 ? '' : 's'}${history.stopReason ? ` (stopped: ${history.stopReason})` : ''}: ${describeLogs(finalLogs)}`,
            '',
            'Health',
            formatDiagnosis(diagnosis),
            '',
            `Weights: ${shownWeights}`,
          ].join('\n'),
        );
        return diverged(diagnosis) ? 1 : 0;
      } finally {
        trained.model.dispose();
        trained.optimizer.dispose();
      }
    } finally {
      disposeTrainingData(data);
    }
  },
});
