// @ts-check
// The project's own ESLint rules (local plugin `trust`).
import { safeUiText } from './safeUiText.mjs';

export default { meta: { name: 'cloudtrail-investigator-trust' }, rules: { 'safe-ui-text': safeUiText } };
