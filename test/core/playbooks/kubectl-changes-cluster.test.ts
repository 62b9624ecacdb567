import { describe, expect, it } from 'vitest';
import { kubectlWrite } from '../../../src/core/playbooks/kubectl-changes-cluster.ts';

describe('kubectlWrite', () => {
  it.each([
    'kubectl describe pod api-1 -n shop',
    'kubectl logs api-1 -n shop -c api --previous',
    'kubectl get events -n shop --field-selector involvedObject.name=api-1',
    'kubectl -n shop get pods',
    'kubectl --context prod top pods --containers',
    'kubectl rollout status deployment/api -n shop --watch=false',
    'kubectl rollout history deployment/api',
    'kubectl auth can-i list pods',
    'kubectl config current-context',
    'kubectl describe pod delete-me-7f9c',
    'docker manifest inspect nginx:1.27',
    'kubectl get events -A --field-selector reason=Failed | grep -i toomanyrequests',
  ])('reads only: %s', (command) => {
    expect(kubectlWrite(command)).toBeUndefined();
  });

  it.each([
    ['kubectl delete pod api-1 -n shop --grace-period=0 --force', 'delete'],
    ['kubectl -n shop patch pod api-1 --type=merge -p x', 'patch'],
    ['kubectl rollout undo deployment/api', 'rollout undo'],
    ['kubectl rollout restart deployment/api', 'rollout restart'],
    ['kubectl taint nodes node-1 key:NoSchedule-', 'taint'],
    ['kubectl debug api-1 -it --copy-to=api-1-debug -- sh', 'debug'],
    ['kubectl run nettest -it --rm --image=busybox -- sh', 'run'],
    ['kubectl get pods -o name && kubectl delete pod api-1', 'delete'],
    ['kubectl config use-context prod', 'config use-context'],
  ])('writes: %s', (command, verb) => {
    expect(kubectlWrite(command)).toBe(verb);
  });
});
