import workletUrl from './capture.worklet.js?url';

/** The sample rate the engine works at; the browser resamples the microphone to it. */
export const MIC_RATE = 16000;

/**
 * The microphone as a stream of 16 kHz mono blocks. An AudioContext at 16 kHz lets the browser do the
 * (band-limited) resampling; an AudioWorklet copies blocks off the audio thread without the deprecated
 * ScriptProcessorNode.
 */
export class MicCapture {
  private constructor(
    private readonly context: AudioContext,
    private readonly stream: MediaStream,
    private readonly node: AudioWorkletNode,
  ) {}

  /** The rate blocks arrive at: MIC_RATE, or the device's own with `nativeRate`. */
  get sampleRate(): number {
    return this.context.sampleRate;
  }

  /**
   * `nativeRate` keeps the device's own rate (the Record screen checks clipping on the signal as captured and
   * resamples it with the engine's resampler); otherwise blocks come at MIC_RATE.
   */
  static async open(
    onBlock: (block: Float32Array) => void,
    opts: { nativeRate?: boolean } = {},
  ): Promise<MicCapture> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new Error(
        'This browser gives no access to a microphone (it needs a secure page: localhost or the app).',
      );
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      if (name === 'NotAllowedError')
        throw new Error('Microphone access was refused: allow it in the browser to record.');
      if (name === 'NotFoundError') throw new Error('No microphone was found.');
      throw err;
    }
    const context = opts.nativeRate ? new AudioContext() : new AudioContext({ sampleRate: MIC_RATE });
    try {
      await context.audioWorklet.addModule(workletUrl);
      const source = context.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(context, 'studio-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
      node.port.onmessage = (e: MessageEvent<Float32Array>) => onBlock(e.data);
      source.connect(node);
      return new MicCapture(context, stream, node);
    } catch (err) {
      stream.getTracks().forEach((t) => t.stop());
      void context.close();
      throw err;
    }
  }

  stop(): void {
    this.node.port.onmessage = null;
    this.node.disconnect();
    this.stream.getTracks().forEach((t) => t.stop());
    void this.context.close();
  }
}
