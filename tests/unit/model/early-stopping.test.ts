import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../../src/core/model/training/early-stopping.js';

describe('early stopping', () => {
  it('keeps the epoch with the best macro F1 and stops after `patience` epochs without a better one', () => {
    const es = new EarlyStopping(2, 0, 'f1');
    expect(es.update(0, { macroF1: 0.5, loss: 1 })).toBe(true);
    expect(es.update(1, { macroF1: 0.7, loss: 0.9 })).toBe(true);
    expect(es.update(2, { macroF1: 0.6, loss: 0.8 })).toBe(false);
    expect(es.shouldStop(2)).toBe(false);
    expect(es.update(3, { macroF1: 0.7, loss: 0.95 })).toBe(false);
    expect(es.shouldStop(3)).toBe(true);
    expect(es.best).toEqual({ epoch: 1, score: { macroF1: 0.7, loss: 0.9 } });
  });

  it('breaks a tie in F1 by the lower loss', () => {
    const es = new EarlyStopping(5, 0, 'f1');
    es.update(0, { macroF1: 0.8, loss: 0.6 });
    expect(es.update(1, { macroF1: 0.8, loss: 0.5 })).toBe(true);
    expect(es.best?.epoch).toBe(1);
  });

  it('by default keeps the epoch with the lowest validation loss, whatever its F1', () => {
    const es = new EarlyStopping(3);
    es.update(0, { macroF1: 0.9, loss: 0.5 });
    expect(es.update(1, { macroF1: 0.8, loss: 0.4 })).toBe(true);
    expect(es.update(2, { macroF1: 0.95, loss: 0.45 })).toBe(false);
    expect(es.best?.epoch).toBe(1);
  });

  it('does not stop before the minimum number of epochs', () => {
    const es = new EarlyStopping(1, 5);
    es.update(0, { macroF1: 0.9, loss: 0.1 });
    es.update(1, { macroF1: 0.1, loss: 2 });
    expect(es.shouldStop(1)).toBe(false);
    es.update(4, { macroF1: 0.1, loss: 2 });
    expect(es.shouldStop(4)).toBe(true);
  });
});
