//! Who may suit whom. Pure rules, no I/O: conflicts of interest between a leader's organisation
//! and the organisations a coach declares they must not coach ([`conflicts`]), and the ranking
//! of coaches who may suit a leader, with its reasons ([`suggest`]).

pub mod conflicts;
pub mod suggest;
