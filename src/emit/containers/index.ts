export { containerPhases, notRunReason } from './build.js';
export { cores, goDuration, memory, seconds } from './format.js';
export { NoteSink } from './notes.js';
export type { BindMount, Container, ContainerPhase, ContainerPort, ContainerVolume, Dependency, EnvVar, HealthCheck, NetworkDefinition } from './types.js';
