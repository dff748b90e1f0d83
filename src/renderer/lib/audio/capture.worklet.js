// Runs on the audio rendering thread: hands each 128-sample block of the microphone to the page.
class CaptureProcessor extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) this.port.postMessage(channel.slice(0));
    return true;
  }
}
registerProcessor('studio-capture', CaptureProcessor);
