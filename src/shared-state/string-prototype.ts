// Undoes what loading ioredis does to every string method call in the process.
//
// ioredis 6 defines `class VerbatimString extends String` (its RESP3 decoder, loaded with the
// client). When String.prototype becomes the prototype of a class's prototype, V8 switches it to
// dictionary mode, expecting it to be filled with properties next. V8 makes a prototype fast
// again when an inline cache looks a property up through it, but method calls on primitive
// strings never did so here: String.prototype was still in dictionary mode in a gateway that had
// served thousands of requests. Every `text.charCodeAt(i)` and `text.slice(…)`, in graphql's
// lexer, the JSON and HTTP code and the OTLP serialiser alike, then compiles to a generic lookup.
// The serialiser, which reads each exported string one character at a time, took 28 µs a span
// instead of 7.5. Once fast this way, String.prototype stays fast through a later `extends String`.
import { keepFastAsPrototype } from '../fast-properties.js';

/** Returns String.prototype to fast properties (idempotent, a few hundred nanoseconds). */
export function keepStringMethodsFast(): void {
  keepFastAsPrototype(String.prototype);
}
