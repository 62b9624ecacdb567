import { describe, expect, it } from 'vitest';
import { FINDING_IDS } from '../../../src/core/findings/finding-ids.ts';
import { layerPlaybooks } from '../../../src/core/playbooks/layer-playbooks.ts';
import { playbookSchema, type PlaybookSet } from '../../../src/core/playbooks/playbook-schema.ts';

const builtIns = Object.fromEntries(
  FINDING_IDS.map((id) => [
    id,
    playbookSchema.parse({
      id,
      title: `built-in ${id}`,
      explanation: `built-in explanation of ${id}`,
      steps: [{ text: 'first' }, { text: 'second' }],
      runbook: { title: 'upstream', url: `https://kubernetes.io/${id}` },
    }),
  ]),
) as PlaybookSet;

describe('layerPlaybooks', () => {
  it('replaces only the fields a team wrote, for that id only', () => {
    const layered = layerPlaybooks(builtIns, [{ id: 'oom-killed', runbook: { url: 'https://wiki.example.com/oom' } }]);
    expect(layered['oom-killed'].runbook).toEqual({ url: 'https://wiki.example.com/oom' });
    expect(layered['oom-killed'].explanation).toBe('built-in explanation of oom-killed');
    expect(layered['oom-killed'].steps).toHaveLength(2);
    expect(layered['crash-loop']).toBe(builtIns['crash-loop']);
  });

  it('replaces steps as a whole list', () => {
    const layered = layerPlaybooks(builtIns, [{ id: 'crash-loop', steps: [{ text: 'page the owning team' }] }]);
    expect(layered['crash-loop'].steps).toEqual([{ text: 'page the owning team' }]);
  });

  it('lets a later layer win over an earlier one', () => {
    const layered = layerPlaybooks(builtIns, [
      { id: 'evicted', title: 'first team' },
      { id: 'evicted', title: 'second team' },
    ]);
    expect(layered.evicted.title).toBe('second team');
  });

  it('leaves the built-ins untouched', () => {
    layerPlaybooks(builtIns, [{ id: 'healthy', title: 'changed' }]);
    expect(builtIns.healthy.title).toBe('built-in healthy');
  });
});
