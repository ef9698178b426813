// Required by test/e2e/.mocharc.json: the e2e tier's guards (see tierGuard.ts).
import { tierGuardSetup } from './tierGuard';

export const mochaGlobalSetup = tierGuardSetup('e2e');
