/** A person is known by a lower-cased email across vendors; blank is unknown. */
export function normalizeEmail(value: string | null | undefined): string | null {
  const email = value?.trim().toLowerCase();
  return email ? email : null;
}

/** Vendors send `""` for "no comment"; the API says null. */
export function commentOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}
