import type { AnyRule } from './types.js';
import { antiAffinityUnsatisfiable } from './rules/anti-affinity-unsatisfiable.js';
import { backupExceedsTarget } from './rules/backup-exceeds-target.js';
import { backupSameFailureDomain } from './rules/backup-same-failure-domain.js';
import { backupWithoutRetention } from './rules/backup-without-retention.js';
import { cacheExceedsMemory } from './rules/cache-exceeds-memory.js';
import { cidrOverlap } from './rules/cidr-overlap.js';
import { containerWithoutLimits } from './rules/container-without-limits.js';
import { costLineArithmetic } from './rules/cost-line-arithmetic.js';
import { datastoreExposedPublicly } from './rules/datastore-exposed-publicly.js';
import { deprecatedKubernetesApi } from './rules/deprecated-kubernetes-api.js';
import { disruptionBudgetBlocksEviction } from './rules/disruption-budget-blocks-eviction.js';
import { egressWithoutDns } from './rules/egress-without-dns.js';
import { endOfLifeVersion } from './rules/end-of-life-version.js';
import { flowBlockedByFirewall } from './rules/flow-blocked-by-firewall.js';
import { flowBlockedByAcl } from './rules/flow-blocked-by-acl.js';
import { flowBlockedByPolicy } from './rules/flow-blocked-by-policy.js';
import { imageUnpinned } from './rules/image-unpinned.js';
import { inlineSecret } from './rules/inline-secret.js';
import { limitExceedsNodeMemory } from './rules/limit-exceeds-node-memory.js';
import { limitrangeViolation } from './rules/limitrange-violation.js';
import { limitsOvercommitAtMax } from './rules/limits-overcommit-at-max.js';
import { minimumAboveRecommended } from './rules/minimum-above-recommended.js';
import { nodeportOutOfRange } from './rules/nodeport-out-of-range.js';
import { offerBelowRequirement } from './rules/offer-below-requirement.js';
import { osContradictsSoftware } from './rules/os-contradicts-software.js';
import { phaseBandwidthBelowUsage } from './rules/phase-bandwidth-below-usage.js';
import { phaseOverBudget } from './rules/phase-over-budget.js';
import { pitrGap } from './rules/pitr-gap.js';
import { policyNamespaceUnset } from './rules/policy-namespace-unset.js';
import { portCollision } from './rules/port-collision.js';
import { privilegedContainer } from './rules/privileged-container.js';
import { quorumSize } from './rules/quorum-size.js';
import { quotaBelowRequests } from './rules/quota-below-requests.js';
import { replicaFitsNoMachine } from './rules/replica-fits-no-machine.js';
import { replicasConflict } from './rules/replicas-conflict.js';
import { requestsAboveLimits } from './rules/requests-above-limits.js';
import { requestsExceedCapacity } from './rules/requests-exceed-capacity.js';
import { roleCostVsOffer } from './rules/role-cost-vs-offer.js';
import { rootWhereRootless } from './rules/root-where-rootless.js';
import { rpoExceedsBackupInterval } from './rules/rpo-exceeds-backup-interval.js';
import { rtoExceedsRestoreTime } from './rules/rto-exceeds-restore-time.js';
import { singlePointOfFailure } from './rules/single-point-of-failure.js';
import { statedBackupMatch } from './rules/stated-backup-match.js';
import { statedCostMatch } from './rules/stated-cost-match.js';
import { statedCountMatch } from './rules/stated-count-match.js';
import { statedDensityMatch } from './rules/stated-density-match.js';
import { statedFigureUnchecked } from './rules/stated-figure-unchecked.js';
import { statedResourcesMatch } from './rules/stated-resources-match.js';
import { statedStorageMatch } from './rules/stated-storage-match.js';
import { statedTrafficMatch } from './rules/stated-traffic-match.js';
import { statedUsageMatch } from './rules/stated-usage-match.js';
import { statelessAclReturnTraffic } from './rules/stateless-acl-return-traffic.js';
import { tlsBelow12 } from './rules/tls-below-1-2.js';
import { unencryptedAtRest } from './rules/unencrypted-at-rest.js';
import { unencryptedInTransit } from './rules/unencrypted-in-transit.js';
import { volumeExceedsDisk } from './rules/volume-exceeds-disk.js';
import { volumeFullBeforeHorizon } from './rules/volume-full-before-horizon.js';
import { zoneSpreadUnsatisfiable } from './rules/zone-spread-unsatisfiable.js';

/** Every rule, in catalog order (by category, then id). Adding a rule is one file and one line here. */
export const RULES: readonly AnyRule[] = [
  // arithmetic
  statedBackupMatch,
  statedCountMatch,
  statedFigureUnchecked,
  statedResourcesMatch,
  statedStorageMatch,
  statedTrafficMatch,
  statedUsageMatch,
  // capacity
  cacheExceedsMemory,
  limitExceedsNodeMemory,
  limitrangeViolation,
  limitsOvercommitAtMax,
  quotaBelowRequests,
  replicaFitsNoMachine,
  requestsAboveLimits,
  requestsExceedCapacity,
  statedDensityMatch,
  volumeExceedsDisk,
  // growth
  volumeFullBeforeHorizon,
  // backup
  backupExceedsTarget,
  backupSameFailureDomain,
  backupWithoutRetention,
  pitrGap,
  rpoExceedsBackupInterval,
  rtoExceedsRestoreTime,
  // availability
  antiAffinityUnsatisfiable,
  disruptionBudgetBlocksEviction,
  quorumSize,
  replicasConflict,
  singlePointOfFailure,
  zoneSpreadUnsatisfiable,
  // network
  cidrOverlap,
  datastoreExposedPublicly,
  egressWithoutDns,
  flowBlockedByAcl,
  flowBlockedByFirewall,
  flowBlockedByPolicy,
  nodeportOutOfRange,
  policyNamespaceUnset,
  portCollision,
  statelessAclReturnTraffic,
  // security
  containerWithoutLimits,
  inlineSecret,
  privilegedContainer,
  rootWhereRootless,
  tlsBelow12,
  unencryptedAtRest,
  unencryptedInTransit,
  // versions
  deprecatedKubernetesApi,
  endOfLifeVersion,
  imageUnpinned,
  minimumAboveRecommended,
  osContradictsSoftware,
  // cost
  costLineArithmetic,
  offerBelowRequirement,
  phaseBandwidthBelowUsage,
  phaseOverBudget,
  roleCostVsOffer,
  statedCostMatch,
];

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((r) => r.id === id);
}
