//! The maths: learning rules, data, networks and their theory. Nothing here knows about
//! widgets, parameters, runs or the web (tests/layers.rs keeps it so).

pub mod abstraction;
pub mod backprop;
pub mod balance;
pub mod basins;
pub mod circuits;
pub mod cloud;
pub mod dense;
pub mod ei;
pub mod hopfield;
pub mod infomax;
pub mod letters;
pub mod many;
pub mod modern;
pub mod plasticity;
pub mod rng;
pub mod rules;
pub mod stdp;
