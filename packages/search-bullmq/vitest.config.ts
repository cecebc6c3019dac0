import { mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared.js';

// The fault tests start redis-server, worker processes and their trial processes; run the
// files one after another so that on 2 cores a busy file cannot starve another's lock renewals.
export default mergeConfig(packageTestConfig({ testTimeout: 60_000 }), {
  test: { fileParallelism: false },
});
