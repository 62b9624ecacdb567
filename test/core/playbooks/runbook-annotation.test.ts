import { describe, expect, it } from 'vitest';
import { findRunbookAnnotation } from '../../../src/core/playbooks/runbook-annotation.ts';

const annotated = (url: string) => ({ metadata: { annotations: { 'k8s-why.io/runbook': url } } });

describe('findRunbookAnnotation', () => {
  it("prefers the pod's own annotation over its workload's", () => {
    expect(findRunbookAnnotation(annotated('https://wiki.example.com/pod'), annotated('https://wiki.example.com/deploy'))).toBe(
      'https://wiki.example.com/pod',
    );
  });

  it("falls back to the workload's annotation", () => {
    expect(findRunbookAnnotation({ metadata: {} }, undefined, annotated('https://wiki.example.com/deploy'))).toBe(
      'https://wiki.example.com/deploy',
    );
  });

  it('skips a value that is not an http(s) link', () => {
    expect(findRunbookAnnotation(annotated('ask #team-payments'), annotated('javascript:alert(1)'))).toBeUndefined();
  });
});
