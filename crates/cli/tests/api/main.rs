//! Integration tests: the real application on a random port, on SQLite and on PostgreSQL.

mod helpers;

mod access;
mod appeals;
mod appeals_api;
mod appeals_masking;
mod appeals_pages;
mod appeals_staff;
mod appeals_villagers;
mod audit;
mod bad_input;
mod care;
mod cli;
mod contract;
mod data_key;
mod decisions;
mod development;
mod disclosure;
mod dues;
mod election_stages;
mod election_voting;
mod elections;
mod enterprises;
mod jobs;
mod meetings;
mod open311;
mod orgs;
mod people;
mod people_api;
mod points;
mod sessions;
mod staff_pages;
mod stale;
mod study;
mod tasks;
mod team_api;
