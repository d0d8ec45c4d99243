//! Use cases of lianxin. Every function takes a [`Ctx`] first (actor, locale, clock, request id),
//! asks [`policy`] whether the actor may act, writes in one transaction and audits the change.

pub mod accounts;
mod actor;
pub mod appeals;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod care;
pub mod crypto;
mod ctx;
pub mod data_key;
pub mod decisions;
pub mod demo;
pub mod development;
pub mod disclosure;
pub mod dues;
pub mod elections;
pub mod enterprises;
mod error;
pub mod fixtures;
mod input;
pub mod jobs;
pub mod journal;
pub mod leaders;
pub mod meetings;
pub mod notify;
pub mod orgs;
pub mod people;
pub mod photos;
pub mod points;
pub mod policy;
pub mod sessions;
pub mod settings;
pub mod sheets;
pub mod study;
pub mod tasks;

pub use actor::{Actor, Locale, Principal, ScopedRole, TokenAccess};
pub use ctx::{App, Ctx, SystemClock};
pub use error::{AppError, Checks, FieldError, Result};
pub use settings::Settings;
