//! SeaORM entities, one per table.

pub mod account;
pub mod api_token;
pub mod area;
pub mod audit_entry;
pub mod audit_head;
pub mod job;
pub mod job_run;
pub mod organization;
pub mod organization_area;
pub mod role_grant;
pub mod session;
pub mod throttle;
