import { BadUserInputError } from '../../errors.js';
import { decodeGlobalId } from '../../global-id.js';

/**
 * An id-list filter argument that takes either the vendor's own ids or node ids of `typename`,
 * as distinct vendor keys in a stable order (so equal filters give equal cursors). Null when the
 * list is absent or empty: no filter. Refuses, before any vendor call, an id that is neither.
 */
export function vendorKeys<K extends string | number>(
  ids: readonly (string | number)[] | null | undefined,
  argument: string,
  typename: string,
  parse: (key: string) => K | null,
): K[] | null {
  if (!ids?.length) return null;
  const keys = new Set<K>();
  ids.forEach((raw, i) => {
    const text = String(raw).trim();
    const node = decodedNodeId(text);
    const key = node === null ? parse(text) : node.typename === typename ? parse(node.id) : null;
    if (key === null) {
      throw new BadUserInputError(
        `${argument}[${i}] ("${text.slice(0, 80)}") is not a ${typename} id: pass ${typename}.${lowerFirst(typename)}Id values or ${typename} node ids`,
        { argument },
      );
    }
    keys.add(key);
  });
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The parts of a node id; null when `text` is not one (a vendor id, say). */
function decodedNodeId(text: string): { typename: string; id: string } | null {
  try {
    return decodeGlobalId(text);
  } catch {
    return null;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
