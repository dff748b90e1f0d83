// The waveform, the spectrogram, the playhead and the selection live in one wavesurfer view (in its open
// shadow root), so they zoom and scroll together. What this file adds to wavesurfer's own parts.
import type WaveSurfer from 'wavesurfer.js';
import Spectrogram from 'wavesurfer.js/dist/plugins/spectrogram.esm.js';

/**
 * The mel spectrogram, 0-8 kHz. Given no container, it draws inside wavesurfer's scrolling wrapper, so it
 * zooms and scrolls with the waveform, and the playhead and the selection run over it.
 */
export function createSpectrogram(height: number): Spectrogram {
  return Spectrogram.create({
    labels: true,
    height,
    scale: 'mel',
    frequencyMin: 0,
    frequencyMax: 8000,
    fftSamples: 512,
    windowFunc: 'hann',
    colorMap: 'roseus',
    autoGain: true,
    rangeDB: 75,
    labelsBackground: 'rgba(0,0,0,0.25)',
    labelsColor: '#fff',
    labelsHzColor: '#ddd',
  });
}

/**
 * Gives the waveform and the spectrogram each an image role and a name, as separate pictures would have;
 * call right after registering the spectrogram (its element is then the wrapper's last).
 */
export function nameParts(instance: WaveSurfer, clip: string): void {
  const wrapper = instance.getWrapper();
  const label = (el: Element | null, text: string): void => {
    el?.setAttribute('role', 'img');
    el?.setAttribute('aria-label', text);
  };
  label(wrapper.querySelector('.canvases'), `Waveform of ${clip}`);
  label(wrapper.lastElementChild, `Mel spectrogram of ${clip}`);
  // The frequency scale stays at the left edge while a zoomed view scrolls, as a ruler should. Its box
  // clips rather than hides overflow: a hidden one would be the sticky element's scroller.
  const scale = wrapper.querySelector<HTMLElement>('[part="spec-labels"]');
  if (scale) Object.assign(scale.style, { position: 'sticky', left: '0' });
  if (scale?.parentElement)
    Object.assign(scale.parentElement.style, { overflowX: 'clip', overflowY: 'clip' });
}
