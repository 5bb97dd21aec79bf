import { describe, expect, it } from 'vitest';
import { LintAnalysis } from '../../../src/lint/analysis.js';
import { requestsAboveLimits } from '../../../src/lint/rules/requests-above-limits.js';
import { compileText, TEST_AS_OF } from '../../../src/lint/tester.js';
import type { ReportInput } from '../../../src/lint/types.js';
import { testRule } from '../rule-tester.js';

testRule(requestsAboveLimits, {
  valid: [
    { name: 'a request equal to the LimitRange default limit', spec: `kubernetes:
  limitRange:
    default: { cpu: 500m, memory: 1Gi }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 500m, memory: 1Gi }
` },
    { name: 'a limit without a request: the request becomes the limit', spec: `kubernetes:
  limitRange:
    default: { cpu: 500m, memory: 512Mi }
components:
  worker:
    kind: worker
    resources:
      limits: { cpu: 2, memory: 2Gi }
` },
    { name: 'no LimitRange, no limit', spec: `components:
  worker:
    kind: worker
    resources:
      requests: { cpu: "4", memory: 8Gi }
` },
  ],
  invalid: [
    { name: 'the LimitRange max stands in for a missing default', spec: `kubernetes:
  limitRange:
    max: { cpu: "1" }
components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 1500m, memory: 1Gi }
`, findings: [{ messageId: 'aboveDefaultLimit', message: '`worker` requests 1500m of CPU and sets no limit, so it gets the LimitRange’s maximum 1 core as its limit, below the request: Kubernetes rejects the pod', line: 8, column: 24 }] },
    { name: 'a 1G default below a 1Gi request, except in the phase that raises it', spec: `kubernetes:
  limitRange:
    default: { memory: 1G }
components:
  worker:
    kind: worker
    resources:
      requests: { memory: 1Gi }
phases:
  dev:
    kubernetes:
      limitRange:
        default: { memory: 2Gi }
  prod: {}
`, findings: [{ messageId: 'aboveDefaultLimit', message: '`worker` requests 1Gi (1.07 GB) of memory and sets no limit, so it gets the LimitRange’s default 1G (953.67 MiB) as its limit, below the request: Kubernetes rejects the pod', line: 8, column: 27, phase: 'prod' }] },
  ],
});

describe('rule requests-above-limits on a model built without the compiler’s check', () => {
  it('reports an explicit request above its limit', () => {
    const { model } = compileText(`components:
  worker:
    kind: worker
    resources:
      requests: { cpu: 500m, memory: 512Mi }
      limits: { cpu: 500m, memory: 1Gi }
`);
    if (!model) throw new Error('the spec does not compile');
    // A model from the library API may skip normalize's `limit-below-request`: the rule must still see it.
    const worker = model.components[0];
    if (!worker) throw new Error('no component');
    worker.requests.memoryBytes = 2n * 1024n ** 3n;
    const found: ReportInput[] = [];
    requestsAboveLimits.check(model, (f) => found.push(f), new LintAnalysis(model, { asOf: TEST_AS_OF }));
    expect(found.map((f) => [f.message, f.data?.['request'], f.data?.['limit']])).toEqual([['aboveLimit', '512Mi', '1Gi']]);
  });
});
