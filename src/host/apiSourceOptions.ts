// The LookupEvents source's options from the settings: profile, endpoint, call limits and the
// credential_process timeout. No `vscode` import, so unit tests build a real source from it.
import type { ApiEventSourceOptions } from '../aws/apiEventSource';
import type { SettingsReader } from './settingsReader';

/** The settings the API source depends on. */
export type ApiSourceSettings = Pick<SettingsReader, 'profile' | 'endpoint' | 'callLimits' | 'credentialProcessTimeoutMs'>;

/** Options for `createApiEventSource`, and a key that changes whenever one of them does. */
export function apiSourceOptions(
  reader: ApiSourceSettings,
  regions: readonly string[],
  mfaCodeProvider?: (serial: string) => Promise<string>,
): { readonly options: ApiEventSourceOptions; readonly key: string } {
  const profile = reader.profile();
  const endpoint = reader.endpoint();
  const limits = reader.callLimits();
  const credentialProcessTimeoutMs = reader.credentialProcessTimeoutMs();
  const options: ApiEventSourceOptions = {
    ...(profile !== '' ? { profile } : {}),
    regions: [...regions],
    ...(endpoint !== undefined ? { endpoint } : {}),
    limits,
    credentialProcessTimeoutMs,
    ...(mfaCodeProvider ? { mfaCodeProvider } : {}),
  };
  return { options, key: JSON.stringify([profile, regions, endpoint ?? '', limits, credentialProcessTimeoutMs]) };
}
