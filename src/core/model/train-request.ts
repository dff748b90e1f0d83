import type { TrainRequest } from '../../common/contract.js';
import { DEFAULT_SPEAKER_NORM } from '../../common/options.js';
import type { TrainConfig } from './config.js';

/** The settings a Train form or API request changes from the defaults (the rest stay as resolveTrainConfig has them). */
export function trainConfigOf(request: TrainRequest): Partial<TrainConfig> {
  const c: Partial<TrainConfig> = {};
  if (request.labels) c.labels = [...request.labels];
  if (request.split) c.split = request.split as TrainConfig['split'];
  if (request.epochs !== undefined) c.epochs = request.epochs;
  if (request.batchSize !== undefined) c.batchSize = request.batchSize;
  if (request.learningRate !== undefined) c.learningRate = request.learningRate;
  if (request.augment) c.augment = [...request.augment];
  if (request.head) c.head = request.head;
  if (request.size) c.size = request.size;
  if (request.seed !== undefined) c.seed = request.seed;
  if (request.foldValidation !== undefined) c.foldValidation = request.foldValidation;
  if (request.statsRateScale !== undefined) c.statsRateScale = request.statsRateScale;
  if (request.members !== undefined) c.members = request.members;
  if (request.recipe) c.recipe = request.recipe;
  if (request.speakerNorm !== undefined)
    c.speakerNorm =
      typeof request.speakerNorm === 'boolean'
        ? request.speakerNorm
          ? DEFAULT_SPEAKER_NORM
          : 'none'
        : request.speakerNorm;
  return c;
}
