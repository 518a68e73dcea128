//! Who may do what: the identity the reverse proxy vouches for (`identity`, believed only from a
//! trusted proxy by the `gate` middleware), the groups allowed to change jobs, the team's
//! guardrails (the rule is `domain::Guardrails`, shared with the browser) and the per-person create
//! rate (`rules`). Configured by flags (`config`); enforced by the gate and by the job service.

mod config;
mod gate;
mod identity;
mod rules;

pub use config::{AccessConfig, HeaderNames};
pub use gate::identify;
pub use identity::Identity;
pub use rules::Access;
