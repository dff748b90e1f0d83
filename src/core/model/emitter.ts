// The emitter moved to util/emitter.ts (one for the engine and the studio service); this path keeps the model's imports.
export { TypedEmitter } from '../util/emitter.js';
