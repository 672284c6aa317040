//! Who may suit whom. Pure rules, no I/O: conflicts of interest between a leader's organisation
//! and the organisations a coach declares they must not coach ([`conflicts`]).

pub mod conflicts;
