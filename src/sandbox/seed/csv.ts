/** RFC 4180: fields holding a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (fields: readonly unknown[]) => fields.map(csvField).join(',');
  return `${[line(header), ...rows.map(line)].join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
