import { packageTestConfig } from '../../vitest.shared.js';

// The page's logic without a browser (store, chart rows, formatting); the page itself is
// tested in headless Chromium by apps/cli/test/dashboard-browser.test.ts.
export default packageTestConfig();
