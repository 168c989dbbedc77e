/**
 * What operators do to an ensemble on purpose, one member at a time: rolling upgrades and rolling
 * restarts. A procedure here is not a fault kind of its own making: it stops and starts members
 * gracefully through the platform's {@link dev.quorumchaos.operation.MemberLifecycle}, waits for
 * the ensemble between members, and records each member's time away as a fault window through
 * the scenario's {@link dev.quorumchaos.fault.FaultInjector}, so the checks and the report see it
 * like any other disruption. It sits beside {@code fault}, not inside it, because it is a sequence
 * of steps with waits and evidence (the version each member answers), not one apply/recover pair.
 */
package dev.quorumchaos.operation;
