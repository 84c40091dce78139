import { badRequest } from '../errors.js';

/**
 * Refuses the keys that change an object's prototype when a parsed object is later copied by
 * assignment: `__proto__`, and `constructor` holding a `prototype`.
 */
function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') {
    throw badRequest("JSON key '__proto__' is not allowed: it could change object prototypes");
  }
  if (
    key === 'constructor' &&
    typeof value === 'object' &&
    value !== null &&
    'prototype' in value
  ) {
    throw badRequest(
      "JSON key 'constructor' holding 'prototype' is not allowed: it could change object prototypes",
    );
  }
  return value;
}

/**
 * Parses the JSON text of an HTTP body or a WebSocket frame, refusing prototype-changing keys
 * (the same rule fastify applies to `application/json`, for every content type and both
 * transports).
 *
 * @param text - the JSON text
 * @returns the parsed value
 * @throws SyntaxError when the text is not JSON; GridError 400 for a prototype-changing key
 */
export function parseJsonText(text: string): unknown {
  return JSON.parse(text, refusePrototypeKeys) as unknown;
}
