import { describe, expect, it } from 'vitest';
import { sanitiseObject } from '../../src/capture/sanitise-object.ts';
import { runningPod } from '../support/objects.ts';

describe('a captured object keeps no secrets', () => {
  it('empties ConfigMap and Secret values but keeps their keys', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-config', namespace: 'shop' }, data: { 'db.url': 'postgres://app:hunter2@db/shop', 'log.level': 'info' } };
    expect(sanitiseObject(configMap)).toMatchObject({ data: { 'db.url': '', 'log.level': '' } });
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: 'aHVudGVyMg==' }, stringData: { token: 'x' } };
    expect(sanitiseObject(secret)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: '' } });
  });

  it('masks secret env values and flags in pods and workload templates, and drops last-applied', () => {
    const pod = runningPod('api-1');
    pod.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{"env":[{"name":"DB_PASSWORD","value":"hunter2"}]}', team: 'shop' };
    pod.spec.containers[0]!.env = [
      { name: 'DB_PASSWORD', value: 'hunter2' },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } },
    ];
    pod.spec.containers[0]!.args = ['--db-password', 'hunter2', '--port', '8080'];
    const clean = JSON.stringify(sanitiseObject(pod));
    expect(clean).not.toContain('hunter2');
    expect(clean).toContain('"LOG_LEVEL","value":"info"');
    expect(clean).toContain('"secretKeyRef":{"name":"api","key":"key"}');
    expect(clean).toContain('"--port","8080"');
    expect(clean).toContain('"team":"shop"');
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'api', env: [{ name: 'STRIPE_SECRET', value: 'sk_live_abc' }] }] } } } };
    expect(JSON.stringify(sanitiseObject(deployment))).not.toContain('sk_live_abc');
  });
});
