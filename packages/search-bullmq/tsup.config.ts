import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

export default defineConfig({
  ...packageBuild,
  // processor.js is the program BullMQ forks for each trial process (found next to the bundle).
  entry: { index: 'src/index.ts', processor: 'src/processor.ts' },
});
