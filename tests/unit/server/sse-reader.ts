export interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads a server-sent-events response into parsed events until `until` says stop (or the time runs out). */
export async function collectEvents(
  res: Response,
  until: (events: SseEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<SseEvent[]> {
  if (!res.body) throw new Error('no body');
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(events)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${events.map((e) => e.event).join(', ')}`);
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length) events.push({ event, data: JSON.parse(data.join('\n')) as unknown });
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return events;
}
