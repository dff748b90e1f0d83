import { readFlacStreamInfo } from './probe-flac.js';
import { probeMp3DurationS } from './probe-mp3.js';
import { probeOggDurationS } from './probe-ogg.js';

/** A duration read from headers alone, for refusing overlong files before decoding them. */
export interface DurationProbe {
  durationS: number;
  /** Set when the header states the exact number of frames the stream must decode to. */
  exactFrames?: number;
  /** How much longer than the audio the header's figure may be (codec delay and padding). */
  slackS: number;
}

export function probeDuration(bytes: Uint8Array, format: string): DurationProbe | undefined {
  if (format === 'flac') {
    const info = readFlacStreamInfo(bytes);
    if (!info || info.totalFrames === 0 || info.sampleRate === 0) return undefined;
    return { durationS: info.totalFrames / info.sampleRate, exactFrames: info.totalFrames, slackS: 0 };
  }
  if (format === 'ogg-vorbis' || format === 'opus') {
    const durationS = probeOggDurationS(bytes);
    return durationS === undefined ? undefined : { durationS, slackS: 0 };
  }
  if (format === 'mp3') {
    const probe = probeMp3DurationS(bytes);
    return probe === undefined ? undefined : { durationS: probe.durationS, slackS: probe.overestimateS };
  }
  return undefined;
}
