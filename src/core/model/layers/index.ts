// Importing this registers the custom layers with tf.serialization, which loading a saved model needs.
export { AttentionPooling, type AttentionPoolingArgs } from './attention-pooling.js';
export { SeededDropout, type SeededDropoutArgs } from './seeded-dropout.js';
export { TimeStatsPooling } from './time-stats-pooling.js';
export { SpecMask, type SpecMaskArgs } from './spec-mask.js';
