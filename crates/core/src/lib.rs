//! Domain types and pure rules of lianxin. Nothing here performs IO or awaits: every function is a
//! plain function over plain data, so the rules can be tested exhaustively.

pub mod accounts;
pub mod appeals;
pub mod audit;
pub mod care;
pub mod chain;
pub mod clock;
pub mod counting;
pub mod decisions;
pub mod development;
pub mod disclosure;
pub mod dues;
pub mod elections;
pub mod enterprises;
pub mod leaders;
pub mod meetings;
pub mod orgs;
pub mod paging;
pub mod people;
pub mod points;
pub mod rules;
pub mod study;
pub mod tasks;
pub mod text;
pub mod totp;
pub mod tree;

pub use clock::{Clock, ManualClock};
