/**
 * The table of training options (common/training-options.ts) and what is made from it agree: every entry is a
 * field of the request schema, a flag of `ser train` (read into the request), a TrainConfig field carried by
 * trainConfigOf, and, where it has a form field, sent by the Train form; and nothing is in one without the table.
 */
import fs from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { TrainRequestSchema } from '../../../src/common/contract.js';
import {
  TRAINING_OPTIONS,
  trainingOptionEntries,
  type CliValue,
} from '../../../src/common/training-options.js';
import { register } from '../../../src/cli/commands/train.js';
import { loadTextParsers, requestOfFlags, trainingFlags } from '../../../src/cli/train/train-flags.js';
import { DEFAULT_TRAIN_CONFIG, resolveTrainConfig } from '../../../src/core/model/config.js';
import { trainConfigOf } from '../../../src/core/model/training/train-request.js';
import {
  defaultFormValues,
  formKeyOf,
  requestOf,
  type TrainFormValues,
} from '../../../src/renderer/screens/train/form-values.js';

/** A value other than the default for each text flag (the CLI parses them with the engine's parsers). */
const TEXT_SAMPLES: Record<string, string> = {
  labels: 'angry,sad',
  split: 'kfold:3',
  augment: 'pitch,noise',
};

/** A flag's words for a value the option accepts and that differs from its default. */
function sampleArgs(key: string, flags: string, value: CliValue): string[] {
  const flag = flags.split(' ')[0]!;
  switch (value.kind) {
    case 'integer':
      return [flag, String(value.min + 2)];
    case 'upTo':
      return [flag, String(value.max / 4)];
    case 'choice':
      return [flag, value.choices[value.choices.length - 1]!];
    case 'switch':
      return [flag];
    case 'text':
      return [flag, TEXT_SAMPLES[key]!];
  }
}

/** `ser train` with every training flag given a sample value: the request it makes. */
async function sampleRequest(): Promise<Record<string, unknown>> {
  const command = new Command().exitOverride();
  for (const flag of trainingFlags()) command.addOption(flag);
  const args = trainingOptionEntries().flatMap(([key, entry]) =>
    entry.cli ? sampleArgs(key, entry.cli.flags, entry.cli.value) : [],
  );
  command.parse(args, { from: 'user' });
  return requestOfFlags(command.opts(), await loadTextParsers());
}

const keys = Object.keys(TRAINING_OPTIONS);

describe('the table of training options', () => {
  it('is the request schema: one field per entry, no other', () => {
    expect(Object.keys(TrainRequestSchema.shape)).toEqual(keys);
    expect(TrainRequestSchema.parse({})).toEqual({});
  });

  it('gives `ser train` its flags, in the table order, before the command’s own', () => {
    const program = new Command();
    register(program);
    const train = program.commands.find((c) => c.name() === 'train')!;
    const listed = train.options.map((o) => o.flags);
    const fromTable = trainingOptionEntries().flatMap(([, entry]) =>
      entry.cli ? [entry.cli.flags, ...(entry.cli.negated ? [entry.cli.negated.flags] : [])] : [],
    );
    expect(listed.slice(1, 1 + fromTable.length)).toEqual(fromTable); // after --project
    expect(listed.slice(1 + fromTable.length)).toEqual(['--out <dir>', '--report <dir>', '--json']);
    for (const option of train.options.filter((o) => fromTable.includes(o.flags)))
      expect(train.helpInformation()).toContain(option.description.slice(0, 30));
  });

  it('reads every flag into the request, which the schema accepts, and trainConfigOf carries into the config', async () => {
    const request = await sampleRequest();
    const withFlags = trainingOptionEntries().filter(([, entry]) => entry.cli);
    expect(Object.keys(request).sort()).toEqual(withFlags.map(([key]) => key).sort());
    expect(TrainRequestSchema.parse(request)).toEqual(request);
    const config = trainConfigOf(request);
    const configKeys = trainingOptionEntries().filter(([, entry]) => entry.config);
    expect(Object.keys(config).sort()).toEqual(configKeys.map(([key]) => key).sort());
    const resolved = resolveTrainConfig(config);
    for (const [key] of configKeys) {
      expect(key in DEFAULT_TRAIN_CONFIG, key).toBe(true);
      expect(resolved[key as keyof typeof resolved], key).toEqual(request[key]);
      expect(resolved[key as keyof typeof resolved], `${key} differs from its default`).not.toEqual(
        DEFAULT_TRAIN_CONFIG[key as keyof typeof DEFAULT_TRAIN_CONFIG],
      );
    }
  });

  it('states the engine’s defaults', () => {
    for (const [key, entry] of trainingOptionEntries())
      if (entry.config && entry.default !== undefined)
        expect(DEFAULT_TRAIN_CONFIG[key as keyof typeof DEFAULT_TRAIN_CONFIG], key).toEqual(entry.default);
  });

  it('gives the Train form its fields: each is shown and its value sent', async () => {
    const samples = await sampleRequest();
    const markup = fs.readFileSync('src/renderer/screens/train/TrainForm.svelte', 'utf8');
    const untouched = requestOf(defaultFormValues(), ['happy', 'sad']);
    for (const [key, entry] of trainingOptionEntries()) {
      if (!entry.form) continue;
      expect(markup, `${key}'s label in TrainForm.svelte`).toContain(`field('${key}')`);
      if (entry.form.input === 'own') {
        expect(untouched, key).toHaveProperty(key);
        continue;
      }
      const field = formKeyOf(key, entry.form);
      expect(defaultFormValues(), key).toHaveProperty(field);
      const values: TrainFormValues = { ...defaultFormValues(), [field]: samples[key] };
      expect(requestOf(values, ['happy', 'sad'])[key as keyof typeof untouched], key).toEqual(samples[key]);
    }
  });

  it('sends nothing for an empty number field or a select left at the default', () => {
    const request = requestOf(defaultFormValues(), ['happy', 'sad']);
    for (const [key, entry] of trainingOptionEntries())
      if (entry.form?.input === 'number' || (entry.form?.input === 'select' && entry.default === undefined))
        expect(request, key).not.toHaveProperty(key);
  });
});
