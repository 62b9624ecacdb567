import type { Fault } from './faults.ts';

// The command-line form of faults and delays, for `k8s-why serve --fault ... --latency ...`.

/** "250ms", "5s", "1.5s", "2m" → milliseconds; "forever" → Infinity. */
export function parseDuration(text: string): number | undefined {
  if (text === 'forever') return Number.POSITIVE_INFINITY;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  return match[2] === 'ms' ? value : match[2] === 's' ? value * 1000 : value * 60_000;
}

export const FAULT_SYNTAX = 'PATH_GLOB=ACTION[,times=N] where ACTION is a status code (403, 500 ...), reset, stall:DURATION or slow:DURATION';

// PATH_GLOB=ACTION[,times=N], for example:
//   **/log=403   **/events=500,times=2   /api/v1/nodes/*=stall:5s   **=reset,times=1   **/pods=slow:3s
/** One --fault value as a Fault, or an error sentence saying what was expected. */
export function parseFaultSpec(spec: string): Fault | { error: string } {
  const at = spec.indexOf('=');
  const path = spec.slice(0, at);
  const [action = '', ...options] = spec.slice(at + 1).split(',');
  if (at <= 0 || !(path.startsWith('/') || path.startsWith('*'))) return { error: `--fault ${spec}: expected ${FAULT_SYNTAX}` };
  const fault: Fault = { path };
  const [verb, argument] = action.split(':');
  if (/^[1-5]\d\d$/.test(action)) fault.status = Number(action);
  else if (action === 'reset') fault.reset = true;
  else if ((verb === 'stall' || verb === 'slow') && argument !== undefined) {
    const ms = parseDuration(argument);
    if (ms === undefined) return { error: `--fault ${spec}: "${argument}" is not a duration (250ms, 5s, 1m, forever)` };
    if (verb === 'stall') fault.stallMs = ms;
    else fault.slowBodyMs = ms;
  } else if (action === 'stall') fault.stallMs = Number.POSITIVE_INFINITY;
  else return { error: `--fault ${spec}: unknown action "${action}": expected ${FAULT_SYNTAX}` };
  for (const option of options) {
    const times = /^times=(\d+)$/.exec(option);
    if (!times) return { error: `--fault ${spec}: unknown option "${option}": only times=N` };
    fault.times = Number(times[1]);
  }
  return fault;
}
