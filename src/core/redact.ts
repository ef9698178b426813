/**
 * The one redaction of the extension: every log line and every message quoted from an error goes
 * through {@link redactSecrets}, so what was derived from credentials never reaches a screen or a
 * file. Anything not secret-shaped is left byte for byte (log lines stay readable and greppable).
 */

const MARK = '[redacted]';
const NOT_DONE = String.raw`(?!\[redacted\])`;

// Presigned URLs: the signature, the session token and the credential scope (which names the key id).
const URL_SECRET_PARAMS = new RegExp(String.raw`(?<=[?&])(X-Amz-(?:Signature|Security-Token|Credential)|Signature|AWSAccessKeyId)=${NOT_DONE}[^&\s"'<>#]+`, 'gi');

// `Authorization: AWS4-HMAC-SHA256 Credential=…, Signature=…` or `"authorization": "Bearer …"`: the scheme stays.
const AUTHORIZATION = new RegExp(String.raw`(?<![A-Za-z0-9_-])(authorization\\?["']?\s*[:=]\s*\\?["']?)((?:AWS4-HMAC-SHA256|Bearer|Basic|AWS)\s+)?${NOT_DONE}[^"'\\\r\n]+`, 'gi');

// A SigV4 signature quoted on its own (string-to-sign dumps, canonical requests).
const SIGNATURE = new RegExp(String.raw`(?<![A-Za-z0-9_-])(Signature=)${NOT_DONE}[0-9a-f]{64}(?![0-9a-f])`, 'gi');

const SECRET_KEY_NAMES = [
  String.raw`(?:aws[_-]?)?secret[_-]?access[_-]?key`,
  String.raw`(?:aws[_-]?)?session[_-]?token`,
  String.raw`(?:aws[_-]?)?security[_-]?token`,
  String.raw`x-amz-security-token`,
  String.raw`access[_-]?token`,
  String.raw`refresh[_-]?token`,
  String.raw`client[_-]?secret`,
  String.raw`id[_-]?token`,
  String.raw`secret[_-]?key`,
].join('|');

// `name = value`, `NAME=value`, `"Name": "value"`, `\"name\":\"value\"` (JSON inside a JSON string).
const KEY_VALUE = new RegExp(String.raw`(?<![A-Za-z0-9_-])((?:${SECRET_KEY_NAMES})\\?["']?\s*[:=]\s*\\?["']?)${NOT_DONE}[^\s"'\\,;}&]+`, 'gi');

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![A-Za-z0-9_-])/g;

// Session tokens and SSO tokens: long base64 runs. Hex digests (one case) and paths (cut by `-`, `_`,
// `.`) do not qualify, nor a run of one character class.
const LONG_BASE64 = /(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=_-])/g;

// Secret access keys are 40 characters of base64; quoted on their own they are recognised only on a
// line that also has an access key id (lengths are allowed some slack for hand-made test keys).
const SECRET_NEAR_KEY_ID = /(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+]{30,64}={0,2}(?![A-Za-z0-9/+=_-])/g;

/** Long-term (AKIA), temporary (ASIA) and service-specific (ABIA, ACCA) access key ids. */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;

/** Both letter cases: base64 of random bytes, not a hex digest or an upper-case name. */
function mixedCase(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z]/.test(token);
}

function tokenShaped(run: string): boolean {
  return mixedCase(run) && /[0-9/+]/.test(run);
}

function maskKeyId(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

function redactLine(line: string): string {
  ACCESS_KEY_ID.lastIndex = 0;
  const hasKeyId = ACCESS_KEY_ID.test(line);
  let out = line
    .replace(URL_SECRET_PARAMS, (_m, name: string) => `${name}=${MARK}`)
    .replace(AUTHORIZATION, (_m, head: string, scheme: string | undefined) => `${head}${scheme ?? ''}${MARK}`)
    .replace(SIGNATURE, (_m, head: string) => `${head}${MARK}`)
    .replace(KEY_VALUE, (_m, head: string) => `${head}${MARK}`)
    .replace(JWT, MARK)
    .replace(LONG_BASE64, (run) => (tokenShaped(run) ? MARK : run));
  if (hasKeyId) out = out.replace(SECRET_NEAR_KEY_ID, (run) => (mixedCase(run) && !ACCESS_KEY_ID_EXACT.test(run) ? MARK : run));
  return out.replace(ACCESS_KEY_ID, maskKeyId);
}

const ACCESS_KEY_ID_EXACT = /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/;

/**
 * Masks access key ids (`AKIA************MPLE`), secret keys and tokens after a key name (INI, env,
 * JSON), a secret key quoted next to an access key id, session/SSO tokens (long base64 runs), JWTs,
 * `Authorization` header values (the scheme is kept) and presigned-URL credentials. Idempotent;
 * every other character is kept.
 */
export function redactSecrets(text: string): string {
  if (text === '') return text;
  return text.split(/(\r\n|\r|\n)/).map((part, i) => (i % 2 === 1 ? part : redactLine(part))).join('');
}
