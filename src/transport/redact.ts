// What a vendor says (an error's message and code) is untrusted text: it may echo the key we sent
// (a 401 saying "bad key sk_live_…"), carry control characters that forge log lines, or run to
// megabytes. Everything taken from a vendor answer passes `vendorText` or `vendorCode` before it
// is kept on an error, so responses, `vendors { lastError }` and log lines only ever see the result.

const MARK = '[redacted]';
/** Longest vendor message kept, in code points. */
export const MAX_VENDOR_TEXT = 500;
/** Longest error message shown: the gateway's words around at most MAX_VENDOR_TEXT of a vendor's. */
export const MAX_ERROR_MESSAGE = 2000;
/** A vendor code is an identifier (`not_found`, `E1001`, `rate.limited`); anything else is dropped. */
const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
/** A part of a secret this long is as good as the secret (a vendor may echo a truncated key). */
const MIN_SECRET_PART = 12;
/** Secrets shorter than this would redact ordinary words. */
const MIN_SECRET = 4;
/** Bound on the registry: a process makes four transports, a test run many gateways. */
const MAX_REGISTERED = 64;

// Credentials however they are echoed, ours or not: a scheme word and its token, `key=value`
// pairs of credential-named fields, and the shapes of well-known live keys and JWTs. A token must
// hold a digit, so that "Bearer token required" or "token: expired" stay as written.
const CREDENTIAL = String.raw`(?=[^\s"',;&]*\d)(?!\[redacted\])[^\s"',;&]{8,}`;
const PATTERNS: [RegExp, string][] = [
  [new RegExp(String.raw`\b(Bearer|Basic)(\s+)${CREDENTIAL}`, 'gi'), `$1$2${MARK}`],
  [
    new RegExp(
      String.raw`\b(api[_-]?key|access[_-]?token|auth[_-]?token|token|secret|password|authorization)(["']?\s*[:=]\s*["']?)${CREDENTIAL}`,
      'gi',
    ),
    `$1$2${MARK}`,
  ],
  [/\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}/g, MARK],
  // UserHero webhook secrets (`whsec_…`), which callers hand sendWebhookFeedback per call.
  [/\bwhsec_[A-Za-z0-9_-]{8,}/g, MARK],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, MARK],
];

// C0/C1 controls, and format characters (bidi overrides, zero-width) that make a line read other
// than it is.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]+/gu;

/**
 * Every vendor secret the process was configured with: a vendor may echo any of them (keys pasted
 * into another vendor's settings), so each vendor's text is redacted of all, not only its own.
 */
const registered = new Set<string>();

/** Adds the secrets of a transport's auth headers to those redacted from every vendor's text. */
export function registerSecrets(secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET || registered.has(secret)) continue;
    registered.add(secret);
    if (registered.size > MAX_REGISTERED) registered.delete(registered.values().next().value!);
  }
}

/** Removes every occurrence of the given secrets from a text a vendor sent back to us. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET) continue;
    out = out.split(secret).join(MARK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(MARK);
  }
  return out;
}

/** Redacts the given and every registered secret, their long parts, and credential patterns. */
export function redactAll(text: string, secrets: readonly string[] = []): string {
  const all = [...new Set([...secrets, ...registered])];
  let out = redactSecrets(text, all);
  for (const secret of all) out = redactParts(out, secret);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Replaces every run of at least MIN_SECRET_PART characters of `secret`, as long as it goes on. */
function redactParts(text: string, secret: string): string {
  // `Bearer <token>`: its token is a secret of its own, and parts of it are the token's.
  if (/\s/.test(secret)) return text;
  let out = text;
  for (let i = 0; i + MIN_SECRET_PART <= secret.length; i++) {
    const window = secret.slice(i, i + MIN_SECRET_PART);
    for (let at = out.indexOf(window); at !== -1; at = out.indexOf(window, at)) {
      let [start, end, from, to] = [at, at + MIN_SECRET_PART, i, i + MIN_SECRET_PART];
      while (start > 0 && from > 0 && out[start - 1] === secret[from - 1])
        [start, from] = [start - 1, from - 1];
      while (end < out.length && to < secret.length && out[end] === secret[to])
        [end, to] = [end + 1, to + 1];
      out = out.slice(0, start) + MARK + out.slice(end);
      at = start + MARK.length;
    }
  }
  return out;
}

/**
 * A vendor's message made safe to show and log: control characters become spaces (so no forged
 * line breaks), secrets are redacted (before cutting, so no half of a key survives the cut), and
 * the text is cut to `max` code points. Undefined when nothing is left.
 */
export function vendorText(
  text: unknown,
  secrets: readonly string[] = [],
  max = MAX_VENDOR_TEXT,
): string | undefined {
  if (typeof text !== 'string') return undefined;
  const clean = redactAll(text.replace(CONTROL, ' '), secrets).replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  const points = [...clean];
  return points.length > max ? `${points.slice(0, max).join('')}…` : clean;
}

/**
 * A vendor's error code, kept only when it still is an identifier once redacted: a code that
 * echoes a key, runs long or holds anything but `[A-Za-z0-9_.:-]` says nothing a client can use.
 */
export function vendorCode(code: unknown, secrets: readonly string[] = []): string | undefined {
  if (typeof code !== 'string') return undefined;
  const clean = redactAll(code.trim(), secrets);
  return SAFE_CODE.test(clean) ? clean : undefined;
}

/** Secret values found in auth headers, including the bare token after a scheme word. */
export function secretsOf(headers: Record<string, string>): string[] {
  return Object.values(headers).flatMap((value) => {
    const bare = value.replace(/^(Bearer|Basic|Token)\s+/i, '');
    return bare === value ? [value] : [value, bare];
  });
}
