/**
 * Everything of Athena the VS Code ring uses, in one module that is bundled on its own
 * (`dist/athenaModule.js`) and loaded by {@link loadAthenaModule} the first time Athena is used, so
 * the Athena SDK costs nothing at activation and stays out of `dist/extension.js`.
 */
export { createAthenaEventSource } from './athenaEventSource';
export { getTableShape, listWorkGroups } from './athenaCatalog';
export { createAthenaClient } from './athenaClient';
