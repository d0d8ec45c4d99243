//! SeaORM entities, one per table.

pub mod account;
pub mod api_token;
pub mod area;
pub mod audit_entry;
pub mod audit_head;
pub mod grid;
pub mod household;
pub mod household_link;
pub mod import;
pub mod job;
pub mod job_run;
pub mod member;
pub mod member_history;
pub mod organization;
pub mod organization_area;
pub mod person;
pub mod position;
pub mod role_grant;
pub mod session;
pub mod throttle;
pub mod transfer;
pub mod village_body;
