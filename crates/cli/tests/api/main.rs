//! Integration tests: the real application on a random port, on SQLite and on PostgreSQL.

mod helpers;

mod access;
mod audit;
mod bad_input;
mod cli;
mod jobs;
mod orgs;
mod people;
mod people_api;
mod sessions;
