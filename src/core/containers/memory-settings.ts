import type { Container } from '../kube/types.ts';
import { formatBytes, parseQuantity } from '../kube/quantity.ts';

// Managed runtimes size their heap themselves, and the kernel's memory limit counts everything
// else too (JVM metaspace, thread stacks, direct buffers, code cache; V8's new space and native
// memory). A heap sized near the container limit is the classic silent OOMKill: the runtime
// never sees an out-of-memory error, the kernel kills the process first.

export interface HeapSetting {
  /** The flag as written: "-XX:MaxRAMPercentage=80", "--max-old-space-size=1024". */
  flag: string;
  /** Where it was set: "env JAVA_TOOL_OPTIONS", "args". */
  source: string;
  /** The largest heap the flag allows, in bytes, given the container's limit. */
  heapBytes?: number;
}

const JVM_ENV = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'JAVA_OPTS'];
const NODE_ENV = ['NODE_OPTIONS'];

const SIZE_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

function jvmSize(text: string): number | undefined {
  const match = /^(\d+)([kKmMgGtT]?)$/.exec(text);
  return match ? Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]! : undefined;
}

function settingsIn(text: string, source: string, limitBytes: number): HeapSetting[] {
  const found: HeapSetting[] = [];
  for (const match of text.matchAll(/-Xmx(\d+[kKmMgGtT]?)\b/g)) {
    found.push({ flag: match[0], source, heapBytes: jvmSize(match[1]!) });
  }
  for (const match of text.matchAll(/-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/g)) {
    const percent = Number(match[1]);
    found.push({ flag: match[0], source, heapBytes: Number.isNaN(limitBytes) ? undefined : (limitBytes * percent) / 100 });
  }
  for (const match of text.matchAll(/--max-old-space-size=(\d+)/g)) {
    found.push({ flag: match[0], source, heapBytes: Number(match[1]) * 2 ** 20 });
  }
  return found;
}

/** The heap flags a container sets in its env or command line. */
export function heapSettings(container: Container | undefined): HeapSetting[] {
  if (!container) return [];
  const limitBytes = parseQuantity(container.resources?.limits?.memory);
  const found: HeapSetting[] = [];
  for (const variable of container.env ?? []) {
    if (variable.value && [...JVM_ENV, ...NODE_ENV].includes(variable.name)) {
      found.push(...settingsIn(variable.value, `env ${variable.name}`, limitBytes));
    }
  }
  const commandLine = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  if (commandLine) found.push(...settingsIn(commandLine, 'command', limitBytes));
  return found;
}

/** Bytes in the unit the limit was written in, so "1600Mi of the 2000Mi limit" reads at a glance. */
function inUnitOf(bytes: number, limitText: string | number | undefined): string {
  const unit = typeof limitText === 'string' ? /(Ki|Mi|Gi|Ti)$/.exec(limitText)?.[1] : undefined;
  if (!unit) return formatBytes(bytes);
  const size = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 }[unit]!;
  return `${Math.round((bytes / size) * 10) / 10}${unit}`;
}

/**
 * What a heap setting means against the limit, when it leaves too little room: under a quarter
 * of the limit for everything that is not heap. Undefined when the setting looks sane.
 */
export function heapVersusLimit(setting: HeapSetting, limitBytes: number, limitText?: string | number): string | undefined {
  if (setting.heapBytes === undefined || Number.isNaN(limitBytes) || limitBytes <= 0) return undefined;
  const heap = inUnitOf(setting.heapBytes, limitText);
  const limit = limitText !== undefined ? String(limitText) : formatBytes(limitBytes);
  if (setting.heapBytes >= limitBytes) {
    return `${setting.flag} (${setting.source}) lets the heap alone reach ${heap}, at or above the ${limit} limit`;
  }
  const room = limitBytes - setting.heapBytes;
  if (room / limitBytes < 0.25) {
    return `${setting.flag} (${setting.source}) lets the heap reach ${heap} of the ${limit} limit, leaving ${inUnitOf(room, limitText)} for everything that is not heap (metaspace, thread stacks, buffers, native memory)`;
  }
  return undefined;
}
