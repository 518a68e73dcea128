//! One integration-test binary: the client against the simulator (every operation signed and
//! round-tripped, failures mapped, IAM, logs) and the simulator on its own terms.

mod client;
mod simulator;
// Shared with the server's integration tests, which use some helpers these do not.
#[allow(dead_code)]
mod support;
