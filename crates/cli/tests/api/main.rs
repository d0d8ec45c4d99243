//! Integration tests: the real application on a random port, on SQLite and on PostgreSQL.

mod helpers;

mod access;
mod appeals;
mod appeals_api;
mod appeals_pages;
mod appeals_staff;
mod appeals_villagers;
mod audit;
mod bad_input;
mod cli;
mod jobs;
mod open311;
mod orgs;
mod people;
mod people_api;
mod sessions;
