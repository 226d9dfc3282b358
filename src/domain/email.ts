// A deliberately simple syntax check: one @, a dot in the domain, no spaces. Vendors own the
// deeper rules; this only keeps obvious garbage from becoming vendor calls.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 320 && EMAIL.test(value);
}
