// Every seed a run derives from its one config seed, in one place. Each derivation gives its consumer a
// stream of its own, so changing one (say, the folds' validation share) never moves another (the weights).
// The formulas are part of what a seed means: changing one changes every result trained since.

/** Initial weights of training k of a run (folds in plan order, then the final model): each its own draw. */
export function weightSeed(runSeed: number, k: number): number {
  return runSeed * 7 + k;
}

/** Training k's loop seed (batch order, augmentation): a stream apart from its weights' (a large prime). */
export function loopSeed(runSeed: number, k: number): number {
  return runSeed * 7919 + k;
}

/** A training's batch order, apart from the batches' own augmentation seeds (batchSeed). */
export function shuffleSeed(loopSeed: number): number {
  return loopSeed ^ 0x5bd1e995;
}

/** A distinct, reproducible seed for every (run seed, epoch, batch). */
export function batchSeed(seed: number, epoch: number, batch: number): number {
  return (
    (Math.imul(seed + 1, 0x9e3779b1) ^
      Math.imul(epoch + 1, 0x85ebca6b) ^
      Math.imul(batch + 1, 0xc2b2ae35)) >>>
    0
  );
}

/** A fold's random validation share (fold 0.., or the final model): each fold draws its own share. */
export function valShareSeed(splitSeed: number, fold: number | 'final'): number {
  return splitSeed + 31 * (typeof fold === 'number' ? fold + 1 : 0);
}

/** The seeds of a model's layers, one per layer in the order they are built: a block of 1000 per model seed. */
export function layerSeeds(modelSeed: number): () => number {
  let seed = modelSeed * 1000;
  return () => ++seed;
}

/** A seeded layer's random draw at training step k: masks differ from step to step, and repeat run to run. */
export function stepSeed(layerSeed: number, step: number): number {
  return layerSeed * 100003 + step;
}

/** The inner experiment 'auto' runs in outer fold `fold`: a stream apart from the outer folds' seeds. */
export function innerSeed(runSeed: number, fold: number): number {
  return runSeed * 101 + 53 + fold;
}

/** Which of a held-out voice's other clips stand in for "a voice known from k clips" in fold `fold`. */
export function voiceSubsetSeed(runSeed: number, fold: number): number {
  return runSeed * 7561 + 29 + fold;
}
