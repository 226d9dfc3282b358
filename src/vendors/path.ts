/** Builds a request path, escaping every interpolated value as one path segment. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (out, literal, i) => out + literal + (i < values.length ? encodeURIComponent(values[i]!) : ''),
    '',
  );
}

/** Throws on a limit the vendor would refuse: a caller's bug, not a vendor failure. */
export function checkLimit(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${value}`);
  }
}
