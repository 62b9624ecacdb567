import { describe, expect, it } from 'vitest';
import { nodeSelectorMismatch } from '../../../src/core/detectors/node-selector-mismatch.ts';
import { insufficientResources } from '../../../src/core/detectors/insufficient-resources.ts';
import { untoleratedTaint } from '../../../src/core/detectors/untolerated-taint.ts';
import type { ClaimFacts } from '../../../src/core/facts/facts.ts';
import { boundPod, node, pendingFacts, pendingPod } from '../../support/scheduling.ts';

describe('node-selector-mismatch', () => {
  it('names the label the pod wants and what the nodes carry instead', () => {
    const pod = pendingPod('api', { nodeSelector: { disktype: 'ssd' } });
    const facts = pendingFacts(pod, {
      nodes: [node('n1', { labels: { disktype: 'hdd' } }), node('n2', { labels: { disktype: 'hdd' } }), node('n3')],
      message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
    });
    const draft = nodeSelectorMismatch.detect(facts)!;
    expect(draft.title).toBe('No node matches nodeSelector disktype=ssd: disktype=hdd on n1, n2; (no such label) on n3');
    expect(draft.vars).toMatchObject({ selectorKey: 'disktype', selectorValue: 'ssd', selector: 'disktype=ssd' });
    expect(draft.evidence).toContainEqual({ kind: 'node', source: 'node/n1 metadata.labels', text: 'disktype=hdd (wants disktype=ssd)' });
  });

  it('names a required node-affinity term and the zones the nodes are in', () => {
    const pod = pendingPod('api', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1c'] }] }] } } },
    });
    const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
    const draft = nodeSelectorMismatch.detect(pendingFacts(pod, { nodes: [node('a', { labels: zone('eu-west-1a') }), node('b', { labels: zone('eu-west-1b') })] }))!;
    expect(draft.title).toContain('required node affinity topology.kubernetes.io/zone=eu-west-1c');
    expect(draft.title).toContain('topology.kubernetes.io/zone=eu-west-1a on a');
  });

  it('when the selector matches only a cordoned node, leads with the cordon and still explains the selector', () => {
    const pod = pendingPod('gpu-job', { nodeSelector: { pool: 'gpu' } });
    const facts = pendingFacts(pod, {
      nodes: [node('gpu-1', { labels: { pool: 'gpu' }, unschedulable: true }), node('cpu-1', { labels: { pool: 'general' } })],
      message: "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) were unschedulable.",
    });
    const selector = nodeSelectorMismatch.detect(facts)!;
    const taint = untoleratedTaint.detect(facts)!;
    expect(selector.title).toBe('Only gpu-1 (1 of 2 nodes) matches nodeSelector pool=gpu, and it is cordoned');
    expect(taint.priority!).toBeLessThan(selector.priority!);
  });

  it('lets the blocker on the nodes the selector picks lead, not the selector that works as meant', () => {
    const pod = pendingPod('fledged', { nodeSelector: { pool: 'infra' } });
    const facts = pendingFacts(pod, {
      nodes: [node('infra-1', { labels: { pool: 'infra' }, pods: '1' }), node('app-1', { labels: { pool: 'app' } })],
      bound: [boundPod('x', 'infra-1', {})],
      message: "0/2 nodes are available: 1 Too many pods, 1 node(s) didn't match Pod's node affinity/selector.",
    });
    expect(insufficientResources.detect(facts)!.priority!).toBeLessThan(nodeSelectorMismatch.detect(facts)!.priority!);
  });

  it('explains a volume node affinity conflict with the volume and its claim', () => {
    const pod = pendingPod('db-0', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] });
    const claim: ClaimFacts = {
      volume: 'data',
      claimName: 'data-db-0',
      claim: { metadata: { name: 'data-db-0' }, spec: { volumeName: 'pvc-1a2b' }, status: { phase: 'Bound' } },
      volumeObject: {
        metadata: { name: 'pvc-1a2b' },
        spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.ebs.csi.aws.com/zone', operator: 'In', values: ['us-east-1a'] }] }] } } },
      },
      events: [],
      storageClasses: [],
    };
    const facts = pendingFacts(pod, {
      nodes: [node('ip-10-0-2-1', { labels: { 'topology.ebs.csi.aws.com/zone': 'us-east-1b' } })],
      claims: [claim],
      message: '0/1 nodes are available: 1 node(s) had volume node affinity conflict.',
    });
    const draft = nodeSelectorMismatch.detect(facts)!;
    expect(draft.title).toBe('PersistentVolume pvc-1a2b (claim data-db-0) can only be used on nodes with topology.ebs.csi.aws.com/zone=us-east-1a; the nodes carry topology.ebs.csi.aws.com/zone=us-east-1b on ip-10-0-2-1');
    expect(draft.vars).toMatchObject({ claim: 'data-db-0', volume: 'pvc-1a2b' });
  });

  it('points out a node label that differs from the selector key only in spelling', () => {
    const pod = pendingPod('db', { nodeSelector: { disktype: 'ssd' } });
    const draft = nodeSelectorMismatch.detect(pendingFacts(pod, { nodes: [node('w1', { labels: { 'disk-type': 'ssd' } }), node('w2', { labels: { 'disk-type': 'hdd' } })] }))!;
    expect(draft.title).toBe('No node has the label disktype that nodeSelector disktype=ssd needs; the nodes carry disk-type instead: disk-type=ssd on w1; disk-type=hdd on w2');
  });

  it('works from the pre-1.21 message and the pod spec when nodes could not be read', () => {
    const pod = pendingPod('api', { nodeSelector: { 'node-role.kubernetes.io/worker': 'true' } }, "0/5 nodes are available: 5 node(s) didn't match node selector.");
    const draft = nodeSelectorMismatch.detect(pendingFacts(pod))!;
    expect(draft.title).toBe('The scheduler found 5 of 5 nodes not matching node-role.kubernetes.io/worker=true');
  });

  it('finds nothing when the selector matches a node with room', () => {
    const pod = pendingPod('api', { nodeSelector: { disktype: 'ssd' } });
    expect(nodeSelectorMismatch.detect(pendingFacts(pod, { nodes: [node('n1', { labels: { disktype: 'ssd' } })] }))).toBeUndefined();
  });

  it('says once what holds back the few nodes the affinity allows, however many they are', () => {
    const pod = pendingPod('pt-4c12g-2', {
      containers: [{ name: 'pt', image: 'pt:1', resources: { requests: { cpu: '4', memory: '12Gi' } } }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node1', 'node2', 'node3'] }] }] } } },
    });
    const nodes = ['node1', 'node2', 'node3', 'node4'].map((name) => node(name, { memory: '8Gi' }));
    const draft = nodeSelectorMismatch.detect(pendingFacts(pod, { nodes, message: "0/4 nodes are available: 3 Insufficient memory, 1 node(s) didn't match node selector." }))!;
    expect(draft.title).toBe('Only node1, node2, node3 (3 of 4 nodes) match required node affinity kubernetes.io/hostname in (node1,node2,node3), and they are all short of memory');
  });

  it('for a label the kubelet sets (arch), shows the arch the nodes have and no look-alike label, and knows not to label by hand', () => {
    const pod = pendingPod('gateway', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'ppc64le', 's390x'] }] }] } } },
    });
    const arm = node('kind-control-plane', { labels: { 'kubernetes.io/arch': 'arm64', 'beta.kubernetes.io/arch': 'arm64' } });
    const draft = nodeSelectorMismatch.detect(pendingFacts(pod, { nodes: [arm], message: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector." }))!;
    expect(draft.title).toBe('No node matches required node affinity kubernetes.io/arch in (amd64,ppc64le,s390x): kubernetes.io/arch=arm64 on kind-control-plane');
    expect(draft.detail).not.toContain('differs only in spelling');
    expect(draft.vars).toMatchObject({ selectorKey: 'kubernetes.io/arch', labelSetBy: 'the kubelet' });
  });
});
