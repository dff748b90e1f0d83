import type { EpochPoint, FoldCurves, ReportInput } from '../../report/types.js';
import type { TrainConfig } from '../config.js';
import type { FoldCurve } from '../training/node/experiment.js';

export function toEpochPoints(curve: FoldCurve): EpochPoint[] {
  return curve.epochs.map((e) => ({
    epoch: e.epoch,
    loss: e.loss,
    accuracy: e.accuracy,
    ...(e.valLoss === null ? {} : { val_loss: e.valLoss }),
    ...(e.valAccuracy === null ? {} : { val_accuracy: e.valAccuracy }),
    ...(e.valMacroF1 === null ? {} : { val_macro_f1: e.valMacroF1 }),
    lr: e.lr,
  }));
}

export function toFoldCurves(curves: readonly FoldCurve[]): FoldCurves[] {
  return curves.map((c) => ({ fold: c.fold, epochs: toEpochPoints(c) }));
}

/** The training settings as a flat table for the report (feature config inline, arrays joined). */
export function configTable(cfg: TrainConfig, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { featureConfig, augmentConfig, schedule, ...rest } = cfg;
  return {
    ...rest,
    labels: cfg.labels.join(', '),
    augment: cfg.augment.length > 0 ? cfg.augment.join(', ') : 'none',
    schedule: schedule.kind,
    ...Object.fromEntries(Object.entries(featureConfig).map(([k, v]) => [`features.${k}`, v])),
    'augment.pitchSemitones': augmentConfig.pitchSemitones,
    'augment.stretchRange': augmentConfig.stretchRange.join('..'),
    'augment.snrDbRange': augmentConfig.snrDbRange.join('..'),
    ...extra,
  };
}

export function datasetSummary(
  clips: ReadonlyArray<{ speaker: string; label: string }>,
  name: string,
  fingerprint?: string,
): ReportInput['dataset'] {
  const perLabel: Record<string, number> = {};
  const perSpeaker: Record<string, number> = {};
  for (const c of clips) {
    perLabel[c.label] = (perLabel[c.label] ?? 0) + 1;
    perSpeaker[c.speaker] = (perSpeaker[c.speaker] ?? 0) + 1;
  }
  return {
    name,
    clips: clips.length,
    speakers: Object.keys(perSpeaker).length,
    perLabel,
    perSpeaker,
    ...(fingerprint ? { fingerprint } : {}),
  };
}
