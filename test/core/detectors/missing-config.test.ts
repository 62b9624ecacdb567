import { describe, expect, it } from 'vitest';
import { missingConfig } from '../../../src/core/detectors/missing-config.ts';
import type { Container, CoreEvent, KeyedObject, Pod } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';

function configErrorPod(container: Container, message: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'nacos-0', namespace: 'nacos', uid: 'u1', creationTimestamp: '2026-11-21T11:50:00Z' },
    spec: { containers: [container], nodeName: 'node-a' },
    status: {
      phase: 'Pending',
      containerStatuses: [{ name: container.name, ready: false, restartCount: 0, image: container.image, state: { waiting: { reason: 'CreateContainerConfigError', message } } }],
    },
  };
}

function failedEvent(message: string): CoreEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'nacos-0.1', namespace: 'nacos' },
    involvedObject: { kind: 'Pod', name: 'nacos-0', namespace: 'nacos', fieldPath: 'spec.containers{k8snacos}' },
    reason: 'Failed',
    message: `Error: ${message}`,
    type: 'Warning',
    count: 38,
    lastTimestamp: '2026-11-21T11:59:00Z',
  };
}

const configMap = (name: string, data: Record<string, string>): KeyedObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'nacos' }, data });

describe('missing-config', () => {
  const nacos: Container = {
    name: 'k8snacos',
    image: 'nacos/nacos-server:latest',
    env: [
      { name: 'MYSQL_SERVICE_HOST', valueFrom: { configMapKeyRef: { name: 'nacos-cm', key: 'mysql.host' } } },
      { name: 'MYSQL_SERVICE_PORT', valueFrom: { configMapKeyRef: { name: 'nacos-cm', key: 'mysql.port' } } },
      { name: 'MYSQL_SSL', valueFrom: { configMapKeyRef: { name: 'nacos-cm', key: 'mysql.ssl', optional: true } } },
    ],
  };

  it('names the missing key, the ConfigMap, the env var that needs it and the keys that do exist', () => {
    const message = "couldn't find key mysql.host in ConfigMap nacos/nacos-cm";
    const facts = factsForPod(configErrorPod(nacos, message), {
      events: [failedEvent(message)],
      pod: { configMaps: { 'nacos-cm': configMap('nacos-cm', { 'mysql.db.name': 'nacos', 'mysql.port': '3306', 'mysql.user': 'nacos' }) } },
    });
    const finding = missingConfig.detect(facts)!;
    expect(finding.title).toBe('k8snacos cannot start: ConfigMap nacos-cm has no key mysql.host (has mysql.db.name, mysql.port, mysql.user)');
    expect(finding.vars).toMatchObject({ configMap: 'nacos-cm', key: 'mysql.host', envVar: 'MYSQL_SERVICE_HOST', container: 'k8snacos' });
    expect(finding.detail).toContain('MYSQL_SERVICE_HOST');
    expect(finding.ruledOut?.join(' ')).toContain('MYSQL_SSL');
  });

  it('points at a look-alike key that differs only by separators or case', () => {
    const message = "couldn't find key mysql.host in ConfigMap nacos/nacos-cm";
    const facts = factsForPod(configErrorPod(nacos, message), {
      pod: { configMaps: { 'nacos-cm': configMap('nacos-cm', { mysql_host: 'db', 'mysql.port': '3306' }) } },
    });
    const finding = missingConfig.detect(facts)!;
    expect(finding.vars?.closestKey).toBe('mysql_host');
  });

  it('lists the next missing key so both are fixed at once', () => {
    const message = "couldn't find key mysql.host in ConfigMap nacos/nacos-cm";
    const facts = factsForPod(configErrorPod(nacos, message), { pod: { configMaps: { 'nacos-cm': configMap('nacos-cm', { 'mysql.user': 'nacos' }) } } });
    expect(missingConfig.detect(facts)!.detail).toContain('key mysql.port in nacos-cm');
  });

  it('says when the ConfigMap now has the key: created after the last attempt', () => {
    const message = "couldn't find key mysql.host in ConfigMap nacos/nacos-cm";
    const facts = factsForPod(configErrorPod(nacos, message), { pod: { configMaps: { 'nacos-cm': configMap('nacos-cm', { 'mysql.host': 'db', 'mysql.port': '1' }) } } });
    expect(missingConfig.detect(facts)!.detail).toContain('has mysql.host now');
  });

  it('reports a missing ConfigMap referenced through envFrom, in either kubelet wording', () => {
    const api: Container = { name: 'api', image: 'shop/api:1', envFrom: [{ configMapRef: { name: 'api-settings' } }] };
    for (const message of ['configmap "api-settings" not found', 'configmaps "api-settings" not found']) {
      const facts = factsForPod(configErrorPod(api, message), { pod: { configMaps: { 'api-settings': null } } });
      const finding = missingConfig.detect(facts)!;
      expect(finding.title).toBe('api cannot start: ConfigMap api-settings does not exist in nacos');
      expect(finding.evidence.map((e) => e.text)).toContain('does not exist');
    }
  });

  it('reports a missing Secret key from the message alone, without reading the Secret', () => {
    const api: Container = { name: 'api', image: 'shop/api:1', env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }] };
    const finding = missingConfig.detect(factsForPod(configErrorPod(api, "couldn't find key password in Secret nacos/db-credentials")))!;
    expect(finding.title).toBe('api cannot start: Secret db-credentials has no key password');
    expect(finding.vars).toMatchObject({ secret: 'db-credentials', key: 'password', envVar: 'DB_PASSWORD' });
    expect(finding.ruledOut?.join(' ')).toContain('not read');
  });

  it('leaves other CreateContainerConfigErrors alone', () => {
    const api: Container = { name: 'api', image: 'shop/api:1' };
    const message = 'container has runAsNonRoot and image will run as root (pod: "nacos-0_nacos(u1)", container: api)';
    expect(missingConfig.detect(factsForPod(configErrorPod(api, message)))).toBeUndefined();
  });
});
