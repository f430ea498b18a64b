/** Parsing of a TensorBoard's `logspath`: a path inside a PVC, or an object-store URL. */

/**
 * `canonical` is what goes into the CR: the value as given, trimmed, with the scheme in lower case
 * (the tensorboard-controller matches `pvc://`, `gs://` and `s3://` case-sensitively).
 */
export type Logspath =
  | { kind: 'pvc'; pvc: string; subpath: string; canonical: string }
  | { kind: 'objectStore'; scheme: string; canonical: string };

export type LogspathResult = { ok: true; value: Logspath } | { ok: false; message: string };

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i;

/** Percent-decodes until nothing changes (at most a few rounds), so `%252e%252e` is seen as `..`. */
function decodeFully(segment: string): string | undefined {
  let current = segment;
  for (let round = 0; round < 4 && current.includes('%'); round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * `pvc://<pvc>/<subpath>`: the PVC name must be valid and the subpath may not leave the volume
 * (no `..` segment, also not percent-encoded once or more; no backslashes or control
 * characters). Anything else must be a URL with one of the allowed schemes and something after
 * `scheme://`.
 */
export function parseLogspath(input: string, allowedSchemes: readonly string[]): LogspathResult {
  const value = input.trim();
  if (!value) return { ok: false, message: 'is empty' };
  if (value.length > 1024) return { ok: false, message: 'is longer than 1024 characters' };
  // Control characters are exactly what this check is for.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(value))
    return { ok: false, message: 'contains control characters or backslashes' };
  const match = SCHEME.exec(value);
  if (!match) {
    return {
      ok: false,
      message: `must be pvc://<pvc>/<path> or a URL with one of: ${allowedSchemes.map((s) => `${s}://`).join(', ')}`,
    };
  }
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (scheme === 'pvc') {
    const [pvc = '', ...segments] = rest.split('/');
    if (!pvc) return { ok: false, message: 'names no PVC (pvc://<pvc>/<path>)' };
    if (pvc.length > 253 || !DNS1123_SUBDOMAIN.test(pvc))
      return { ok: false, message: `names an invalid PVC "${pvc}"` };
    const decoded = segments.map(decodeFully);
    if (decoded.some((segment) => segment === undefined)) {
      return { ok: false, message: 'has an invalid percent-encoding' };
    }
    // eslint-disable-next-line no-control-regex
    if (decoded.some((segment) => /[\u0000-\u001f\\]/.test(segment!)))
      return { ok: false, message: 'contains control characters or backslashes' };
    if (decoded.some((segment) => segment!.split('/').includes('..'))) {
      return { ok: false, message: 'may not leave the volume (".." in the path)' };
    }
    if (decoded.some((segment) => segment!.startsWith('/'))) {
      return { ok: false, message: 'may not leave the volume (an encoded absolute path)' };
    }
    const subpath = (decoded as string[])
      .flatMap((segment) => segment.split('/'))
      .filter((segment) => segment !== '' && segment !== '.')
      .join('/');
    return { ok: true, value: { kind: 'pvc', pvc, subpath, canonical: `pvc://${rest}` } };
  }
  if (!allowedSchemes.includes(scheme)) {
    return {
      ok: false,
      message: `uses scheme "${scheme}://", allowed: pvc://, ${allowedSchemes.map((s) => `${s}://`).join(', ')}`,
    };
  }
  if (!rest || rest.startsWith('/')) return { ok: false, message: `needs a bucket after ${scheme}://` };
  return { ok: true, value: { kind: 'objectStore', scheme, canonical: `${scheme}://${rest}` } };
}
