import { packageTestConfig } from '../../vitest.shared.js';

// The command tests run the built CLI (dist/bin.js) as a subprocess; unit tests run on src/
// with the other packages' sources (the shared config's ssr.resolve.conditions).
export default packageTestConfig({ testTimeout: 180_000 });
