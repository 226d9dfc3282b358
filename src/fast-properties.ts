// Returns an object V8 holds in dictionary mode to fast properties, without changing it.
//
// V8 makes a prototype fast again when an inline cache looks a property up through it. So the
// object becomes the prototype of a throwaway object, and a lookup of a name it does not have
// (walking the whole chain) goes through it from a function that has inline caches. Used where a
// dependency leaves a hot object a dictionary (src/shared-state/string-prototype.ts,
// src/observability/sdk-exports.ts); each has a test asking V8 itself.

function lookUpThrough(object: object): unknown {
  return (object as { gatewayFastPropertiesProbe?: unknown }).gatewayFastPropertiesProbe;
}

export function keepFastAsPrototype(object: object): void {
  const child = Object.create(object) as object;
  // V8 allocates a function's feedback (its inline caches) after 8 calls by default.
  for (let i = 0; i < 16; i++) lookUpThrough(child);
}
