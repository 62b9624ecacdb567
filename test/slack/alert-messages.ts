// Alert messages as Slack's API hands them to a message shortcut (message.text, attachments,
// blocks; &, <, > escaped; links as <url|label>), modelled on the stock templates of each tool.

/** Alertmanager's slack_configs with the widely copied "Details" template; kube-prometheus KubePodCrashLooping. */
export const ALERTMANAGER_CRASHLOOP = {
  type: 'message',
  subtype: 'bot_message',
  ts: '1712134567.000200',
  bot_id: 'B05ALERTMGR',
  username: 'Alertmanager',
  text: '',
  attachments: [
    {
      id: 1,
      color: 'a30200',
      fallback: '[FIRING:1] KubePodCrashLooping (api checkout-7d9f8b6c5-x2x9z shop warning) | http://alertmanager.monitoring:9093/#/alerts?receiver=slack-shop',
      title: '[FIRING:1] KubePodCrashLooping (api checkout-7d9f8b6c5-x2x9z shop warning)',
      title_link: 'http://alertmanager.monitoring:9093/#/alerts?receiver=slack-shop',
      text: [
        '*Alert:* Pod is crash looping. - `warning`',
        '*Description:* Pod shop/checkout-7d9f8b6c5-x2x9z (api) is in waiting state (reason: "CrashLoopBackOff").',
        '*Graph:* <http://prometheus.monitoring:9090/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_reason%7Breason%3D%22CrashLoopBackOff%22%7D%5B5m%5D%29&amp;g0.tab=1|:chart_with_upwards_trend:> *Runbook:* <https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping|:spiral_note_pad:>',
        '',
        '*Details:*',
        '  • *alertname:* `KubePodCrashLooping`',
        '  • *container:* `api`',
        '  • *endpoint:* `http`',
        '  • *instance:* `10.42.1.7:8080`',
        '  • *job:* `kube-state-metrics`',
        '  • *namespace:* `shop`',
        '  • *pod:* `checkout-7d9f8b6c5-x2x9z`',
        '  • *prometheus:* `monitoring/kube-prometheus-stack-prometheus`',
        '  • *service:* `kube-prometheus-stack-kube-state-metrics`',
        '  • *severity:* `warning`',
      ].join('\n'),
      mrkdwn_in: ['fallback', 'pretext', 'text'],
    },
  ],
};

/**
 * Grafana-managed alert (default Slack template) on kube-state-metrics scraped without
 * honor_labels: `pod`/`namespace` are kube-state-metrics' own, the pod in trouble is exported_pod.
 */
export const GRAFANA_EXPORTED_LABELS = {
  type: 'message',
  subtype: 'bot_message',
  ts: '1712140001.000300',
  text: '',
  attachments: [
    {
      color: '#D63232',
      title: '[FIRING:1] KubePodNotReady Kubernetes (payments ledger-5b6f7c9d4-qwz8p)',
      title_link: 'https://grafana.example.com/alerting/list',
      text: [
        '**Firing**',
        '',
        'Value: B=1',
        'Labels:',
        ' - alertname = KubePodNotReady',
        ' - container = kube-state-metrics',
        ' - exported_namespace = payments',
        ' - exported_pod = ledger-5b6f7c9d4-qwz8p',
        ' - grafana_folder = Kubernetes',
        ' - instance = 10.42.0.17:8080',
        ' - job = kube-state-metrics',
        ' - namespace = monitoring',
        ' - pod = kube-state-metrics-6d8f9c7b5-k2xlm',
        ' - severity = warning',
        'Annotations:',
        ' - summary = Pod has been in a non-ready state for more than 15 minutes.',
        'Source: https://grafana.example.com/alerting/grafana/ddk2l8x/view?orgId=1',
        'Silence: https://grafana.example.com/alerting/silence/new?alertmanager=grafana&amp;matcher=alertname%3DKubePodNotReady',
      ].join('\n'),
      footer: 'Grafana v10.4.1',
    },
  ],
};

/** Datadog's Slack integration: the multi-alert group in the title, the monitor message below. */
export const DATADOG_CRASHLOOP = {
  type: 'message',
  subtype: 'bot_message',
  ts: '1712141111.000400',
  text: '',
  attachments: [
    {
      color: '#e01e5a',
      title: '[Triggered on {kube_cluster_name:prod-eu,kube_namespace:payments,pod_name:ledger-5b6f7c9d4-qwz8p}] [kubernetes] Pod ledger-5b6f7c9d4-qwz8p is CrashloopBackOff on namespace payments',
      title_link: 'https://app.datadoghq.eu/monitors/81234567?group=kube_cluster_name%3Aprod-eu',
      text: 'pod ledger-5b6f7c9d4-qwz8p is in CrashloopBackOff on payments \n This alert could generate several alerts for a bad deployment. Adjust the thresholds of the query to suit your infrastructure. @slack-payments-alerts\n\n[<https://app.datadoghq.eu/monitors/81234567|Monitor Status>] · [<https://app.datadoghq.eu/monitors#81234567/edit|Edit Monitor>]',
    },
  ],
};

/** PagerDuty's Slack app: the incident title only, Alertmanager's default subject with label values and no names. */
export const PAGERDUTY_INCIDENT = {
  type: 'message',
  ts: '1712142222.000500',
  bot_id: 'B03PAGERDTY',
  text: 'Triggered #4711: [FIRING:1] KubePodCrashLooping (shop checkout-7d9f8b6c5-x2x9z critical)',
  blocks: [
    {
      type: 'section',
      block_id: 'incident',
      text: { type: 'mrkdwn', text: '*<https://acme.pagerduty.com/incidents/Q1X2Y3Z4|[#4711] [FIRING:1] KubePodCrashLooping (shop checkout-7d9f8b6c5-x2x9z critical)>*' },
      fields: [
        { type: 'mrkdwn', text: '*Status:* Triggered' },
        { type: 'mrkdwn', text: '*Urgency:* High' },
        { type: 'mrkdwn', text: '*Service:* <https://acme.pagerduty.com/services/P9Q8R7|Kubernetes prod>' },
      ],
    },
  ],
};

/** kube-prometheus KubeContainerWaiting (newer wording), posted with a minimal template. */
export const CONTAINER_WAITING = {
  type: 'message',
  ts: '1712143333.000600',
  text: ':warning: *KubeContainerWaiting*: pod/reports-0 in namespace batch on container main has been in waiting state for longer than 1 hour.',
};

/** A Deployment alert: no pod label, the workload instead (label set as Alertmanager prints it). */
export const DEPLOYMENT_MISMATCH = {
  type: 'message',
  ts: '1712144444.000700',
  text: '[FIRING:1] KubeDeploymentReplicasMismatch\nDeployment shop/checkout has not matched the expected number of replicas for longer than 15 minutes.\n{alertname="KubeDeploymentReplicasMismatch", cluster="prod", deployment="checkout", namespace="shop", severity="warning"}',
};

/** KubeJobFailed: `job` is the scrape job; the Kubernetes Job is job_name. */
export const JOB_FAILED = {
  type: 'message',
  ts: '1712145555.000800',
  text: '[FIRING:1] KubeJobFailed\nJob batch/nightly-report-28471230 failed to complete. Removing failed job after investigation should clear this alert.\nLabels: alertname=KubeJobFailed job=kube-state-metrics job_name=nightly-report-28471230 namespace=batch severity=warning',
};

/** Two pods in one group. */
export const GROUPED_TWO_PODS = {
  type: 'message',
  ts: '1712146666.000900',
  text: '[FIRING:2] KubePodCrashLooping\n• pod="cart-6c9d8f7b4-z7wq2" namespace="shop" container="cart"\n• pod="cart-6c9d8f7b4-h5vbn" namespace="shop" container="cart"',
};

/** A node alert names no pod or workload. */
export const NODE_NOT_READY = {
  type: 'message',
  ts: '1712147777.001000',
  text: '[FIRING:1] KubeNodeNotReady\nip-10-0-1-23.eu-west-1.compute.internal has been unready for more than 15 minutes.\n{alertname="KubeNodeNotReady", condition="Ready", node="ip-10-0-1-23.eu-west-1.compute.internal", severity="warning", status="true"}',
};

/** A template whose labels were never filled in. */
export const UNRENDERED_TEMPLATE = {
  type: 'message',
  ts: '1712148888.001100',
  text: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping. pod: {{ $labels.pod }}',
};
