/** Removes every occurrence of the given secrets from a text a vendor sent back to us. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Secret values found in auth headers, including the bare token after a scheme word. */
export function secretsOf(headers: Record<string, string>): string[] {
  return Object.values(headers).flatMap((value) => {
    const bare = value.replace(/^(Bearer|Basic|Token)\s+/i, '');
    return bare === value ? [value] : [value, bare];
  });
}
