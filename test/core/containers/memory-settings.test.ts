import { describe, expect, it } from 'vitest';
import { heapSettings, heapVersusLimit } from '../../../src/core/containers/memory-settings.ts';
import type { Container } from '../../../src/core/kube/types.ts';
import { parseQuantity } from '../../../src/core/kube/quantity.ts';

function jvm(options: string, limit = '2000Mi'): Container {
  return { name: 'api', env: [{ name: 'JAVA_TOOL_OPTIONS', value: options }], resources: { limits: { memory: limit } } };
}

describe('heap settings against the memory limit', () => {
  it('says how little room MaxRAMPercentage=80 leaves for everything that is not heap', () => {
    const [setting] = heapSettings(jvm('-XX:MaxRAMPercentage=80 -XX:+ExitOnOutOfMemoryError'));
    expect(heapVersusLimit(setting!, parseQuantity('2000Mi'), '2000Mi')).toBe(
      '-XX:MaxRAMPercentage=80 (env JAVA_TOOL_OPTIONS) lets the heap reach 1600Mi of the 2000Mi limit, leaving 400Mi for everything that is not heap (metaspace, thread stacks, buffers, native memory)',
    );
  });

  it('flags a heap at or above the limit', () => {
    const [setting] = heapSettings(jvm('-Xmx2g', '1536Mi'));
    expect(heapVersusLimit(setting!, parseQuantity('1536Mi'), '1536Mi')).toContain('lets the heap alone reach 2048Mi, at or above the 1536Mi limit');
  });

  it('reads Node.js --max-old-space-size from NODE_OPTIONS and the command line', () => {
    const container: Container = {
      name: 'web',
      command: ['node', '--max-old-space-size=900', 'server.js'],
      env: [{ name: 'NODE_OPTIONS', value: '--max-old-space-size=1024' }],
      resources: { limits: { memory: '1Gi' } },
    };
    expect(heapSettings(container).map((s) => `${s.flag} ${s.source}`)).toEqual(['--max-old-space-size=1024 env NODE_OPTIONS', '--max-old-space-size=900 command']);
  });

  it('stays quiet about a heap that leaves a quarter of the limit free', () => {
    const [setting] = heapSettings(jvm('-XX:MaxRAMPercentage=70'));
    expect(heapVersusLimit(setting!, parseQuantity('2000Mi'), '2000Mi')).toBeUndefined();
  });
});
