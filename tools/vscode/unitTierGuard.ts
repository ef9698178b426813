// Required by .mocharc.json: the unit tier's guards (see tierGuard.ts).
import { tierGuardSetup } from './tierGuard';

export const mochaGlobalSetup = tierGuardSetup('unit');
