// Preload for running the published syft.js 0.1.4 in Node (use: node --import <this file> ...).
// syft.js bundles protobufjs, which picks up the `long` package when it can resolve it; int64
// plan literals then decode as Long objects and syft.js refuses the plan. This hook makes
// `long` unresolvable, for ESM imports (a module.register resolve hook) and for CommonJS
// require (protobufjs's `inquire` uses require), so int64 values decode as plain numbers.
import Module, { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'long' && String(context.parentURL).includes('@openmined/syft.js')) throw Object.assign(new Error("Cannot find module 'long'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}`),
);

const originalResolve = Module._resolveFilename;
// Only requests coming from syft.js are refused: @tensorflow/tfjs itself requires `long`.
Module._resolveFilename = function resolveWithoutLong(request, parent, ...rest) {
  if (request === 'long' && String(parent?.filename).includes('@openmined/syft.js')) {
    throw Object.assign(new Error("Cannot find module 'long'"), { code: 'MODULE_NOT_FOUND' });
  }
  return originalResolve.call(this, request, parent, ...rest);
};
