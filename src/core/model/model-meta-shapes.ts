// Browser-safe: a model folder is checked in full against the shapes its description declares before it
// predicts anything, so a damaged file is refused with the field that is wrong instead of answering null,
// NaN or probabilities that do not sum to one.
import { clipStatisticsLength } from '../classic/clip-statistics.js';
import type { FeatureConfig } from '../features/index.js';

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

interface LogisticShape {
  classes: number;
  dims: number;
  mean: number[];
  std: number[];
  weights: number[];
  bias: number[];
}

/** The classic part as saved: today's two parts, or version 1's one model with its pooled population. */
type ClassicShape =
  | {
      independent: LogisticShape | null;
      independentStats?: number[];
      adapted: {
        population: { mean: number[]; within: number[]; between: number[] };
        logistic: LogisticShape;
      } | null;
    }
  | { speakerNorm: boolean; population: { mean: number[]; std: number[] }; logistic: LogisticShape };

/** What the shape check reads of a parsed studio-model.json (any version the loader accepts). */
export interface MetaShape {
  labels: readonly string[];
  featureConfig: FeatureConfig;
  cropFrames: number;
  windowHopFrames: number;
  norm: { mean: readonly number[]; std: readonly number[]; trimDb: number; topDb: number };
  recipe?: {
    kind: string;
    speakerNorm: string | boolean;
    populationBands: { mean: number[]; std: number[] } | null;
    classic: ClassicShape | null;
  };
}

/**
 * studio-model.json against itself: the label set, the features, the input normalisation and every array of
 * the recipe (each logistic model's weights = classes x dims, bias = classes, scaler = dims; the population
 * statistics = dims; population bands = mel bands), each number finite. Fields it does not know are left alone.
 */
export function assertMetaShapes(meta: MetaShape, where: string): void {
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
  const classic = recipe.classic;
  const legacy = classic !== null && 'speakerNorm' in classic;
  if (recipe.populationBands) {
    check.numbers('recipe.populationBands.mean', recipe.populationBands.mean, bands);
    check.numbers('recipe.populationBands.std', recipe.populationBands.std, {
      ...bands,
      sign: 'non-negative',
    });
  } else if (recipe.speakerNorm === true) {
    // Version 1 standardised the CNN's input too: without them a clip of an unknown speaker cannot be.
    check.fail('recipe.populationBands', 'is missing, but recipe.speakerNorm is on');
  }
  if (!classic) {
    if (recipe.kind !== 'cnn')
      check.fail('recipe.classic', `is missing, but recipe.kind "${recipe.kind}" uses it`);
    return;
  }
  const dims = clipStatisticsLength(fc.nMels);
  const logistic = (
    field: string,
    lr: LogisticShape,
    reads = dims,
    because = `the features of ${fc.nMels} mel bands give`,
  ) => {
    if (lr.classes !== classes) check.fail(`${field}.classes`, `is ${lr.classes}, but labels has ${classes}`);
    if (lr.dims !== reads) check.fail(`${field}.dims`, `is ${lr.dims}, but ${because} ${reads}`);
    const scaler = { length: reads, because: `${field}.dims` };
    check.numbers(`${field}.weights`, lr.weights, {
      length: classes * reads,
      because: `classes x dims (${classes} x ${reads})`,
    });
    check.numbers(`${field}.bias`, lr.bias, { length: classes, because: 'the number of classes' });
    check.numbers(`${field}.mean`, lr.mean, scaler);
    check.numbers(`${field}.std`, lr.std, { ...scaler, sign: 'positive' });
  };
  const perDim = { length: dims, because: `the features of ${fc.nMels} mel bands` };
  if (legacy) {
    logistic('recipe.classic.logistic', classic.logistic);
    check.numbers('recipe.classic.population.mean', classic.population.mean, perDim);
    check.numbers('recipe.classic.population.std', classic.population.std, {
      ...perDim,
      sign: 'non-negative',
    });
    return;
  }
  if (!classic.independent && !classic.adapted) check.fail('recipe.classic', 'has neither part');
  const picked = classic.independentStats;
  if (picked) {
    const outside = picked.findIndex((i) => !(Number.isInteger(i) && i >= 0 && i < dims));
    if (outside >= 0)
      check.fail(
        `recipe.classic.independentStats[${outside}]`,
        `is ${picked[outside]}, outside the ${dims} statistics`,
      );
  }
  if (classic.independent)
    logistic(
      'recipe.classic.independent',
      classic.independent,
      picked?.length ?? dims,
      picked ? 'recipe.classic.independentStats names' : undefined,
    );
  if (classic.adapted) {
    logistic('recipe.classic.adapted.logistic', classic.adapted.logistic);
    const p = classic.adapted.population;
    check.numbers('recipe.classic.adapted.population.mean', p.mean, perDim);
    check.numbers('recipe.classic.adapted.population.within', p.within, { ...perDim, sign: 'non-negative' });
    check.numbers('recipe.classic.adapted.population.between', p.between, {
      ...perDim,
      sign: 'non-negative',
    });
  }
  if (recipe.speakerNorm !== 'none' && recipe.kind !== 'cnn' && !classic.adapted)
    check.fail('recipe.classic.adapted', `is missing, but recipe.speakerNorm is "${recipe.speakerNorm}"`);
}
