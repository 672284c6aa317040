#![recursion_limit = "256"]

//! Cascade's web server: a thin binary (`main.rs`) over this library, so that tests can build
//! and run the same application on a port of their own.

pub mod assets;
pub mod configuration;
pub mod health;
pub mod layers;
pub mod metrics;
pub mod startup;
pub mod telemetry;
