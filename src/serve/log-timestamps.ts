/**
 * Times for log lines when a client asks for `timestamps=true`. A snapshot keeps the text only,
 * so times are derived: a line that starts with its own date-time (most loggers write one) keeps
 * it, and the others are spread evenly between their neighbours, the container's start and its
 * end. Times never go backwards and stay inside the container's life, as the runtime's would.
 */
export function lineTimes(lines: readonly string[], startMs: number, endMs: number): number[] {
  const end = Math.max(endMs, startMs);
  // Anchors: the container's start before the first line, its end after the last.
  const anchors: { index: number; time: number }[] = [{ index: -1, time: startMs }];
  lines.forEach((line, index) => {
    const own = leadingTime(line);
    // The runtime stamps a line when it reads it, a fraction of a millisecond after the app wrote it.
    const time = own === undefined ? undefined : own + 0.1 + ((index * 37) % 80) / 100;
    if (time !== undefined && time >= anchors.at(-1)!.time && time <= end) anchors.push({ index, time });
  });
  anchors.push({ index: lines.length, time: end });
  const times: number[] = [];
  for (let a = 0; a < anchors.length - 1; a++) {
    const from = anchors[a]!;
    const to = anchors[a + 1]!;
    if (from.index >= 0 && from.index < lines.length) times[from.index] = from.time;
    for (let index = from.index + 1; index < to.index; index++) {
      times[index] = from.time + ((to.time - from.time) * (index - from.index)) / (to.index - from.index);
    }
  }
  return times;
}

const LEADING_TIME = /^\[?(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?/;

/** The date-time a line starts with ("2026-08-11 13:27:10,044", ISO 8601), read as UTC when it names no zone. */
function leadingTime(line: string): number | undefined {
  const match = LEADING_TIME.exec(line);
  if (!match) return undefined;
  const [, date, time, fraction = '0', zone = 'Z'] = match;
  const ms = Date.parse(`${date}T${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return Number.isNaN(ms) ? undefined : ms + Number(`0.${fraction}`) * 1000;
}

/** RFC 3339 with nanoseconds and trailing zeros trimmed: Go's time.RFC3339Nano, as the kubelet writes it. */
export function rfc3339Nano(ms: number): string {
  const whole = Math.floor(ms);
  const nanos = Math.round((ms - whole) * 1e6);
  const base = new Date(whole).toISOString(); // 2026-08-11T13:27:10.044Z
  const digits = `${base.slice(20, 23)}${String(Math.min(nanos, 999_999)).padStart(6, '0')}`.replace(/0+$/, '');
  return `${base.slice(0, 19)}${digits ? `.${digits}` : ''}Z`;
}
