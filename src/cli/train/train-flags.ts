// The flags of `ser train`, made from the table of training options (common/training-options.ts), and the
// request they make: the same request the Train form and the API send, read by the same trainConfigOf.
import { InvalidArgumentError, Option } from 'commander';
import type { TrainRequest } from '../../common/contract.js';
import {
  trainingOptionEntries,
  type CliValue,
  type TrainingOption,
  type TrainingOptionKey,
} from '../../common/training-options.js';

/**
 * How a text flag's words become its value, by option: the engine's own parsers, whose errors say what is
 * wrong (every option whose flag is text needs one: the agreement test checks).
 */
export type TextParsers = Partial<Record<TrainingOptionKey, (text: string) => unknown>>;

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}, not "${value}"`);
    return n;
  };
}

/** A number in (0, max] for option `name`. */
function upTo(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0 && n <= max))
      throw new InvalidArgumentError(`${name} must be a number in (0, ${max}], not "${value}"`);
    return n;
  };
}

function withValue(option: Option, value: CliValue): Option {
  const name = option.long ?? option.flags;
  if (value.kind === 'integer') return option.argParser(integer(name, value.min));
  if (value.kind === 'upTo') return option.argParser(upTo(name, value.max));
  if (value.kind === 'choice') return option.choices([...value.choices]);
  return option;
}

/** An option's flags (its negation too), as commander options. */
export function flagsOf(entry: TrainingOption): Option[] {
  if (!entry.cli) return [];
  const flag = withValue(new Option(entry.cli.flags, entry.cli.help), entry.cli.value);
  if (entry.cli.showDefault) flag.default(entry.default);
  const negated = entry.cli.negated ? [new Option(entry.cli.negated.flags, entry.cli.negated.help)] : [];
  return [flag, ...negated];
}

/** Every training option's flags, in the table's order (the order `ser train --help` lists them). */
export function trainingFlags(): Option[] {
  return trainingOptionEntries().flatMap(([, entry]) => flagsOf(entry));
}

/** The engine's parsers of the text flags (loaded when a command runs, so `ser --help` stays quick). */
export async function loadTextParsers(): Promise<TextParsers> {
  const [labels, config] = await Promise.all([
    import('../../core/dataset/labels.js'),
    import('../../core/model/config.js'),
  ]);
  return { labels: labels.parseLabelList, split: config.parseSplit, augment: config.parseAugment };
}

function textParser(parse: TextParsers, key: TrainingOptionKey): (text: string) => unknown {
  const parser = parse[key];
  if (!parser) throw new Error(`--${key}: no parser for its text`);
  return parser;
}

/** The request the flags given make (an option left out keeps the engine's default). */
export function requestOfFlags(opts: Record<string, unknown>, parse: TextParsers): TrainRequest {
  const request: Record<string, unknown> = {};
  for (const [key, entry] of trainingOptionEntries()) {
    if (!entry.cli) continue;
    const value = opts[new Option(entry.cli.flags).attributeName()];
    if (value === undefined) continue;
    if (value === false && entry.cli.negated) request[key] = entry.cli.negated.value;
    else if (entry.cli.value.kind === 'text') request[key] = textParser(parse, key)(value as string);
    else if (entry.cli.value.kind !== 'switch' || value === true) request[key] = value;
  }
  return request as TrainRequest;
}
