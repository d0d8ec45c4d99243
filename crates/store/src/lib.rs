//! Storage of lianxin: one SeaORM model and one embedded migration set for SQLite and PostgreSQL,
//! with the queries of each capability in a module of the same name. Only this crate writes SQL.

pub mod accounts;
pub mod appeals;
pub mod audit;
pub mod backup;
pub mod care;
pub mod data_key;
mod db;
pub mod decisions;
pub mod development;
pub mod disclosure;
pub mod dues;
pub mod elections;
pub mod enterprises;
pub mod entity;
pub mod jobs;
pub mod meetings;
pub mod migration;
pub mod notify;
pub mod orgs;
pub mod people;
pub mod points;
pub mod sessions;
pub mod study;
pub mod tasks;

pub use db::{Backend, Db, StoreError, unique_violation};
pub use sea_orm::{ConnectionTrait, DatabaseTransaction, DbErr, TransactionTrait};

/// Result of a storage call.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
