import { statedTrafficMatch } from '../../../src/lint/rules/stated-traffic-match.js';
import { testRule } from '../rule-tester.js';

testRule(statedTrafficMatch, {
  valid: [
    { name: "totals that are the sums of the items", spec: `network:
  traffic:
    ingress:
      items:
        api: { average: ~5 Mbps, peak: 50 Mbps }
        assets: { average: ~2 Mbps, peak: 25 Mbps }
      stated:
        - { figure: average, value: ~7 Mbps }
        - { figure: peak, value: 75 Mbps }
` },
    { name: "an egress total in kbps", spec: `network:
  traffic:
    egress:
      items:
        a: { average: 500 kbps }
        b: { average: 250 kbps }
      stated:
        - { figure: average, value: 750 kbps }
` },
  ],
  invalid: [
    { name: "a peak that is not the sum of anything listed", spec: `network:
  traffic:
    ingress:
      items:
        api: { average: 5 Mbps, peak: 50 Mbps }
      stated:
        - { figure: peak, value: 75 Mbps, label: "Ingress Total: 75 Mbps peak" }
`, findings: [{"messageId":"less","message":"`Ingress Total: 75 Mbps peak` states 75 Mbps, but the ingress items' peak rates add up to 50 Mbps, 25 Mbps less than stated: the total does not follow from the items it sums, so an item or the total is wrong","line":7,"column":34}] },
    { name: "an average below its items", spec: `network:
  traffic:
    egress:
      items:
        redisq: { average: ~1 Mbps }
        esi: { average: ~500 Kbps }
        telemetry: { average: ~1 Mbps }
        metrics: { average: ~1 Mbps }
      stated:
        - { figure: average, value: ~3 Mbps, label: "Egress Total: ~3 Mbps average" }
`, findings: [{"messageId":"more","message":"`Egress Total: ~3 Mbps average` states ~3 Mbps, but the egress items' average rates add up to 3.5 Mbps, 500 kbps more than stated: links and limits sized from the stated figure would be too small","line":10,"column":37}] },
  ],
});
