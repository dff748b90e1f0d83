// The corpora the accuracy harness measures defaults on: the five development corpora (happy/sad/neutral),
// EmoDB with its seven emotions, and their stress variants (support/stress-corpora.ts). Each is imported once
// into a project under a cache folder (features cached there), which every run then reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSource, openProject } from '../../src/core/dataset/node/index.js';
import { resolveTrainConfig } from '../../src/core/model/config.js';
import { loadFeatureBank } from '../../src/core/model/node/clip-features.js';
import { sharedPath } from '../../tests/support/shared-data.js';
import { writeStressCorpus, type StressKind } from './stress-corpora.js';

const THREE = ['happy', 'sad', 'neutral'];
const SEVEN = ['happy', 'sad', 'neutral', 'angry', 'boredom', 'disgust', 'fear'];

export interface HarnessCorpus {
  /** The shared corpus folder the recordings come from. */
  folder: string;
  labels: string[];
  /** A stress variant of the folder's corpus, or undefined for the corpus itself. */
  stress?: StressKind;
  /** The name its reference rows carry (baselines.jsonl, or bench/reference/stress-baselines.jsonl). */
  reference: string;
}

/** Balanced development corpora: the ones the "development corpora" and DESIGN.md's targets name. */
export const DEVELOPMENT: Record<string, HarnessCorpus> = {
  emodb: { folder: 'emodb', labels: THREE, reference: 'emodb' },
  savee: { folder: 'savee', labels: THREE, reference: 'savee' },
  tess: { folder: 'tess', labels: THREE, reference: 'tess' },
  emovo: { folder: 'emovo', labels: THREE, reference: 'emovo' },
  nemo: { folder: 'nemo', labels: THREE, reference: 'nemo' },
  emodb7: { folder: 'emodb', labels: SEVEN, reference: 'emodb7' },
};

/**
 * Stress variants where they mean something: skew needs speakers to spare (TESS has two, so each would keep
 * one emotion and nothing would be left to learn from), few needs more than a handful of clips in all.
 */
export const STRESS: Record<string, HarnessCorpus> = Object.fromEntries(
  (
    [
      ['emodb', 'skew'],
      ['savee', 'skew'],
      ['emovo', 'skew'],
      ['nemo', 'skew'],
      ['emodb7', 'skew'],
      ['emodb', 'few'],
      ['emovo', 'few'],
      ['nemo', 'few'],
      ['emodb7', 'few'],
    ] as const
  ).map(([base, stress]) => {
    const name = `${base}-${stress}`;
    return [name, { ...DEVELOPMENT[base], stress, reference: name }];
  }),
);

export const HARNESS_CORPORA: Record<string, HarnessCorpus> = { ...DEVELOPMENT, ...STRESS };

export function defaultProjectsRoot(): string {
  return path.join(os.tmpdir(), 'ser-accuracy-projects');
}

/** The folder (or manifest folder, for a variant) the reference script and the importer read. */
export function corpusSource(name: string, root: string): string {
  const c = HARNESS_CORPORA[name];
  if (!c) throw new Error(`unknown corpus ${name}: ${Object.keys(HARNESS_CORPORA).join(', ')}`);
  if (!c.stress) return sharedPath('data', c.folder);
  return writeStressCorpus(path.join(root, 'stress-manifests'), c.folder, name, c.labels, c.stress);
}

/**
 * A project holding the corpus's clips with their features cached, made once per root. Variants import their
 * manifest (absolute paths) into a project of their own, so a variant's clips are exactly its rows.
 */
export async function prepareProject(name: string, root: string): Promise<string> {
  const c = HARNESS_CORPORA[name];
  if (!c) throw new Error(`unknown corpus ${name}: ${Object.keys(HARNESS_CORPORA).join(', ')}`);
  const dir = path.join(root, c.stress ? name : c.folder);
  if (fs.existsSync(path.join(dir, 'done'))) return dir;
  const source = c.stress ? path.join(corpusSource(name, root), 'manifest.csv') : corpusSource(name, root);
  const project = openProject(dir, { create: true });
  try {
    await importSource(project, source);
    const config = resolveTrainConfig({ labels: c.labels });
    await loadFeatureBank(
      project.clips.labelled(c.labels),
      project.featureStore,
      config.featureConfig,
      config,
    );
  } finally {
    project.close();
  }
  fs.writeFileSync(path.join(dir, 'done'), '');
  return dir;
}
