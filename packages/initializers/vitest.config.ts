import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig({ setupFiles: ['test/setup.ts'] });
