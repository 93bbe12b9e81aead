#![recursion_limit = "256"]
//! `tool-compare`, the site builder: the widget's files (built once, the
//! same for every site) and its components rendered natively (`ssr`) turn
//! a site owner's catalog into a complete static site, with no compiler
//! at the site owner's end.

pub mod card;
pub mod cli;
pub mod compress;
pub mod headers_rules;
pub mod html;
pub mod output;
pub mod page_meta;
pub mod pages;
pub mod parallel;
pub mod preview;
pub mod serve;
pub mod sharded;
pub mod site;
pub mod site_files;
pub mod snippet;
pub mod starter;
pub mod stylesheet;
pub mod widget;
