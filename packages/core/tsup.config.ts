import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

export default defineConfig({
  ...packageBuild,
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  splitting: true,
  // tfjs's gradient and chained-op files are ESM with extensionless imports that plain Node
  // cannot load, so they are bundled into our output (see src/gradients/tfjs.ts).
  noExternal: [/@tensorflow\/tfjs-core\/dist\//],
  external: [
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-cpu',
    '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-backend-webgl',
  ],
});
