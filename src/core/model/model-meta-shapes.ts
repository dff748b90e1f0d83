// Browser-safe: a model folder is checked in full against the shapes its description declares before it
// predicts anything, so a damaged file is refused with the field that is wrong instead of answering null,
// NaN or probabilities that do not sum to one.
import { clipStatisticsLength } from '../classic/clip-statistics.js';
import type { StudioModelMeta } from './model-meta.js';

/** The largest magnitude a saved number may have: what a 32-bit float holds (the CNN computes in them). */
const LARGEST = 3.4028234663852886e38;

interface NumbersRule {
  /** How many numbers, and what says so (for the message). */
  length: number;
  because: string;
  /** A spread or a divisor: above zero, or at least zero. */
  sign?: 'positive' | 'non-negative';
}

/** Checks of one file; every failure names the file and the field. */
export class FileCheck {
  constructor(private readonly where: string) {}

  fail(field: string, reason: string): never {
    throw new Error(`${this.where}: ${field} ${reason}`);
  }

  numbers(field: string, values: readonly number[], rule: NumbersRule): void {
    if (values.length !== rule.length)
      this.fail(field, `has ${values.length} numbers, but ${rule.because} is ${rule.length}`);
    values.forEach((v, i) => {
      if (!Number.isFinite(v) || Math.abs(v) > LARGEST)
        this.fail(`${field}[${i}]`, `is ${v}, not a number a model can hold`);
      if (rule.sign === 'positive' && !(v > 0))
        this.fail(`${field}[${i}]`, `is ${v}: a spread must be above 0`);
      if (rule.sign === 'non-negative' && v < 0)
        this.fail(`${field}[${i}]`, `is ${v}: a spread cannot be below 0`);
    });
  }
}

/**
 * studio-model.json against itself: the label set, the features, the input normalisation and every array of
 * the recipe (the classic model's weights = classes x dims, bias = classes, scaler and population statistics
 * = dims, population bands = mel bands), each number finite. Fields it does not know are left alone.
 */
export function assertMetaShapes(meta: StudioModelMeta, where: string): void {
  const check = new FileCheck(where);
  const classes = meta.labels.length;
  if (new Set(meta.labels).size !== classes)
    check.fail('labels', `repeats a label (${meta.labels.join(', ')})`);

  const fc = meta.featureConfig;
  if (fc.winLength > fc.nFft)
    check.fail('featureConfig.winLength', `(${fc.winLength}) is longer than nFft (${fc.nFft})`);
  if (fc.fmin >= fc.fmax) check.fail('featureConfig.fmin', `(${fc.fmin}) is not below fmax (${fc.fmax})`);
  if (fc.fmax > fc.sampleRate / 2)
    check.fail('featureConfig.fmax', `(${fc.fmax}) is above half the sample rate (${fc.sampleRate / 2})`);
  if (meta.windowHopFrames > meta.cropFrames)
    check.fail(
      'windowHopFrames',
      `(${meta.windowHopFrames}) is longer than the input (cropFrames ${meta.cropFrames})`,
    );

  const bands = { length: fc.nMels, because: 'featureConfig.nMels' };
  check.numbers('norm.mean', meta.norm.mean, bands);
  check.numbers('norm.std', meta.norm.std, { ...bands, sign: 'non-negative' });
  if (!Number.isFinite(meta.norm.trimDb)) check.fail('norm.trimDb', 'is not a finite number');
  if (!Number.isFinite(meta.norm.topDb)) check.fail('norm.topDb', 'is not a finite number');

  const recipe = meta.recipe;
  if (!recipe) return;
  if (recipe.populationBands) {
    check.numbers('recipe.populationBands.mean', recipe.populationBands.mean, bands);
    check.numbers('recipe.populationBands.std', recipe.populationBands.std, {
      ...bands,
      sign: 'non-negative',
    });
  } else if (recipe.speakerNorm) {
    // Without them a clip of an unknown speaker (a dropped file, the microphone) cannot be standardised.
    check.fail('recipe.populationBands', 'is missing, but recipe.speakerNorm is on');
  }
  const classic = recipe.classic;
  if (!classic) {
    if (recipe.kind !== 'cnn')
      check.fail('recipe.classic', `is missing, but recipe.kind "${recipe.kind}" uses it`);
    return;
  }
  const lr = classic.logistic;
  if (lr.classes !== classes)
    check.fail('recipe.classic.logistic.classes', `is ${lr.classes}, but labels has ${classes}`);
  const dims = clipStatisticsLength(fc.nMels);
  if (lr.dims !== dims)
    check.fail(
      'recipe.classic.logistic.dims',
      `is ${lr.dims}, but the features of ${fc.nMels} mel bands give ${dims}`,
    );
  const perDim = { length: dims, because: 'recipe.classic.logistic.dims' };
  check.numbers('recipe.classic.logistic.weights', lr.weights, {
    length: classes * dims,
    because: `classes x dims (${classes} x ${dims})`,
  });
  check.numbers('recipe.classic.logistic.bias', lr.bias, {
    length: classes,
    because: 'the number of classes',
  });
  check.numbers('recipe.classic.logistic.mean', lr.mean, perDim);
  check.numbers('recipe.classic.logistic.std', lr.std, { ...perDim, sign: 'positive' });
  check.numbers('recipe.classic.population.mean', classic.population.mean, perDim);
  check.numbers('recipe.classic.population.std', classic.population.std, { ...perDim, sign: 'non-negative' });
}
