import { describe, expect, it } from 'vitest';
import { findAlertTarget, type AlertTarget } from '../../src/slack/alert-text.ts';
import { decodeSlackMarkup, messageText } from '../../src/slack/message-text.ts';
import * as alerts from './alert-messages.ts';

function target(message: unknown): AlertTarget {
  const found = findAlertTarget(messageText(message));
  if (!found.ok) throw new Error(`no target found; looked for ${found.lookedFor.join(' | ')}`);
  return found.alert;
}

describe('reading the pod an alert is about', () => {
  it('Alertmanager details template: the pod and namespace labels in the attachment', () => {
    expect(target(alerts.ALERTMANAGER_CRASHLOOP)).toMatchObject({ target: 'checkout-7d9f8b6c5-x2x9z', namespace: 'shop', foundBy: 'pod label', others: [] });
  });

  it('kube-state-metrics without honor_labels: exported_pod, not kube-state-metrics itself', () => {
    expect(target(alerts.GRAFANA_EXPORTED_LABELS)).toMatchObject({ target: 'ledger-5b6f7c9d4-qwz8p', namespace: 'payments', foundBy: 'exported_pod label' });
  });

  it('Datadog: pod_name and kube_namespace tags, and the cluster tag', () => {
    expect(target(alerts.DATADOG_CRASHLOOP)).toMatchObject({ target: 'ledger-5b6f7c9d4-qwz8p', namespace: 'payments', cluster: 'prod-eu', foundBy: 'Datadog tag' });
  });

  it('PagerDuty title with label values only: a generated pod name, and no namespace guessed', () => {
    const alert = target(alerts.PAGERDUTY_INCIDENT);
    expect(alert).toMatchObject({ target: 'checkout-7d9f8b6c5-x2x9z', foundBy: 'generated pod name' });
    expect(alert.namespace).toBeUndefined();
  });

  it('kube-prometheus KubeContainerWaiting: "pod/NAME in namespace NS" names a StatefulSet pod too', () => {
    expect(target(alerts.CONTAINER_WAITING)).toMatchObject({ target: 'reports-0', namespace: 'batch', foundBy: 'kube-prometheus description' });
  });

  it('a Deployment alert with no pod: the deployment, as deploy/NAME', () => {
    expect(target(alerts.DEPLOYMENT_MISMATCH)).toMatchObject({ target: 'deploy/checkout', namespace: 'shop', cluster: 'prod' });
  });

  it('KubeJobFailed: the Kubernetes Job from job_name, never the scrape job "kube-state-metrics"', () => {
    expect(target(alerts.JOB_FAILED)).toMatchObject({ target: 'job/nightly-report-28471230', namespace: 'batch' });
  });

  it('a grouped alert: the first pod, and the others named', () => {
    expect(target(alerts.GROUPED_TWO_PODS)).toMatchObject({ target: 'cart-6c9d8f7b4-z7wq2', namespace: 'shop', others: ['cart-6c9d8f7b4-h5vbn'] });
  });

  it('OpenTelemetry resource attributes', () => {
    expect(findAlertTarget('HighErrorRate k8s.namespace.name=shop k8s.pod.name=cart-6c9d8f7b4-z7wq2 service.name=cart')).toMatchObject({
      ok: true,
      alert: { target: 'cart-6c9d8f7b4-z7wq2', namespace: 'shop', foundBy: 'OpenTelemetry attribute' },
    });
  });

  it('a node alert names no pod: says what it looked for', () => {
    const found = findAlertTarget(messageText(alerts.NODE_NOT_READY));
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.lookedFor.join('\n')).toContain('pod_name');
      expect(found.lookedFor.join('\n')).toContain('exported_pod');
      expect(found.lookedFor.join('\n')).toContain('pod/checkout-7d9f in namespace shop');
    }
  });

  it('an unrendered template is not a pod', () => {
    expect(findAlertTarget(messageText(alerts.UNRENDERED_TEMPLATE)).ok).toBe(false);
  });

  it('does not take uppercase words or sentences for names', () => {
    expect(findAlertTarget('Pod: Checkout is down, namespace: Shop').ok).toBe(false);
    expect(findAlertTarget('pod=checkout-api.')).toMatchObject({ ok: true, alert: { target: 'checkout-api' } });
  });
});

describe('the text of a Slack message', () => {
  it('reads attachments, fields and blocks, and undoes Slack escaping and links', () => {
    const text = messageText({
      text: 'top',
      attachments: [{ title: 'a', fields: [{ title: 'pod', value: 'web-1' }] }],
      blocks: [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'in block' }] }] }],
    });
    expect(text.split('\n')).toEqual(expect.arrayContaining(['top', 'a', 'pod: web-1', 'in block']));
    expect(decodeSlackMarkup('pod=&quot;x&quot; &lt;b&gt; <https://e.com/a|label> <https://e.com/b> &amp;')).toBe('pod="x" <b> label https://e.com/b &');
  });
});
