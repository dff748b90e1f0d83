// What a model knows of a voice, and how a voice it knows is standardised. Browser-safe: the Predict screen
// builds a voice as it hears the microphone.
export * from './voice-stats.js';
export * from './population.js';
export * from './standardise-voice.js';
export * from './adaptation.js';
export * from './skew.js';
