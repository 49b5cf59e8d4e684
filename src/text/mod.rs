//! Text helpers shared by several rule families. Each lives in its own named module.

pub mod dates;
pub mod diacritics;
pub mod escape;
pub mod hash;
pub mod lines;
pub mod normalize;
pub mod similar;
pub mod slug;
pub mod suggest;
pub mod urls;
pub mod width;
pub mod wrap;
pub mod years;
